//! The pages of a Member State's reply: home, the form, review, receipt,
//! history, print view and withdrawal. Focal points reach only their own
//! Member State; TSB staff reach any, entering replies on its behalf.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::forms::{field_errors, see_other, user_form, Fields};
use super::session::{PageCtx, PageError};
use super::views::{cancelled_view, deadline_view, meeting_view, tally_view};
use crate::domain::deadline::{parse_instant, GENEVA};
use crate::domain::entry::Claimed;
use crate::domain::ids::ConsultationId;
use crate::domain::member_state::Iso3;
use crate::domain::reply::{check_reply, ReplyError, SubmittedResponse};
use crate::error::ErrorCode;
use crate::mail::dated_time_label;
use crate::service::consultations::{self, ConsultationView};
use crate::service::replies::{self, ReplyPage, RevisionView};
use crate::service::ServiceError;

/// The page of a form posted to a consultation that takes no more replies.
fn not_open(ctx: &PageCtx, c: &ConsultationView) -> PageError {
    if c.is_cancelled() {
        ctx.error(StatusCode::CONFLICT, "error-cancelled")
    } else {
        ctx.error(StatusCode::CONFLICT, "error-closed")
    }
}

#[derive(Serialize, Clone, Default)]
struct DraftRow {
    index: usize,
    number: String,
    provisional_name: String,
    title: String,
    text_url: Option<String>,
    position: String,
    reasons: String,
    comments: String,
    error: Option<String>,
}

fn draft_rows(c: &ConsultationView, current: Option<&RevisionView>) -> Vec<DraftRow> {
    c.drafts
        .iter()
        .enumerate()
        .map(|(index, d)| {
            let r = current.and_then(|rev| rev.responses.iter().find(|r| r.draft == d.number));
            DraftRow {
                index,
                number: d.number.clone(),
                provisional_name: d.provisional_name.clone(),
                title: d.title.clone(),
                text_url: d.text_url.clone(),
                position: r
                    .map(|r| r.position.as_str().to_owned())
                    .unwrap_or_default(),
                reasons: r.and_then(|r| r.reasons.clone()).unwrap_or_default(),
                comments: r.and_then(|r| r.comments.clone()).unwrap_or_default(),
                error: None,
            }
        })
        .collect()
}

/// Reads the form's drafts back, in the consultation's order.
fn rows_from_form(c: &ConsultationView, f: &HashMap<String, String>) -> Vec<DraftRow> {
    draft_rows(c, None)
        .into_iter()
        .map(|mut d| {
            let get = |k: &str| {
                f.get(&format!("{k}-{}", d.index))
                    .cloned()
                    .unwrap_or_default()
            };
            d.position = get("position");
            d.reasons = get("reasons");
            d.comments = get("comments");
            d
        })
        .collect()
}

/// What the rule of the API says of a form: errors, which attach to drafts,
/// and the drafts answered "no" without reasons (a warning, 9.4.4).
#[derive(Default)]
struct FormCheck {
    errors: Vec<(String, String)>,
    no_without_reasons: Vec<String>,
}

/// Checks the form with the same rule as the API (`check_reply`).
fn check_rows(ctx: &PageCtx, rows: &mut [DraftRow]) -> FormCheck {
    let errors = |errors| FormCheck {
        errors,
        ..FormCheck::default()
    };
    let mut found = Vec::new();
    let mut submitted = Vec::new();
    for d in rows.iter_mut() {
        if d.position.is_empty() {
            if !d.reasons.trim().is_empty() || !d.comments.trim().is_empty() {
                let msg = ctx.catalogue().text(
                    ctx.lang,
                    "error-choose-position",
                    &[("draft", FluentValue::from(d.number.clone()))],
                );
                d.error = Some(msg.clone());
                found.push((format!("position-{}-yes", d.index), msg));
            }
            continue;
        }
        submitted.push(SubmittedResponse {
            draft: d.number.clone(),
            position: d.position.clone(),
            reasons: Some(d.reasons.clone()),
            comments: Some(d.comments.clone()),
        });
    }
    if !found.is_empty() {
        return errors(found);
    }
    let numbers: Vec<&str> = rows.iter().map(|d| d.number.as_str()).collect();
    match check_reply(&numbers, submitted) {
        Ok((_, warnings)) => FormCheck {
            errors: Vec::new(),
            no_without_reasons: warnings.into_iter().map(|w| w.draft).collect(),
        },
        Err(ReplyError::Empty) => {
            errors(vec![("position-0-yes".into(), ctx.t("error-empty-reply"))])
        }
        Err(e) => {
            let (draft, msg) = match &e {
                ReplyError::TextTooLong { draft, .. } => {
                    (draft.clone(), ctx.t("error-text-too-long"))
                }
                ReplyError::InvalidPosition { draft, .. } => {
                    (draft.clone(), ctx.t("error-invalid-position"))
                }
                other => (String::new(), other.to_string()),
            };
            let index = rows.iter().position(|d| d.number == draft).unwrap_or(0);
            if let Some(d) = rows.get_mut(index) {
                d.error = Some(msg.clone());
            }
            errors(vec![(format!("reasons-{index}"), msg)])
        }
    }
}

