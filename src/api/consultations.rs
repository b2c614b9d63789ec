use actix_web::http::header;
use actix_web::{get, post, put, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::domain::consultation::{ProposedConsultation, ProposedDraft};
use crate::domain::ids::ConsultationId;
use crate::error::ErrorCode;
use crate::service::comments::{self as comments_service, CommentsFormat};
use crate::service::consultations::ConsultationView;
use crate::service::export::{ExportData, ExportFormat, ExportRequest};
use crate::service::tally::Tally;
use crate::service::{consultations, export as export_service, tally as tally_service};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftBody {
    /// E.g. "X.1237".
    #[schema(min_length = 1, max_length = 1000)]
    pub number: String,
    /// E.g. "X.tsfpp".
    #[schema(min_length = 1, max_length = 1000)]
    pub provisional_name: String,
    #[schema(min_length = 1, max_length = 1000)]
    pub title: String,
    /// Link to the text of the draft (http or https).
    #[schema(max_length = 1000, pattern = "^https?://")]
    pub text_url: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateConsultation {
    /// E.g. "TSB Circular 195".
    #[schema(min_length = 1, max_length = 1000)]
    pub reference: String,
    /// E.g. "SG17".
    #[schema(min_length = 1, max_length = 1000)]
    pub study_group: String,
    #[schema(min_length = 1, max_length = 1000)]
    pub title: String,
    /// Local time in `time_zone`: "2024-08-21T23:59" covers the whole minute,
    /// "2024-08-21T23:59:00" one second. An explicit offset ("+02:00") settles
    /// an ambiguous time.
    #[schema(
        example = "2024-08-21T23:59",
        pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?$"
    )]
    pub deadline: String,
    /// IANA zone; default "Europe/Zurich" (Geneva).
    #[schema(example = "Europe/Zurich")]
    pub time_zone: Option<String>,
    pub meeting_starts_on: Option<NaiveDate>,
    pub meeting_ends_on: Option<NaiveDate>,
    #[schema(max_length = 1000)]
    pub meeting_place: Option<String>,
    #[schema(min_items = 1, max_items = 200)]
    pub drafts: Vec<DraftBody>,
}

/// A consultation as it should now be, for `PUT`: the fields of
/// `CreateConsultation`, and whether to notify the Member States.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateConsultation {
    #[schema(min_length = 1, max_length = 1000)]
    pub reference: String,
    #[schema(min_length = 1, max_length = 1000)]
    pub study_group: String,
    #[schema(min_length = 1, max_length = 1000)]
    pub title: String,
    /// As in `CreateConsultation`.
    #[schema(
        example = "2024-08-21T23:59",
        pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?$"
    )]
    pub deadline: String,
    #[schema(example = "Europe/Zurich")]
    pub time_zone: Option<String>,
    pub meeting_starts_on: Option<NaiveDate>,
    pub meeting_ends_on: Option<NaiveDate>,
    #[schema(max_length = 1000)]
    pub meeting_place: Option<String>,
    #[schema(min_items = 1, max_items = 200)]
    pub drafts: Vec<DraftBody>,
    /// Default true: every focal point gets a notice of what changed, with
    /// the updated calendar entry. False for a correction of wording, links
    /// or the meeting place only (recorded in the audit trail); refused with
    /// 422 `notice_required` when the deadline, its zone, the meeting dates
    /// or the drafts change.
    pub notify: Option<bool>,
}

impl UpdateConsultation {
    fn split(self) -> (ProposedConsultation, bool) {
        let notify = self.notify.unwrap_or(true);
        let body = CreateConsultation {
            reference: self.reference,
            study_group: self.study_group,
            title: self.title,
            deadline: self.deadline,
            time_zone: self.time_zone,
            meeting_starts_on: self.meeting_starts_on,
            meeting_ends_on: self.meeting_ends_on,
            meeting_place: self.meeting_place,
            drafts: self.drafts,
        };
        (body.into(), notify)
    }
}

