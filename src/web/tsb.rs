//! The pages of TSB staff: consultations, tallies, exports, users, emails.

use std::collections::{HashMap, HashSet};

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::account::see_other;
use super::reply::deadline_view;
use super::session::{PageCtx, PageError};
use crate::auth::Role;
use crate::domain::consultation::{ProposedConsultation, ProposedDraft};
use crate::error::{ErrorCode, ServiceError};
use crate::i18n::{format, LANGUAGES};
use crate::mail::time_label;
use crate::service::consultations::{self, ConsultationView};
use crate::service::emails::{EmailFilter, EmailStatus};
use crate::service::export::{self as export_service, ExportFormat};
use crate::service::users::{self, NewUser};
use crate::service::{audit, emails, replies, tally};
use crate::store;

type Fields = web::Form<Vec<(String, String)>>;

/// A form posted by TSB staff: the actor and the fields, CSRF checked.
fn tsb_form(
    ctx: &PageCtx,
    form: Fields,
) -> Result<(crate::auth::Actor, HashMap<String, String>), PageError> {
    let actor = ctx.require_tsb()?.clone();
    let fields: HashMap<String, String> = form.into_inner().into_iter().collect();
    ctx.check_csrf(fields.get("csrf").map(String::as_str))?;
    Ok((actor, fields))
}

#[get("/tsb")]
pub async fn consultations_page(ctx: PageCtx) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let (list, counts, now) = ctx
        .state
        .run(move |conn, clock| {
            let list = consultations::list(conn, clock)?;
            let mut counts = HashMap::new();
            for c in &list {
                counts.insert(
                    c.id.clone(),
                    tally::tally(conn, &actor, clock, &c.id)?.member_states_replied,
                );
            }
            Ok((list, counts, clock.now()))
        })
        .await
        .map_err(|e| ctx.service_error(e))?;
    let items: Vec<_> = list
        .iter()
        .map(|c| minijinja::context! { c => c, deadline => deadline_view(&ctx, c, now), replied => counts.get(&c.id).copied().unwrap_or(0) })
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
        let rows = get("rows")
            .parse::<usize>()
            .unwrap_or(0)
            .min(crate::domain::consultation::MAX_DRAFTS);
        ConsultationInput {
            reference: get("reference"),
            study_group: get("study_group"),
            title: get("title"),
            deadline: get("deadline"),
            time_zone: get("time_zone"),
            meeting_starts_on: get("meeting_starts_on"),
            meeting_ends_on: get("meeting_ends_on"),
            meeting_place: get("meeting_place"),
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
}

fn form_page(
    ctx: &PageCtx,
    id: Option<&str>,
    input: ConsultationInput,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let errors: Vec<_> = errors
        .into_iter()
        .map(|(field, message)| minijinja::context! { field, message })
        .collect();
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
        time_zone: "Europe/Zurich".into(),
        ..ConsultationInput::default()
    }
    .pad(5);
    form_page(&ctx, None, input, Vec::new(), StatusCode::OK)
}

#[get("/tsb/consultations/{id}/edit")]
pub async fn edit_page(ctx: PageCtx, id: web::Path<String>) -> Result<HttpResponse, PageError> {
    ctx.require_tsb()?;
    let id = id.into_inner();
    let cid = id.clone();
    let c = ctx
        .state
        .run(move |conn, clock| consultations::get(conn, clock, &cid))
        .await
        .map_err(|e| ctx.service_error(e))?;
    form_page(
        &ctx,
        Some(&id),
        ConsultationInput::from_view(&c).pad(2),
        Vec::new(),
        StatusCode::OK,
    )
}

