use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::service::audit::{self, AuditEvent};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Only this subject and what lies under it, e.g. `consultation/ID` (with
    /// its replies), `consultation/ID/reply/CHE`, `user/ID`, `email/ID`.
    pub subject: Option<String>,
    /// At most 1000; default 200.
    pub limit: Option<i64>,
}

/// Who changed what and when, newest first (TSB staff): consultations created
/// and changed, replies submitted and withdrawn, users added, deactivated or
/// their tokens revoked, passwords set, changed or reset, emails retried.
#[utoipa::path(
    params(AuditQuery),
    responses((status = 200, body = Vec<AuditEvent>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "audit"
)]
#[get("/audit")]
pub async fn list(
    state: web::Data<AppState>,
    who: Authenticated,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let events = state
        .run(move |conn, _| audit::list(conn, &who.0, q.subject.as_deref(), q.limit))
        .await?;
    Ok(HttpResponse::Ok().json(events))
}