/// What every page of one reply starts from.
type Loaded = ReplyPage;

/// How TSB says it received a reply, as typed in the form: the source, the
/// Geneva time it reached TSB (blank: now) and whether it came late.
#[derive(Serialize, Clone, Default)]
struct Entry {
    source: String,
    received_at: String,
    late: bool,
}

impl Entry {
    fn from_form(f: &HashMap<String, String>) -> Self {
        let get = |k: &str| f.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
        Entry {
            source: get("source"),
            received_at: get("received_at"),
            late: f.get("late").is_some_and(|v| v == "1"),
        }
    }

    /// What the service is told, or the form error of an unreadable time.
    fn claimed(&self, ctx: &PageCtx) -> Result<Claimed, (String, String)> {
        let received_at = if self.received_at.is_empty() {
            None
        } else {
            Some(
                parse_instant(&self.received_at, GENEVA)
                    .map_err(|_| ("received_at".to_owned(), ctx.t("error-received-at-format")))?,
            )
        };
        Ok(Claimed {
            source: (!self.source.is_empty()).then(|| self.source.clone()),
            received_at,
            late: self.late,
        })
    }
}

/// TSB may still enter replies: the cut-off has passed, the result is not
/// certified and the consultation was not cancelled.
fn after_the_cut_off(ctx: &PageCtx, c: &ConsultationView) -> bool {
    ctx.actor.as_ref().is_some_and(|a| a.is_tsb()) && c.takes_entries_after_cut_off()
}

/// The refusals of an entry that the form shows beside its fields.
fn entry_error(ctx: &PageCtx, l: &Loaded, e: &ServiceError) -> Option<(String, String)> {
    if let Some(field) = e.reason().and_then(|r| r.field) {
        return Some((field.to_owned(), ctx.refusal(e)));
    }
    match e.code() {
        // After the cut-off, TSB must say when the reply reached it.
        ErrorCode::ConsultationClosed if after_the_cut_off(ctx, &l.consultation) => Some((
            "received_at".to_owned(),
            ctx.t("error-received-at-required"),
        )),
        _ => None,
    }
}

async fn load(ctx: &PageCtx, id: &ConsultationId, iso3: &Iso3) -> Result<Loaded, PageError> {
    let actor = ctx.require_user()?.clone();
    let (id, iso3) = (id.clone(), iso3.clone());
    ctx.state
        .read_after(
            id.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| replies::page(conn, &actor, clock, &id, &iso3),
        )
        .await
        .map_err(|e| ctx.service_error(e))
}

