//! TSB's pages of consultations: the list, creating and changing one, its
//! live tally and who replied, entering a reply on behalf, exports.

use std::collections::HashMap;

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::forms::{field_errors, see_other, tsb_form, Fields};
use super::session::{url_escape, PageCtx, PageError};
use super::views::{cancelled_view, certified_view, deadline_view, meeting_view, tally_view};
use crate::domain::consultation::{ProposedConsultation, ProposedDraft, MAX_DRAFTS};
use crate::domain::deadline::GENEVA;
use crate::domain::ids::ConsultationId;
use crate::domain::member_state::Iso3;
use crate::error::{ErrorCode, ServiceError};
use crate::mail::dated_time_label;
use crate::service::comments::{self as comments_service, CommentsFormat};
use crate::service::consultations::{self, ConsultationView};
use crate::service::export::{self as export_service, ExportFormat, ExportRequest};
use crate::service::member_states::{self, MemberStateView};

#[get("/tsb")]
pub async fn list_page(ctx: PageCtx) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let overview = ctx
        .state
        .read(move |conn, clock| consultations::overview(conn, &actor, clock))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let items: Vec<_> = overview
        .consultations
        .iter()
        .map(|s| minijinja::context! { c => &s.consultation, deadline => deadline_view(&ctx, &s.consultation, overview.as_of), replied => s.member_states_replied })
        .collect();
    ctx.render(
        "tsb_consultations.html",
        &minijinja::context! { items => items },
    )
}

#[derive(Serialize, Default, Clone)]
struct DraftInput {
    index: usize,
    number: String,
    provisional_name: String,
    title: String,
    text_url: String,
}

#[derive(Serialize, Default)]
struct ConsultationInput {
    reference: String,
    study_group: String,
    title: String,
    deadline: String,
    time_zone: String,
    meeting_starts_on: String,
    meeting_ends_on: String,
    meeting_place: String,
    drafts: Vec<DraftInput>,
    /// A correction TSB sends no notice of.
    no_notice: bool,
}

impl ConsultationInput {
    fn from_view(c: &ConsultationView) -> Self {
        ConsultationInput {
            reference: c.reference.clone(),
            study_group: c.study_group.clone(),
            title: c.title.clone(),
            deadline: c.deadline.clone(),
            time_zone: c.time_zone.clone(),
            meeting_starts_on: c
                .meeting_starts_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            meeting_ends_on: c.meeting_ends_on.map(|d| d.to_string()).unwrap_or_default(),
            meeting_place: c.meeting_place.clone().unwrap_or_default(),
            no_notice: false,
            drafts: c
                .drafts
                .iter()
                .enumerate()
                .map(|(index, d)| DraftInput {
                    index,
                    number: d.number.clone(),
                    provisional_name: d.provisional_name.clone(),
                    title: d.title.clone(),
                    text_url: d.text_url.clone().unwrap_or_default(),
                })
                .collect(),
        }
    }

    fn from_form(f: &HashMap<String, String>) -> Self {
        let get = |k: &str| f.get(k).cloned().unwrap_or_default();
        let rows = get("rows").parse::<usize>().unwrap_or(0).min(MAX_DRAFTS);
        ConsultationInput {
            reference: get("reference"),
            study_group: get("study_group"),
            title: get("title"),
            deadline: get("deadline"),
            time_zone: get("time_zone"),
            meeting_starts_on: get("meeting_starts_on"),
            meeting_ends_on: get("meeting_ends_on"),
            meeting_place: get("meeting_place"),
            no_notice: f.get("no_notice").is_some_and(|v| v == "1"),
            drafts: (0..rows)
                .map(|i| DraftInput {
                    index: i,
                    number: get(&format!("draft-number-{i}")),
                    provisional_name: get(&format!("draft-name-{i}")),
                    title: get(&format!("draft-title-{i}")),
                    text_url: get(&format!("draft-url-{i}")),
                })
                .collect(),
        }
    }