async fn save(ctx: PageCtx, id: Option<String>, form: Fields) -> Result<HttpResponse, PageError> {
    let (actor, f) = tsb_form(&ctx, form)?;
    let input = ConsultationInput::from_form(&f);
    if f.get("action").map(String::as_str) == Some("more") {
        return form_page(
            &ctx,
            id.as_deref(),
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
                id.as_deref(),
                input,
                vec![(field.into(), ctx.t(key))],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    };
    let mail = ctx.state.mail.clone();
    let target = id.clone();
    let result = ctx
        .state
        .run(move |conn, clock| match target {
            Some(id) => consultations::update(conn, &actor, clock, &id, proposal),
            None => consultations::create(conn, &actor, clock, &mail, proposal),
        })
        .await;
    match result {
        Ok(c) => Ok(see_other(&format!("/tsb/consultations/{}", c.id))),
        Err(e) if is_form_error(&e) => {
            let field = field_of(e.code());
            form_page(
                &ctx,
                id.as_deref(),
                input,
                vec![(field.into(), e.message().to_owned())],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(ctx.service_error(e)),
    }
}

#[post("/tsb/consultations/new")]
pub async fn create(ctx: PageCtx, form: Fields) -> Result<HttpResponse, PageError> {
    save(ctx, None, form).await
}

#[post("/tsb/consultations/{id}/edit")]
pub async fn update(
    ctx: PageCtx,
    id: web::Path<String>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    save(ctx, Some(id.into_inner()), form).await
}

#[derive(Serialize)]
struct BarRow {
    draft: String,
    provisional_name: String,
    replies: u32,
    yes: u32,
    no: u32,
    outcome: String,
    /// Percentages of the replies, for the chart.
    yes_pct: u32,
    no_pct: u32,
    /// `yes_pct` as the language writes a percentage.
    yes_label: String,
    y: u32,
}

#[get("/tsb/consultations/{id}")]
pub async fn detail(ctx: PageCtx, id: web::Path<String>) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let id = id.into_inner();
    let cid = id.clone();
    let (c, t, current, states, has_replies, now) = ctx
        .state
        .run(move |conn, clock| {
            let c = consultations::get(conn, clock, &cid)?;
            let t = tally::tally(conn, &actor, clock, &cid)?;
            let current = replies::list_current(conn, &actor, &cid)?;
            let states = store::member_states::all(conn)?;
            let has = store::consultations::has_replies(conn, &cid)?;
            Ok((c, t, current, states, has, clock.now()))
        })
        .await
        .map_err(|e| ctx.service_error(e))?;
    let replied: Vec<_> = current.iter().filter(|r| !r.reply.withdrawn).collect();
    let replied_set: HashSet<&str> = replied
        .iter()
        .map(|r| r.member_state.iso3.as_str())
        .collect();
    let not_replied: Vec<_> = states
        .iter()
        .filter(|m| !replied_set.contains(m.iso3.as_str()))
        .collect();
    let bars: Vec<BarRow> = t
        .drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let pct = |n: u32| (n * 100).checked_div(d.replies).unwrap_or(0);
            BarRow {
                draft: d.draft.clone(),
                provisional_name: d.provisional_name.clone(),
                replies: d.replies,
                yes: d.yes,
                no: d.no,
                outcome: serde_json::to_value(d.outcome)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                yes_pct: pct(d.yes),
                no_pct: pct(d.no),
                yes_label: format::percent(ctx.lang, i64::from(pct(d.yes))),
                y: u32::try_from(i).unwrap_or(0) * 34,
            }
        })
        .collect();
    let chart_height = bars.len() * 34 + 30;
    ctx.render(
        "tsb_consultation.html",
        &minijinja::context! {
            c => &c,
            deadline => deadline_view(&ctx, &c, now),
            tally => &t,
            bars => bars,
            chart_height => chart_height,
            threshold_label => format::percent(ctx.lang, 70),
            replied => replied,
            not_replied => not_replied,
            states => &states,
            has_replies => has_replies,
        },
    )
}

#[derive(Deserialize)]
pub struct OnBehalfQuery {
    iso3: String,
}

/// Picks the Member State whose reply TSB enters from an email or fax.
#[get("/tsb/consultations/{id}/on-behalf")]
pub async fn on_behalf(
    ctx: PageCtx,
    id: web::Path<String>,
    q: web::Query<OnBehalfQuery>,
) -> Result<HttpResponse, PageError> {
    ctx.require_tsb()?;
    let iso3 = crate::service::replies::normalize_iso3(&q.iso3);
    Ok(see_other(&format!(
        "/consultations/{}/replies/{}",
        id.into_inner(),
        super::session::url_escape(&iso3)
    )))
}

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

#[get("/tsb/consultations/{id}/export")]
pub async fn export(
    ctx: PageCtx,
    id: web::Path<String>,
    q: web::Query<ExportQuery>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let Some(format) = ExportFormat::parse(q.format.as_deref().unwrap_or("csv")) else {
        return Err(ctx.error(StatusCode::BAD_REQUEST, "error-not-found"));
    };
    let id = id.into_inner();
    let file = ctx
        .state
        .run(move |conn, clock| export_service::export(conn, &actor, clock, &id, format))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", file.file_name),
        ))
        .body(file.bytes))
}

async fn users_page_with(
    ctx: &PageCtx,
    errors: Vec<(String, String)>,
    input: HashMap<String, String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let (list, states) = ctx
        .state
        .run(move |conn, _| Ok((users::list(conn, &actor)?, store::member_states::all(conn)?)))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let errors: Vec<_> = errors
        .into_iter()
        .map(|(field, message)| minijinja::context! { field, message })
        .collect();
    ctx.render_status(
        status,
        "tsb_users.html",
        &minijinja::context! { users => list, states => states, email_languages => LANGUAGES, errors => errors, input => input },
    )
}