fn form_page(
    ctx: &PageCtx,
    l: &Loaded,
    rows: Vec<DraftRow>,
    errors: Vec<(String, String)>,
    entry: &Entry,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let on_behalf = ctx.actor.as_ref().is_some_and(|a| a.is_tsb());
    let after_cut_off = after_the_cut_off(ctx, &l.consultation);
    let error_of = |f: &str| errors.iter().find(|(k, _)| k == f).map(|(_, m)| m.clone());
    let (source_error, received_at_error) = (error_of("source"), error_of("received_at"));
    let errors = field_errors(errors);
    // Once closed, the result, with this Member State's own positions.
    let own = |draft: &str| -> Option<&'static str> {
        let current = l.reply.current.as_ref()?;
        current
            .responses
            .iter()
            .find(|r| r.draft == draft)
            .map(|r| r.position.as_str())
    };
    let tally = l.tally.as_ref().map(|t| tally_view(ctx, t, Some(&own)));
    ctx.render_status(
        status,
        "reply_form.html",
        &minijinja::context! {
            c => &l.consultation,
            deadline => deadline_view(ctx, &l.consultation, l.as_of),
            member_state => &l.reply.member_state,
            current => &l.reply.current,
            has_reply => l.reply.current.as_ref().is_some_and(|c| !c.withdrawn),
            drafts => rows,
            errors => errors,
            open => l.consultation.is_open(),
            editable => l.consultation.is_open() || after_cut_off,
            after_cut_off => after_cut_off,
            on_behalf => on_behalf,
            entry => entry,
            source_error => source_error,
            received_at_error => received_at_error,
            tally => &l.tally,
            decisions => &l.decisions,
            view => tally,
            meeting => meeting_view(ctx, &l.consultation),
            cancelled => cancelled_view(ctx, &l.consultation),
        },
    )
}

#[get("/home")]
pub async fn home(ctx: PageCtx) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_user()?.clone();
    if actor.is_tsb() {
        return Ok(see_other("/tsb"));
    }
    let home = ctx
        .state
        .read(move |conn, clock| replies::home(conn, &actor, clock))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let items: Vec<_> = home
        .items
        .iter()
        .map(|item| {
            let c = &item.consultation;
            let rows = draft_rows(c, item.current.as_ref().filter(|r| !r.withdrawn));
            let answered = rows.iter().filter(|d| !d.position.is_empty()).count();
            minijinja::context! {
                c => c,
                deadline => deadline_view(&ctx, c, home.as_of),
                drafts => rows,
                answered => answered,
                open => c.is_open(),
                cancelled => cancelled_view(&ctx, c),
                iso3 => &home.member_state.iso3,
            }
        })
        .collect();
    ctx.render(
        "home.html",
        &minijinja::context! { items => items, member_state => crate::i18n::names::name_of(ctx.lang, &home.member_state.iso3) },
    )
}

#[get("/consultations/{id}/replies/{iso3}")]
pub async fn reply_form(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
) -> Result<HttpResponse, PageError> {
    let (id, iso3) = path.into_inner();
    let l = load(&ctx, &id, &iso3).await?;
    let rows = draft_rows(
        &l.consultation,
        l.reply.current.as_ref().filter(|r| !r.withdrawn),
    );
    form_page(
        &ctx,
        &l,
        rows,
        Vec::new(),
        &Entry::default(),
        StatusCode::OK,
    )
}

/// A submitted reply form: checked for CSRF, read back and checked like the API does.
struct Posted {
    loaded: Loaded,
    fields: HashMap<String, String>,
    rows: Vec<DraftRow>,
    entry: Entry,
    errors: Vec<(String, String)>,
    no_without_reasons: Vec<String>,
}

async fn posted(
    ctx: &PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
    form: Fields,
) -> Result<Posted, PageError> {
    let (id, iso3) = path.into_inner();
    let fields = user_form(ctx, form)?;
    let loaded = load(ctx, &id, &iso3).await?;
    let mut rows = rows_from_form(&loaded.consultation, &fields);
    let entry = Entry::from_form(&fields);
    let mut check = check_rows(ctx, &mut rows);
    if let Err(e) = entry.claimed(ctx) {
        check.errors.push(e);
    }
    Ok(Posted {
        loaded,
        fields,
        rows,
        entry,
        errors: check.errors,
        no_without_reasons: check.no_without_reasons,
    })
}

