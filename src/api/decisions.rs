//! The meeting's decisions per draft (Resolution 1, 9.5-9.6).

use actix_web::{get, post, put, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::domain::decision::{Outcome, ProposedDecision, Reservation};
use crate::domain::ids::ConsultationId;
use crate::service::decisions::{self, DecisionView};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    pub outcome: Outcome,
    /// The day the meeting decided (Geneva), on or after the cut-off's day,
    /// not in the future.
    pub decided_on: NaiveDate,
    /// Required when `deferred`: at most four weeks after `decided_on`
    /// (9.5.5); refused otherwise.
    pub deferred_until: Option<NaiveDate>,
    /// Reservations by Member State (9.5.4), each named once.
    #[serde(default)]
    pub reservations: Vec<Reservation>,
    /// ISO3 codes of the Member States that abstained (9.5.6).
    #[serde(default)]
    pub abstentions: Vec<String>,
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

type DecisionPath = web::Path<(ConsultationId, String)>;

/// Record the meeting's decision on one draft (TSB staff), or replace it
/// (e.g. the final outcome once a deferral ends).
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id"), ("draft" = String, Path, description = "draft number, e.g. X.1237")),
    request_body = DecisionBody,
    responses(
        (status = 200, body = DecisionView),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "tsb_only", body = ErrorBody),
        (status = 404, description = "consultation_not_found, not_found (no such draft)", body = ErrorBody),
        (status = 409, description = "consultation_open, consultation_cancelled", body = ErrorBody),
        (status = 422, description = "invalid_decision (deferral over four weeks, dates, a draft that may not proceed approved, a Member State named twice), member_state_not_found, field_too_long", body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "decisions",
    operation_id = "record_decision"
)]
#[put("/consultations/{id}/decisions/{draft}")]
pub async fn record(
    state: web::Data<AppState>,
    who: Authenticated,
    path: DecisionPath,
    body: web::Json<DecisionBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, draft) = path.into_inner();
    let b = body.into_inner();
    let proposed = ProposedDecision {
        outcome: b.outcome,
        decided_on: b.decided_on,
        deferred_until: b.deferred_until,
        reservations: b.reservations,
        abstentions: b.abstentions,
        note: b.note,
    };
    let view = state
        .write(move |conn, clock| {
            decisions::record(conn, &who.0, clock, &id, &draft, proposed.clone())
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The meeting's decisions, in draft order (any signed-in user).
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Vec<DecisionView>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "decisions",
    operation_id = "list_decisions"
)]
#[get("/consultations/{id}/decisions")]
pub async fn list(
    state: web::Data<AppState>,
    _who: Authenticated,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let all = state
        .read(move |conn, clock| decisions::list(conn, clock, &id))
        .await?;
    Ok(HttpResponse::Ok().json(all))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Notified {
    /// Emails queued: one per focal point and the TSB copy address.
    pub queued: usize,
}

/// Notify the decisions (9.6.1) to every focal point, in its language, and
/// to the TSB copy address (TSB staff). May be sent again after a change.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    responses(
        (status = 200, body = Notified),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "consultation_open, consultation_cancelled", body = ErrorBody),
        (status = 422, description = "invalid_decision: no decision recorded yet", body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "decisions",
    operation_id = "notify_decisions"
)]
#[post("/consultations/{id}/decisions/notify")]
pub async fn notify(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    let queued = state
        .write(move |conn, clock| decisions::notify(conn, &who.0, clock, &mail, &id))
        .await?;
    Ok(HttpResponse::Ok().json(Notified { queued }))
}

/// The text for the ITU Operational Bulletin (TSB staff): plain text, in
/// English.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    responses(
        (status = 200, content_type = "text/plain", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "decisions",
    operation_id = "bulletin_text"
)]
#[get("/consultations/{id}/decisions/bulletin")]
pub async fn bulletin(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let text = state
        .read(move |conn, clock| decisions::bulletin_text(conn, &who.0, clock, &id))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(text))
}