#[get("/tsb/users")]
pub async fn users_page(ctx: PageCtx) -> Result<HttpResponse, PageError> {
    users_page_with(&ctx, Vec::new(), HashMap::new(), StatusCode::OK).await
}

#[post("/tsb/users")]
pub async fn invite(ctx: PageCtx, form: Fields) -> Result<HttpResponse, PageError> {
    let (actor, f) = tsb_form(&ctx, form)?;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let role = if get("role") == "tsb" {
        Role::Tsb
    } else {
        Role::Member
    };
    let new = NewUser {
        email: get("email"),
        name: get("name"),
        role,
        member_state: Some(get("member_state")).filter(|s| !s.is_empty() && role == Role::Member),
        password: None,
        language: Some(get("language"))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "en".into()),
    };
    let mail = ctx.state.mail.clone();
    match ctx
        .state
        .run(move |conn, clock| users::invite(conn, &actor, clock, &mail, new))
        .await
    {
        Ok(_) => Ok(see_other("/tsb/users?invited=1")),
        Err(e) if is_form_error(&e) => {
            let field = match e.code() {
                ErrorCode::MemberStateRequired | ErrorCode::UnknownMemberState => "member_state",
                ErrorCode::MissingField => "name",
                _ => "email",
            };
            users_page_with(
                &ctx,
                vec![(field.into(), e.message().to_owned())],
                f,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(ctx.service_error(e)),
    }
}

#[post("/tsb/users/{id}/deactivate")]
pub async fn deactivate(
    ctx: PageCtx,
    id: web::Path<String>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, _) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    ctx.state
        .run(move |conn, clock| users::deactivate_by(conn, &actor, clock, &id))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(see_other("/tsb/users"))
}

#[derive(Deserialize)]
pub struct EmailsQuery {
    status: Option<String>,
}

#[get("/tsb/emails")]
pub async fn emails_page(
    ctx: PageCtx,
    q: web::Query<EmailsQuery>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    // An unknown status shows every email, with no filter selected.
    let status = q.status.as_deref().and_then(EmailStatus::parse);
    let filter = EmailFilter {
        status: status.map(|s| s.as_str().to_owned()),
        ..EmailFilter::default()
    };
    let list = ctx
        .state
        .run(move |conn, _| emails::list(conn, &actor, &filter, Some(500)))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let cat = ctx.catalogue();
    let stamp = |at: DateTime<Utc>| time_label(cat, ctx.lang, at, false);
    let rows: Vec<_> = list
        .iter()
        .map(|e| {
            minijinja::context! {
                e => e,
                created => stamp(e.created_at),
                sent => e.sent_at.map(stamp),
                next_attempt => e.next_attempt_at.filter(|_| e.status == EmailStatus::Failing).map(stamp),
            }
        })
        .collect();
    ctx.render(
        "tsb_emails.html",
        &minijinja::context! { emails => rows, status => status },
    )
}

#[derive(Deserialize)]
pub struct ActivityQuery {
    subject: Option<String>,
}

/// Where the subject of a change can be seen.
fn subject_link(subject: &str) -> Option<String> {
    match audit::parse_subject(subject) {
        audit::Subject::Consultation(id) => Some(format!("/tsb/consultations/{id}")),
        audit::Subject::Reply { consultation, iso3 } => Some(format!(
            "/consultations/{consultation}/replies/{iso3}/history"
        )),
        audit::Subject::Other => None,
    }
}

#[get("/tsb/activity")]
pub async fn activity_page(
    ctx: PageCtx,
    q: web::Query<ActivityQuery>,
) -> Result<HttpResponse, PageError> {
    const SHOWN: i64 = 500;
    let actor = ctx.require_tsb()?.clone();
    let subject = q.subject.clone().filter(|s| !s.trim().is_empty());
    let filter = subject.clone();
    let events = ctx
        .state
        .run(move |conn, _| audit::list(conn, &actor, filter.as_deref(), Some(SHOWN)))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let cat = ctx.catalogue();
    let rows: Vec<_> = events
        .iter()
        .map(|e| {
            minijinja::context! {
                e => e,
                when => time_label(cat, ctx.lang, e.at, true),
                link => subject_link(&e.subject),
            }
        })
        .collect();
    ctx.render(
        "tsb_activity.html",
        &minijinja::context! { events => rows, subject => subject, limit => SHOWN },
    )
}

#[post("/tsb/emails/{id}/retry")]
pub async fn retry_email(
    ctx: PageCtx,
    id: web::Path<String>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, _) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    ctx.state
        .run(move |conn, clock| emails::retry(conn, &actor, clock, &id))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(see_other("/tsb/emails"))
}
