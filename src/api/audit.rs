use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use super::paging::paged;
use crate::service::audit::{self, AuditEvent};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Only this subject and what lies under it, e.g. `consultation/ID` (with
    /// its replies), `consultation/ID/reply/CHE`, `user/ID`, `email/ID`.
    pub subject: Option<String>,
    /// Events per page: at most 1000; default 200.
    pub limit: Option<i64>,
    /// Where the page starts: the cursor of the previous page, from its
    /// `Link: <…>; rel="next"` (or `X-Next-Cursor`) header.
    pub cursor: Option<String>,
}

/// Who changed what and when, newest first (TSB staff): consultations created
/// and changed, replies submitted and withdrawn, users added, deactivated or
/// their tokens revoked, passwords set, changed or reset, emails retried.
/// A page at a time: when more follow, the `Link` header gives the next page.
#[utoipa::path(
    params(AuditQuery),
    responses(
        (status = 200, body = Vec<AuditEvent>, headers(
            ("Link" = String, description = "`<…&cursor=…>; rel=\"next\"` when another page follows"),
            ("X-Next-Cursor" = String, description = "the cursor of the next page, when another follows"),
        )),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, description = "invalid_limit, invalid_cursor", body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "audit",
    operation_id = "list_audit_events"
)]
#[get("/audit")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: Authenticated,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = state
        .read(move |conn, _| {
            audit::list(
                conn,
                &who.0,
                q.subject.as_deref(),
                q.limit,
                q.cursor.as_deref(),
            )
        })
        .await?;
    Ok(paged(&req, page))
}