    /// Blank rows are left out; a date that does not parse is an error.
    fn proposal(&self) -> Result<ProposedConsultation, (&'static str, &'static str)> {
        let date = |s: &str,
                    field: &'static str|
         -> Result<Option<chrono::NaiveDate>, (&'static str, &'static str)> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| (field, "error-date"))
        };
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        Ok(ProposedConsultation {
            reference: self.reference.clone(),
            study_group: self.study_group.clone(),
            title: self.title.clone(),
            deadline: self.deadline.clone(),
            time_zone: opt(&self.time_zone),
            meeting_starts_on: date(&self.meeting_starts_on, "meeting_starts_on")?,
            meeting_ends_on: date(&self.meeting_ends_on, "meeting_ends_on")?,
            meeting_place: opt(&self.meeting_place),
            drafts: self
                .drafts
                .iter()
                .filter(|d| {
                    !(d.number.trim().is_empty()
                        && d.provisional_name.trim().is_empty()
                        && d.title.trim().is_empty()
                        && d.text_url.trim().is_empty())
                })
                .map(|d| ProposedDraft {
                    number: d.number.clone(),
                    provisional_name: d.provisional_name.clone(),
                    title: d.title.clone(),
                    text_url: opt(&d.text_url),
                })
                .collect(),
        })
    }

    fn pad(mut self, extra: usize) -> Self {
        let n = self.drafts.len();
        for i in n..n + extra {
            self.drafts.push(DraftInput {
                index: i,
                ..DraftInput::default()
            });
        }
        self
    }
}

/// Which field an error of the use case belongs to, for the error summary.
fn field_of(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidDeadline
        | ErrorCode::NonexistentDeadline
        | ErrorCode::AmbiguousDeadline
        | ErrorCode::LockedAfterReplies => "deadline",
        ErrorCode::UnknownTimeZone => "time_zone",
        ErrorCode::NoticeRequired => "no_notice",
        ErrorCode::InvalidMeetingDates => "meeting_ends_on",
        ErrorCode::NoDrafts
        | ErrorCode::RepeatedDraft
        | ErrorCode::TooManyDrafts
        | ErrorCode::InvalidTextUrl => "draft-number-0",
        _ => "reference",
    }
}

/// Errors shown beside the form's fields: invalid input and conflicts with
/// what is stored, except a closed consultation (its own page).
fn is_form_error(e: &ServiceError) -> bool {
    let status = e.status();
    (status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::CONFLICT)
        && e.code() != ErrorCode::ConsultationClosed
        && e.code() != ErrorCode::ConsultationCancelled
}

fn form_page(
    ctx: &PageCtx,
    id: Option<&str>,
    input: ConsultationInput,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let errors = field_errors(errors);
    let rows = input.drafts.len();
    ctx.render_status(
        status,
        "tsb_consultation_form.html",
        &minijinja::context! { id => id, input => input, rows => rows, errors => errors },
    )
}

#[get("/tsb/consultations/new")]
pub async fn new_page(ctx: PageCtx) -> Result<HttpResponse, PageError> {
    ctx.require_tsb()?;
    let input = ConsultationInput {
        time_zone: GENEVA.name().into(),
        ..ConsultationInput::default()
    }
    .pad(5);
    form_page(&ctx, None, input, Vec::new(), StatusCode::OK)
}