impl From<CreateConsultation> for ProposedConsultation {
    fn from(b: CreateConsultation) -> Self {
        ProposedConsultation {
            reference: b.reference,
            study_group: b.study_group,
            title: b.title,
            deadline: b.deadline,
            time_zone: b.time_zone,
            meeting_starts_on: b.meeting_starts_on,
            meeting_ends_on: b.meeting_ends_on,
            meeting_place: b.meeting_place,
            drafts: b
                .drafts
                .into_iter()
                .map(|d| ProposedDraft {
                    number: d.number,
                    provisional_name: d.provisional_name,
                    title: d.title,
                    text_url: d.text_url,
                })
                .collect(),
        }
    }
}

/// Open a consultation (TSB staff).
#[utoipa::path(
    request_body = CreateConsultation,
    responses(
        (status = 201, body = ConsultationView),
        (status = 400, description = "malformed body", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "tsb_only", body = ErrorBody),
        (status = 422, description = "invalid_deadline, nonexistent_deadline, ambiguous_deadline, unknown_time_zone, repeated_draft, control_characters, …", body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "create_consultation"
)]
#[post("/consultations")]
pub async fn create(
    state: web::Data<AppState>,
    who: Authenticated,
    body: web::Json<CreateConsultation>,
) -> Result<HttpResponse, ApiError> {
    let proposed = ProposedConsultation::from(body.into_inner());
    let mail = state.mail.clone();
    let view = state
        .write(move |conn, clock| consultations::create(conn, &who.0, clock, &mail, proposed))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/consultations/{}", view.id),
        ))
        .json(view))
}