#[post("/consultations/{id}/replies/{iso3}/review")]
pub async fn review_reply(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let p = posted(&ctx, path, form).await?;
    let l = &p.loaded;
    if !l.consultation.is_open() && !after_the_cut_off(&ctx, &l.consultation) {
        return Err(not_open(&ctx, &l.consultation));
    }
    let (rows, entry) = (p.rows, p.entry);
    if !p.errors.is_empty() {
        return form_page(
            &ctx,
            l,
            rows,
            p.errors,
            &entry,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let warnings = p.no_without_reasons;
    ctx.render(
        "reply_review.html",
        &minijinja::context! {
            c => &l.consultation,
            deadline => deadline_view(&ctx, &l.consultation, l.as_of),
            member_state => &l.reply.member_state,
            drafts => rows,
            warnings => warnings,
            entry => entry,
            on_behalf => ctx.actor.as_ref().is_some_and(|a| a.is_tsb()),
        },
    )
}

#[post("/consultations/{id}/replies/{iso3}")]
pub async fn submit_reply(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let id = path.0.clone();
    let p = posted(&ctx, path, form).await?;
    let (l, rows, entry, errors) = (&p.loaded, p.rows, p.entry, p.errors);
    if p.fields.get("action").map(String::as_str) == Some("change") || !errors.is_empty() {
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return form_page(&ctx, l, rows, errors, &entry, status);
    }
    let claimed = entry.claimed(&ctx).unwrap_or_default();
    let submitted: Vec<SubmittedResponse> = rows
        .iter()
        .filter(|d| !d.position.is_empty())
        .map(|d| SubmittedResponse {
            draft: d.number.clone(),
            position: d.position.clone(),
            reasons: Some(d.reasons.clone()),
            comments: Some(d.comments.clone()),
        })
        .collect();
    let actor = ctx.require_user()?.clone();
    let mail = ctx.state.mail.clone();
    let (cid, ms) = (id.clone(), Iso3::normalize(&l.reply.member_state.iso3));
    let result = ctx
        .state
        .write_retrying(move |conn, clock| {
            replies::submit(
                conn,
                &actor,
                clock,
                &mail,
                &cid,
                &ms,
                submitted.clone(),
                claimed.clone(),
            )
        })
        .await;
    let receipt = match result {
        Ok(r) => r,
        Err(e) => {
            return match entry_error(&ctx, l, &e) {
                Some(err) => form_page(
                    &ctx,
                    l,
                    rows,
                    vec![err],
                    &entry,
                    StatusCode::UNPROCESSABLE_ENTITY,
                ),
                None => Err(ctx.service_error(e)),
            }
        }
    };
    Ok(see_other(&format!(
        "/consultations/{id}/replies/{}/receipt?revision={}{}",
        l.reply.member_state.iso3,
        receipt.revision,
        if receipt.changed { "" } else { "&unchanged=1" }
    )))
}

#[derive(Deserialize)]
pub struct ReceiptQuery {
    revision: Option<i32>,
    unchanged: Option<u8>,
}

#[get("/consultations/{id}/replies/{iso3}/receipt")]
pub async fn receipt_page(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
    q: web::Query<ReceiptQuery>,
) -> Result<HttpResponse, PageError> {
    let (id, iso3) = path.into_inner();
    let l = load(&ctx, &id, &iso3).await?;
    let wanted = q.revision.or(l.reply.current.as_ref().map(|c| c.revision));
    let Some(rev) = l
        .reply
        .revisions
        .iter()
        .find(|r| Some(r.revision) == wanted)
    else {
        return Err(ctx.error(StatusCode::NOT_FOUND, "error-not-found"));
    };
    let cat = ctx.catalogue();
    ctx.render(
        "reply_receipt.html",
        &minijinja::context! {
            c => &l.consultation,
            deadline => deadline_view(&ctx, &l.consultation, l.as_of),
            member_state => &l.reply.member_state,
            rev => rev,
            received => dated_time_label(cat, ctx.lang, rev.received_at, false),
            entered => dated_time_label(cat, ctx.lang, rev.entered_at, false),
            unchanged => q.unchanged.is_some(),
            open => l.consultation.is_open(),
        },
    )
}

#[derive(Deserialize)]
pub struct RevisionQuery {
    revision: i32,
}

/// The revision's verifiable receipt as a file, `receipt-<code>.json`.
#[get("/consultations/{id}/replies/{iso3}/receipt.json")]
pub async fn receipt_file(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
    q: web::Query<RevisionQuery>,
) -> Result<HttpResponse, PageError> {
    let (id, iso3) = path.into_inner();
    let actor = ctx.require_user()?.clone();
    let (key, revision) = (ctx.state.log.clone(), q.revision);
    let (code, file) = ctx
        .state
        .read(move |conn, _| replies::receipt_file(conn, &actor, &key, &id, &iso3, revision))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let body = file
        .to_text()
        .map_err(|_| ctx.error(StatusCode::INTERNAL_SERVER_ERROR, "error-internal"))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"receipt-{code}.json\""),
        ))
        .body(body))
}