#[get("/tsb/consultations/{id}/edit")]
pub async fn edit_page(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, PageError> {
    ctx.require_tsb()?;
    let id = id.into_inner();
    let cid = id.clone();
    let c = ctx
        .state
        .read(move |conn, clock| consultations::get(conn, clock, &cid))
        .await
        .map_err(|e| ctx.service_error(e))?;
    form_page(
        &ctx,
        Some(id.as_str()),
        ConsultationInput::from_view(&c).pad(2),
        Vec::new(),
        StatusCode::OK,
    )
}

async fn save(
    ctx: PageCtx,
    id: Option<ConsultationId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, f) = tsb_form(&ctx, form)?;
    let input = ConsultationInput::from_form(&f);
    if f.get("action").map(String::as_str) == Some("more") {
        return form_page(
            &ctx,
            id.as_ref().map(ConsultationId::as_str),
            input.pad(3),
            Vec::new(),
            StatusCode::OK,
        );
    }
    let proposal = match input.proposal() {
        Ok(p) => p,
        Err((field, key)) => {
            return form_page(
                &ctx,
                id.as_ref().map(ConsultationId::as_str),
                input,
                vec![(field.into(), ctx.t(key))],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    };
    let mail = ctx.state.mail.clone();
    let target = id.clone();
    let notify = !input.no_notice;
    let result = ctx
        .state
        .write(move |conn, clock| match target {
            Some(id) => consultations::update(conn, &actor, clock, &mail, &id, proposal, notify),
            None => consultations::create(conn, &actor, clock, &mail, proposal),
        })
        .await;
    let done = match (&id, notify) {
        (None, _) => "",
        (Some(_), true) => "?done=saved",
        (Some(_), false) => "?done=saved_quietly",
    };
    match result {
        Ok(c) => Ok(see_other(&format!("/tsb/consultations/{}{done}", c.id))),
        Err(e) if is_form_error(&e) => {
            let field = field_of(e.code());
            form_page(
                &ctx,
                id.as_ref().map(ConsultationId::as_str),
                input,
                vec![(field.into(), ctx.refusal(&e))],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(ctx.service_error(e)),
    }
}

/// A refused consultation form, in the page's language.
#[post("/tsb/consultations/new")]
pub async fn create(ctx: PageCtx, form: Fields) -> Result<HttpResponse, PageError> {
    save(ctx, None, form).await
}

#[post("/tsb/consultations/{id}/edit")]
pub async fn update(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    save(ctx, Some(id.into_inner()), form).await
}

/// What TSB's page of a consultation confirms after an action (`?done=`).
fn done_message(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "saved" => Some("consultation-done-saved"),
        "saved_quietly" => Some("consultation-done-saved-quietly"),
        "cancelled" => Some("consultation-done-cancelled"),
        "certified" => Some("consultation-done-certified"),
        _ => None,
    }
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

fn cancel_form(
    ctx: &PageCtx,
    c: &ConsultationView,
    reason: &str,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    ctx.render_status(
        status,
        "tsb_consultation_cancel.html",
        &minijinja::context! { c => c, reason => reason, errors => field_errors(errors) },
    )
}

/// Asks TSB to confirm a cancellation and to say why.
#[get("/tsb/consultations/{id}/cancel")]
pub async fn cancel_page(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, PageError> {
    ctx.require_tsb()?;
    let id = id.into_inner();
    let c = ctx
        .state
        .read(move |conn, clock| consultations::get(conn, clock, &id))
        .await
        .map_err(|e| ctx.service_error(e))?;
    if c.is_cancelled() {
        return Err(ctx.service_error(consultations::cancelled(&c)));
    }
    cancel_form(&ctx, &c, "", Vec::new(), StatusCode::OK)
}

#[post("/tsb/consultations/{id}/cancel")]
pub async fn cancel(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, f) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    let reason = f.get("reason").cloned().unwrap_or_default();
    let mail = ctx.state.mail.clone();
    let (target, why) = (id.clone(), reason.clone());
    let result = ctx
        .state
        .write(move |conn, clock| consultations::cancel(conn, &actor, clock, &mail, &target, &why))
        .await;
    match result {
        Ok(c) => Ok(see_other(&format!(
            "/tsb/consultations/{}?done=cancelled",
            c.id
        ))),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let c = ctx
                .state
                .read(move |conn, clock| consultations::get(conn, clock, &id))
                .await
                .map_err(|e| ctx.service_error(e))?;
            let message = match e.code() {
                ErrorCode::MissingField => ctx.t("error-cancel-reason-required"),
                ErrorCode::ControlCharacters => ctx.t("error-control-characters-text"),
                _ => ctx.refusal(&e),
            };
            cancel_form(
                &ctx,
                &c,
                &reason,
                vec![("reason".into(), message)],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(ctx.service_error(e)),
    }
}

#[get("/tsb/consultations/{id}")]
pub async fn detail(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let done = done_message(query.done.as_deref());
    let id = id.into_inner();
    let d = ctx
        .state
        .read_after(
            id.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| consultations::detail(conn, &actor, clock, &id),
        )
        .await
        .map_err(|e| ctx.service_error(e))?;
    let view = tally_view(&ctx, &d.tally, None);
    let cat = ctx.catalogue();
    let late: Vec<minijinja::Value> = d
        .late
        .iter()
        .map(|r| {
            minijinja::context! {
                r => r,
                received => dated_time_label(cat, ctx.lang, r.reply.received_at, false),
            }
        })
        .collect();
    let certified = certified_view(&ctx, &d.consultation);
    ctx.render(
        "tsb_consultation.html",
        &minijinja::context! {
            c => &d.consultation,
            deadline => deadline_view(&ctx, &d.consultation, d.as_of),
            tally => &d.tally,
            view => view,
            meeting => meeting_view(&ctx, &d.consultation),
            cancelled => cancelled_view(&ctx, &d.consultation),
            done => done,
            replied => &d.replied,
            not_replied => sorted(&d.not_replied, ctx.lang),
            late => late,
            entries_after_cut_off => d.entries_after_cut_off,
            certified => certified,
            states => sorted(&d.member_states, ctx.lang),
            has_replies => d.has_replies,
        },
    )
}

/// Member States in the order of the reader's language.
fn sorted(states: &[MemberStateView], lang: &str) -> Vec<MemberStateView> {
    let mut states = states.to_vec();
    member_states::sort_for(&mut states, lang);
    states
}

/// Asks TSB to confirm the certification of a result, showing it.
#[get("/tsb/consultations/{id}/certify")]
pub async fn certify_page(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let id = id.into_inner();
    let d = ctx
        .state
        .read_after(
            id.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| consultations::detail(conn, &actor, clock, &id),
        )
        .await
        .map_err(|e| ctx.service_error(e))?;
    if !d.entries_after_cut_off {
        return Err(ctx.error(StatusCode::CONFLICT, "error-cannot-certify"));
    }
    let view = tally_view(&ctx, &d.tally, None);
    ctx.render(
        "tsb_consultation_certify.html",
        &minijinja::context! {
            c => &d.consultation,
            deadline => deadline_view(&ctx, &d.consultation, d.as_of),
            tally => &d.tally,
            view => view,
        },
    )
}

#[post("/tsb/consultations/{id}/certify")]
pub async fn certify(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, _) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    let mail = ctx.state.mail.clone();
    let target = id.clone();
    ctx.state
        .write(move |conn, clock| consultations::certify(conn, &actor, clock, &mail, &target))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(see_other(&format!(
        "/tsb/consultations/{id}?done=certified"
    )))
}

#[derive(Deserialize)]
pub struct OnBehalfQuery {
    iso3: String,
}

/// Picks the Member State whose reply TSB enters from an email or fax.
#[get("/tsb/consultations/{id}/on-behalf")]
pub async fn on_behalf(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    q: web::Query<OnBehalfQuery>,
) -> Result<HttpResponse, PageError> {
    ctx.require_tsb()?;
    let iso3 = Iso3::normalize(&q.iso3);
    Ok(see_other(&format!(
        "/consultations/{}/replies/{}",
        id.into_inner(),
        url_escape(iso3.as_str())
    )))
}

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
    table: Option<String>,
    lang: Option<String>,
}

#[get("/tsb/consultations/{id}/export")]
pub async fn export(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    q: web::Query<ExportQuery>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let Some(format) = ExportFormat::parse(q.format.as_deref().unwrap_or("csv")) else {
        return Err(ctx.error(StatusCode::BAD_REQUEST, "error-not-found"));
    };
    // The page's language unless the link asks for another.
    let request = ExportRequest {
        table: q.table.clone(),
        lang: Some(q.lang.clone().unwrap_or_else(|| ctx.lang.to_owned())),
    };
    let catalogue = ctx.state.mail.renderer.catalogue_arc();
    let id = id.into_inner();
    let file = ctx
        .state
        .read_after(
            id.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| {
                export_service::export(conn, &actor, clock, &catalogue, &id, format, &request)
            },
        )
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((header::CONTENT_DISPOSITION, file.content_disposition()))
        .body(file.bytes))
}

#[derive(Deserialize)]
pub struct CommentsQuery {
    format: Option<String>,
}

/// The TD of comments, as DOCX or printable HTML.
#[get("/tsb/consultations/{id}/comments")]
pub async fn comments(
    ctx: PageCtx,
    id: web::Path<ConsultationId>,
    q: web::Query<CommentsQuery>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let format = CommentsFormat::parse(q.format.as_deref().unwrap_or("docx"))
        .map_err(|_| ctx.error(StatusCode::BAD_REQUEST, "error-not-found"))?;
    let id = id.into_inner();
    let file = ctx
        .state
        .read_after(
            id.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| comments_service::comments(conn, &actor, clock, &id, format),
        )
        .await
        .map_err(|e| ctx.service_error(e))?;
    let mut answer = HttpResponse::Ok();
    answer.content_type(file.content_type);
    // The HTML is for reading and printing in the browser; the DOCX is saved.
    if format == CommentsFormat::Docx {
        answer.insert_header((header::CONTENT_DISPOSITION, file.content_disposition()));
    }
    Ok(answer.body(file.bytes))
}