/// Change a consultation (TSB staff). Before any reply everything may change;
/// once a Member State has replied, only titles, text links, meeting details
/// and a later deadline. Every focal point is sent a notice of what changed
/// unless `notify` is false.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    request_body = UpdateConsultation,
    responses(
        (status = 200, body = ConsultationView),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "consultation_closed, consultation_cancelled, locked_after_replies, duplicate_reference", body = ErrorBody),
        (status = 422, description = "as for create; notice_required", body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "update_consultation"
)]
#[put("/consultations/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
    body: web::Json<UpdateConsultation>,
) -> Result<HttpResponse, ApiError> {
    let (proposed, notify) = body.into_inner().split();
    let id = id.into_inner();
    let mail = state.mail.clone();
    let view = state
        .write(move |conn, clock| {
            consultations::update(conn, &who.0, clock, &mail, &id, proposed, notify)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelConsultation {
    /// Why, as the Member States will read it (line breaks allowed).
    #[schema(min_length = 1, max_length = 1000)]
    pub reason: String,
}

/// Cancel an open consultation (TSB staff), saying why. Replies are then
/// refused (409 `consultation_cancelled`); those given are kept and
/// exportable; every focal point is told, with a calendar entry that
/// withdraws the deadline.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    request_body = CancelConsultation,
    responses(
        (status = 200, body = ConsultationView),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "tsb_only", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "consultation_closed, consultation_cancelled", body = ErrorBody),
        (status = 422, description = "missing_field, field_too_long, control_characters", body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "cancel_consultation"
)]
#[post("/consultations/{id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
    body: web::Json<CancelConsultation>,
) -> Result<HttpResponse, ApiError> {
    let reason = body.into_inner().reason;
    let id = id.into_inner();
    let mail = state.mail.clone();
    let view = state
        .write(move |conn, clock| consultations::cancel(conn, &who.0, clock, &mail, &id, &reason))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Certify the result (TSB staff) when it is communicated to the
/// study-group chairman (Resolution 1, 9.4.6): after the cut-off, once.
/// From then on no reply can be entered for any time (409
/// `result_certified`); every focal point and TSB's copy address get the
/// result by email. No body.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    responses(
        (status = 200, description = "the certified tally", body = Tally),
        (status = 401, body = ErrorBody),
        (status = 403, description = "tsb_only", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "consultation_open (before the cut-off), result_certified (already), consultation_cancelled", body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "certify_result"
)]
#[post("/consultations/{id}/certify")]
pub async fn certify(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    let certified = state
        .write(move |conn, clock| consultations::certify(conn, &who.0, clock, &mail, &id))
        .await?;
    Ok(HttpResponse::Ok().json(certified))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// Only the consultations with this status.
    #[param(value_type = Option<consultations::Status>)]
    pub status: Option<String>,
}

/// Every consultation, the latest cut-off first; `?status=` keeps one status.
#[utoipa::path(
    params(ListQuery),
    responses((status = 200, body = Vec<ConsultationView>), (status = 401, body = ErrorBody), (status = 400, description = "invalid_query: an unknown status", body = ErrorBody)),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "list_consultations"
)]
#[get("/consultations")]
pub async fn list(
    state: web::Data<AppState>,
    _who: Authenticated,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = query.into_inner().status;
    let all = state
        .read(move |conn, clock| consultations::list_with_status(conn, clock, status.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(all))
}

/// One consultation with its drafts.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = ConsultationView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "get_consultation"
)]
#[get("/consultations/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    _who: Authenticated,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state
        .read(move |conn, clock| consultations::get(conn, clock, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The tally under Resolution 1 §9.4.5: TSB staff at any time, focal points once closed.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    responses(
        (status = 200, body = Tally),
        (status = 401, body = ErrorBody),
        (status = 403, description = "tally_not_final", body = ErrorBody),
        (status = 404, body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "get_tally"
)]
#[get("/consultations/{id}/tally")]
pub async fn tally(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let t = state
        .read_after(
            id.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| tally_service::tally(conn, &who.0, clock, &id),
        )
        .await?;
    Ok(HttpResponse::Ok().json(t))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ExportQuery {
    /// csv (default), xlsx or json.
    pub format: Option<String>,
    /// For CSV, the one table the file holds: replies (default), tally, or
    /// late (the replies received after the cut-off).
    #[param(pattern = "^(replies|tally|late)$")]
    pub table: Option<String>,
    /// The language of headers and labels: ar, zh, en, fr, ru or es
    /// (default: the user's).
    #[param(pattern = "^(ar|zh|en|fr|ru|es)$")]
    pub lang: Option<String>,
}

/// The current replies, one row per Member State and draft, then the tally (TSB staff).
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id"), ExportQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with BOM, one table), XLSX (every table, and the consultation's details), or JSON", body = ExportData),
        (status = 400, description = "invalid_format; invalid_query (an unknown table or language, or a table with xlsx or json)", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "export_consultation"
)]
#[get("/consultations/{id}/export")]
pub async fn export(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let requested = query.format.unwrap_or_else(|| "csv".into());
    let request = ExportRequest {
        table: query.table,
        lang: query.lang,
    };
    let format = ExportFormat::parse(&requested).ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidFormat,
            format!("format {requested:?} is not csv, xlsx or json"),
        )
    })?;
    let id = id.into_inner();
    let catalogue = state.mail.renderer.catalogue_arc();
    let file = state
        .read_after(
            id.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| {
                export_service::export(conn, &who.0, clock, &catalogue, &id, format, &request)
            },
        )
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((header::CONTENT_DISPOSITION, file.content_disposition()))
        .body(file.bytes))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CommentsQuery {
    /// docx (default) or html.
    #[param(pattern = "^(docx|html)$")]
    pub format: Option<String>,
}

/// The TD of comments for the meeting (TSB staff, Resolution 1, 9.4.7):
/// per draft every Member State's position with its reasons and comments as
/// stored, late replies marked as not counted, then the tally and the
/// certification. In English; DOCX to edit, or the same as printable HTML.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id"), CommentsQuery),
    responses(
        (status = 200, description = "DOCX or HTML", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 400, description = "invalid_format", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "consultations",
    operation_id = "comments_document"
)]
#[get("/consultations/{id}/comments")]
pub async fn comments(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
    query: web::Query<CommentsQuery>,
) -> Result<HttpResponse, ApiError> {
    let requested = query.into_inner().format.unwrap_or_else(|| "docx".into());
    let format = CommentsFormat::parse(&requested)?;
    let id = id.into_inner();
    let file = state
        .read_after(
            id.clone(),
            consultations::seal_due,
            consultations::seal,
            move |conn, clock| comments_service::comments(conn, &who.0, clock, &id, format),
        )
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((header::CONTENT_DISPOSITION, file.content_disposition()))
        .body(file.bytes))
}
