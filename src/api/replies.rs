use actix_web::{delete, get, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::domain::entry::Claimed;
use crate::domain::ids::ConsultationId;
use crate::domain::member_state::Iso3;
use crate::domain::reply::SubmittedResponse;
use crate::service::replies::{self, CurrentReply, ReplyReceipt, ReplyView};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    /// Draft number, e.g. "X.1237".
    pub draft: String,
    /// "yes" (authority assigned) or "no".
    #[schema(value_type = crate::domain::reply::Position)]
    pub position: String,
    /// Reasons and proposed changes; asked for with "no".
    #[schema(max_length = 100000)]
    pub reasons: Option<String>,
    #[schema(max_length = 100000)]
    pub comments: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyBody {
    /// The Member State's whole reply: a draft left out has no reply.
    pub responses: Vec<ResponseBody>,
    /// TSB staff only (from a focal point: 403 `forbidden_field`): how the
    /// reply was received (e.g. "fax of 20 August"). Required with
    /// `received_at`.
    #[schema(max_length = 500)]
    pub source: Option<String>,
    /// TSB staff only: when the fax or email reached TSB, if not now. Before
    /// `closes_at`, it counts like any reply received in time and may be
    /// entered after the cut-off, until the result is certified; with
    /// `late`, at or after `closes_at`. Never in the future.
    pub received_at: Option<DateTime<Utc>>,
    /// TSB staff only: the reply came after the cut-off (9.4.5). It is kept
    /// and reported apart, never counted; needs `received_at` and `source`.
    #[serde(default)]
    pub late: bool,
}

#[derive(Debug, Deserialize, Default, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawBody {
    /// TSB staff only: how the withdrawal was received.
    #[schema(max_length = 500)]
    pub source: Option<String>,
    /// TSB staff only: when a withdrawal that reached TSB in time was
    /// received (before `closes_at`), if not now.
    pub received_at: Option<DateTime<Utc>>,
}

impl From<WithdrawBody> for Claimed {
    fn from(b: WithdrawBody) -> Self {
        Claimed {
            source: b.source,
            received_at: b.received_at,
            late: false,
        }
    }
}

type ReplyPath = web::Path<(ConsultationId, Iso3)>;

/// Submit or revise a Member State's reply (its focal points; TSB staff on its behalf).
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id"), ("iso3" = String, Path, description = "Member State")),
    request_body = ReplyBody,
    responses(
        (status = 200, description = "stored (or identical to the current reply: changed = false)", body = ReplyReceipt),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "other_member_state; forbidden_field (received_at, late or source from a focal point)", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "consultation_closed, consultation_cancelled, result_certified", body = ErrorBody),
        (status = 413, description = "body_too_large", body = ErrorBody),
        (status = 422, description = "unknown_draft, repeated_draft, invalid_position, text_too_long, empty_reply, missing_field (source with received_at), invalid_received_at", body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "replies",
    operation_id = "submit_reply"
)]
#[put("/consultations/{id}/replies/{iso3}")]
pub async fn submit(
    state: web::Data<AppState>,
    who: Authenticated,
    path: ReplyPath,
    body: web::Json<ReplyBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, iso3) = path.into_inner();
    let body = body.into_inner();
    let claimed = Claimed {
        source: body.source,
        received_at: body.received_at,
        late: body.late,
    };
    let submitted: Vec<SubmittedResponse> = body
        .responses
        .into_iter()
        .map(|r| SubmittedResponse {
            draft: r.draft,
            position: r.position,
            reasons: r.reasons,
            comments: r.comments,
        })
        .collect();
    let (mail, recent) = (state.mail.clone(), state.recent_receipts.clone());
    let at_hand = state.recent_receipts.clone();
    let receipt = state
        .write_then(
            move |conn, clock| {
                replies::submit(
                    conn,
                    &who.0,
                    clock,
                    &mail,
                    &id,
                    &iso3,
                    submitted.clone(),
                    claimed.clone(),
                )
            },
            move |r| r.with_recent(&at_hand),
            move |conn, r| ReplyReceipt::with_log(conn, &recent, r),
        )
        .await?;
    Ok(HttpResponse::Ok().json(receipt))
}

/// Withdraw a Member State's reply: a revision with no responses, which no longer counts.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id"), ("iso3" = String, Path, description = "Member State")),
    responses(
        (status = 200, body = ReplyReceipt),
        (status = 401, body = ErrorBody), (status = 403, description = "other_member_state, forbidden_field", body = ErrorBody),
        (status = 404, description = "no_reply, consultation_not_found", body = ErrorBody),
        (status = 409, description = "consultation_closed, consultation_cancelled, result_certified", body = ErrorBody),
        (status = 422, description = "unknown_field, missing_field, invalid_received_at", body = ErrorBody),
    ),
    request_body(content = Option<WithdrawBody>, description = "optional: TSB's note of how the withdrawal was received"),
    security(("bearer" = [])),
    tag = "replies",
    operation_id = "withdraw_reply"
)]
#[delete("/consultations/{id}/replies/{iso3}")]
pub async fn withdraw(
    state: web::Data<AppState>,
    who: Authenticated,
    path: ReplyPath,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let (id, iso3) = path.into_inner();
    // The body is optional, but when there is one it is read as strictly as any.
    let claimed: Claimed = if body.iter().all(u8::is_ascii_whitespace) {
        Claimed::default()
    } else {
        serde_json::from_slice::<WithdrawBody>(&body)
            .map_err(super::error::body_error)?
            .into()
    };
    let (mail, recent) = (state.mail.clone(), state.recent_receipts.clone());
    let at_hand = state.recent_receipts.clone();
    let receipt = state
        .write_then(
            move |conn, clock| {
                replies::withdraw(conn, &who.0, clock, &mail, &id, &iso3, claimed.clone())
            },
            move |r| r.with_recent(&at_hand),
            move |conn, r| ReplyReceipt::with_log(conn, &recent, r),
        )
        .await?;
    Ok(HttpResponse::Ok().json(receipt))
}

/// A Member State's current reply and every revision (its focal points, or TSB staff).
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id"), ("iso3" = String, Path, description = "Member State")),
    responses((status = 200, body = ReplyView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "replies",
    operation_id = "get_reply"
)]
#[get("/consultations/{id}/replies/{iso3}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Authenticated,
    path: ReplyPath,
) -> Result<HttpResponse, ApiError> {
    let (id, iso3) = path.into_inner();
    let view = state
        .read(move |conn, clock| replies::get(conn, &who.0, clock, &id, &iso3))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Every Member State's current reply (TSB staff).
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Vec<CurrentReply>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "replies",
    operation_id = "list_current_replies"
)]
#[get("/consultations/{id}/replies")]
pub async fn list(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let all = state
        .read(move |conn, clock| replies::list_current(conn, &who.0, clock, &id))
        .await?;
    Ok(HttpResponse::Ok().json(all))
}
