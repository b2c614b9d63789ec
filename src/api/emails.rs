use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use super::paging::paged;
use crate::domain::ids::EmailId;
use crate::service::emails::{self, EmailFilter, EmailView};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct EmailQuery {
    /// queued, sent, failing or failed.
    #[param(value_type = Option<crate::service::emails::EmailStatus>)]
    pub status: Option<String>,
    pub consultation_id: Option<String>,
    pub recipient: Option<String>,
    /// Emails per page: at most 1000; default 200.
    pub limit: Option<i64>,
    /// Where the page starts: the cursor of the previous page, from its
    /// `Link: <…>; rel="next"` (or `X-Next-Cursor`) header.
    pub cursor: Option<String>,
}

/// Emails and their delivery status, newest first, a page at a time (TSB
/// staff). When more follow, the `Link` header gives the next page.
#[utoipa::path(
    params(EmailQuery),
    responses(
        (status = 200, body = Vec<EmailView>, headers(
            ("Link" = String, description = "`<…&cursor=…>; rel=\"next\"` when another page follows"),
            ("X-Next-Cursor" = String, description = "the cursor of the next page, when another follows"),
        )),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, description = "invalid_cursor", body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "emails",
    operation_id = "list_emails"
)]
#[get("/emails")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    who: Authenticated,
    query: web::Query<EmailQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let filter = EmailFilter {
        status: q.status,
        consultation_id: q.consultation_id,
        recipient: q.recipient,
    };
    let mail = state.mail.clone();
    let page = state
        .read(move |conn, _| {
            emails::list(conn, &mail, &who.0, &filter, q.limit, q.cursor.as_deref())
        })
        .await?;
    Ok(paged(&req, page))
}

/// One email and its delivery status (TSB staff).
#[utoipa::path(
    params(("id" = String, Path, description = "email id")),
    responses((status = 200, body = EmailView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "emails",
    operation_id = "get_email"
)]
#[get("/emails/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<EmailId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    let email = state
        .read(move |conn, _| emails::get(conn, &mail, &who.0, &id))
        .await?;
    Ok(HttpResponse::Ok().json(email))
}

/// Send a failing or failed email again now (TSB staff).
#[utoipa::path(
    params(("id" = String, Path, description = "email id")),
    responses(
        (status = 200, body = EmailView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "not_retryable", body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "emails",
    operation_id = "retry_email"
)]
#[post("/emails/{id}/retry")]
pub async fn retry(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<EmailId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    let email = state
        .write(move |conn, clock| emails::retry(conn, &mail, &who.0, clock, &id))
        .await?;
    Ok(HttpResponse::Ok().json(email))
}
