//! TSB's page of the meeting's decisions: one form per draft, the
//! notification to the Member States and the text for the Bulletin.

use std::collections::HashMap;

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use fluent_bundle::FluentValue;
use serde::Deserialize;

use super::forms::{field_errors, see_other, tsb_form, Fields};
use super::session::{PageCtx, PageError};
use crate::domain::decision::{Outcome, ProposedDecision, Reservation};
use crate::domain::ids::ConsultationId;
use crate::service::{consultations, decisions, tally as tally_service};

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// What one draft's form holds, as typed.
#[derive(serde::Serialize, Default, Clone)]
struct DraftForm {
    index: usize,
    outcome: String,
    decided_on: String,
    deferred_until: String,
    reservations: String,
    abstentions: String,
    note: String,
}

impl DraftForm {
    fn of(index: usize, d: &decisions::DecisionView) -> Self {
        DraftForm {
            index,
            outcome: d.outcome.as_str().to_owned(),
            decided_on: d.decided_on.to_string(),
            deferred_until: d.deferred_until.map(|x| x.to_string()).unwrap_or_default(),
            reservations: d
                .reservations
                .iter()
                .map(|r| format!("{}: {}", r.member_state.iso3, r.text.replace('\n', " ")))
                .collect::<Vec<_>>()
                .join("\n"),
            abstentions: d
                .abstentions
                .iter()
                .map(|m| m.iso3.clone())
                .collect::<Vec<_>>()
                .join(", "),
            note: d.note.clone().unwrap_or_default(),
        }
    }

    fn from_fields(index: usize, f: &HashMap<String, String>) -> Self {
        let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
        DraftForm {
            index,
            outcome: get("outcome"),
            decided_on: get("decided_on"),
            deferred_until: get("deferred_until"),
            reservations: get("reservations"),
            abstentions: get("abstentions"),
            note: get("note"),
        }
    }

    /// The decision the form describes, or the field at fault with the key
    /// of its message.
    fn proposed(&self) -> Result<ProposedDecision, (&'static str, &'static str)> {
        let outcome = Outcome::parse(&self.outcome).ok_or(("outcome", "error-decision-outcome"))?;
        let date = |s: &str| s.parse::<NaiveDate>().ok();
        let decided_on = date(&self.decided_on).ok_or(("decided_on", "error-decision-date"))?;
        let deferred_until = if self.deferred_until.is_empty() {
            None
        } else {
            Some(date(&self.deferred_until).ok_or(("deferred_until", "error-decision-date"))?)
        };
        let mut reservations = Vec::new();
        for line in self
            .reservations
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let (code, text) = line
                .split_once(':')
                .ok_or(("reservations", "error-reservation-format"))?;
            reservations.push(Reservation {
                member_state: code.trim().to_owned(),
                text: text.trim().to_owned(),
            });
        }
        let abstentions = self
            .abstentions
            .split([',', ' ', ';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        Ok(ProposedDecision {
            outcome,
            decided_on,
            deferred_until,
            reservations,
            abstentions,
            note: (!self.note.is_empty()).then(|| self.note.clone()),
        })
    }
}

async fn page(
    ctx: &PageCtx,
    id: &ConsultationId,
    edited: Option<(DraftForm, Vec<(String, String)>)>,
    done: Option<&'static str>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let target = id.clone();
    let (c, tally, list) = ctx
        .state
        .read_after(
            target.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| {
                let c = consultations::get_sealed(conn, clock, &target)?;
                let tally = tally_service::tally(conn, &actor, clock, &target)?;
                let list = decisions::list(conn, clock, &target)?;
                Ok((c, tally, list))
            },
        )
        .await
        .map_err(|e| ctx.service_error(e))?;
    let status = if edited.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (edited_form, errors) = match edited {
        Some((f, e)) => (Some(f), e),
        None => (None, Vec::new()),
    };
    let drafts: Vec<minijinja::Value> = c
        .drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let decision = list.iter().find(|x| x.draft == d.number);
            let form = match &edited_form {
                Some(f) if f.index == i => f.clone(),
                _ => decision.map(|x| DraftForm::of(i, x)).unwrap_or(DraftForm {
                    index: i,
                    ..DraftForm::default()
                }),
            };
            minijinja::context! {
                d => d,
                finding => tally.drafts.get(i).map(|t| t.outcome.as_str()),
                decision => decision,
                form => form,
            }
        })
        .collect();
    ctx.render_status(
        status,
        "tsb_decisions.html",
        &minijinja::context! {
            c => &c,
            drafts => drafts,
            has_decisions => !list.is_empty(),
            decidable => !c.is_open() && !c.is_cancelled(),
            errors => field_errors(errors),
            done => done,
        },
    )
}

#[get("/tsb/consultations/{id}/decisions")]
pub async fn decisions_page(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, PageError> {
    let done = match q.done.as_deref() {
        Some("saved") => Some("decisions-done-saved"),
        Some("notified") => Some("decisions-done-notified"),
        _ => None,
    };
    page(&ctx, &id.into_inner(), None, done).await
}

#[post("/tsb/consultations/{id}/decisions/{index}")]
pub async fn record(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, usize)>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, f) = tsb_form(&ctx, form)?;
    let (id, index) = path.into_inner();
    let typed = DraftForm::from_fields(index, &f);
    let field = |name: &str| format!("{name}-{index}");
    let proposed = match typed.proposed() {
        Ok(p) => p,
        Err((name, key)) => {
            let errors = vec![(field(name), ctx.t(key))];
            return page(&ctx, &id, Some((typed, errors)), None).await;
        }
    };
    let target = id.clone();
    let result = ctx
        .state
        .write(move |conn, clock| {
            let c = consultations::get(conn, clock, &target)?;
            let Some(draft) = c.drafts.get(index) else {
                return Err(crate::service::ServiceError::new(
                    crate::error::ErrorCode::NotFound,
                    "no such draft",
                ));
            };
            decisions::record(
                conn,
                &actor,
                clock,
                &target,
                &draft.number,
                proposed.clone(),
            )
        })
        .await;
    match result {
        Ok(_) => Ok(see_other(&format!(
            "/tsb/consultations/{id}/decisions?done=saved"
        ))),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let message = ctx.catalogue().text(
                ctx.lang,
                "error-decision-refused",
                &[("reason", FluentValue::from(ctx.refusal(&e)))],
            );
            let at = e.reason().and_then(|r| r.field).unwrap_or("outcome");
            page(&ctx, &id, Some((typed, vec![(field(at), message)])), None).await
        }
        Err(e) => Err(ctx.service_error(e)),
    }
}

#[post("/tsb/consultations/{id}/decisions-notify")]
pub async fn notify(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, _) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    let mail = ctx.state.mail.clone();
    let target = id.clone();
    ctx.state
        .write(move |conn, clock| decisions::notify(conn, &actor, clock, &mail, &target))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(see_other(&format!(
        "/tsb/consultations/{id}/decisions?done=notified"
    )))
}

#[get("/tsb/consultations/{id}/decisions/bulletin")]
pub async fn bulletin(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let id = id.into_inner();
    let file = ctx
        .state
        .read(move |conn, clock| decisions::bulletin_file(conn, &actor, clock, &id))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((header::CONTENT_DISPOSITION, file.content_disposition()))
        .body(file.bytes))
}