#[get("/consultations/{id}/replies/{iso3}/history")]
pub async fn history_page(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
) -> Result<HttpResponse, PageError> {
    let (id, iso3) = path.into_inner();
    let l = load(&ctx, &id, &iso3).await?;
    let cat = ctx.catalogue();
    let revisions: Vec<_> = l
        .reply
        .revisions
        .iter()
        .rev()
        .map(|r| minijinja::context! { r => r, received => dated_time_label(cat, ctx.lang, r.received_at, false), entered => dated_time_label(cat, ctx.lang, r.entered_at, false) })
        .collect();
    ctx.render(
        "reply_history.html",
        &minijinja::context! { c => &l.consultation, member_state => &l.reply.member_state, revisions => revisions, current => l.reply.current.as_ref().map(|c| c.revision) },
    )
}

#[get("/consultations/{id}/replies/{iso3}/print")]
pub async fn print_page(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
) -> Result<HttpResponse, PageError> {
    let (id, iso3) = path.into_inner();
    let l = load(&ctx, &id, &iso3).await?;
    let current = l.reply.current.as_ref().filter(|r| !r.withdrawn);
    let cat = ctx.catalogue();
    ctx.render(
        "reply_print.html",
        &minijinja::context! {
            c => &l.consultation,
            deadline => deadline_view(&ctx, &l.consultation, l.as_of),
            member_state => &l.reply.member_state,
            drafts => draft_rows(&l.consultation, current),
            meeting => meeting_view(&ctx, &l.consultation),
            cancelled => cancelled_view(&ctx, &l.consultation),
            rev => current,
            received => current.map(|r| dated_time_label(cat, ctx.lang, r.received_at, false)),
        },
    )
}

#[get("/consultations/{id}/replies/{iso3}/withdraw")]
pub async fn withdraw_page(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
) -> Result<HttpResponse, PageError> {
    let (id, iso3) = path.into_inner();
    let l = load(&ctx, &id, &iso3).await?;
    if !l.consultation.is_open() {
        return Err(not_open(&ctx, &l.consultation));
    }
    ctx.render(
        "withdraw.html",
        &minijinja::context! { c => &l.consultation, member_state => &l.reply.member_state, on_behalf => ctx.actor.as_ref().is_some_and(|a| a.is_tsb()) },
    )
}

#[post("/consultations/{id}/replies/{iso3}/withdraw")]
pub async fn withdraw_reply(
    ctx: PageCtx,
    path: web::Path<(ConsultationId, Iso3)>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (id, iso3) = path.into_inner();
    let f = user_form(&ctx, form)?;
    let actor = ctx.require_user()?.clone();
    let mail = ctx.state.mail.clone();
    let (cid, ms) = (id.clone(), iso3.clone());
    let source = f
        .get("source")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let result = ctx
        .state
        .write_retrying(move |conn, clock| {
            replies::withdraw(
                conn,
                &actor,
                clock,
                &mail,
                &cid,
                &ms,
                Claimed {
                    source: source.clone(),
                    ..Claimed::default()
                },
            )
        })
        .await;
    match result {
        Ok(r) => Ok(see_other(&format!(
            "/consultations/{id}/replies/{iso3}/receipt?revision={}",
            r.revision
        ))),
        Err(e) if e.code() == ErrorCode::NoReply => {
            Err(ctx.error(StatusCode::NOT_FOUND, "error-no-reply"))
        }
        Err(e) => Err(ctx.service_error(e)),
    }
}
