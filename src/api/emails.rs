use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::domain::ids::EmailId;
use crate::service::emails::{self, EmailFilter, EmailView};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct EmailQuery {
    /// queued, sent, failing or failed.
    pub status: Option<String>,
    pub consultation_id: Option<String>,
    pub recipient: Option<String>,
    /// At most 1000; default 200.
    pub limit: Option<i64>,
}

/// Emails and their delivery status, newest first (TSB staff).
#[utoipa::path(
    params(EmailQuery),
    responses((status = 200, body = Vec<EmailView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "emails"
)]
#[get("/emails")]
pub async fn list(
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
    let all = state
        .run(move |conn, _| emails::list(conn, &who.0, &filter, q.limit))
        .await?;
    Ok(HttpResponse::Ok().json(all))
}

/// One email and its delivery status (TSB staff).
#[utoipa::path(
    params(("id" = String, Path, description = "email id")),
    responses((status = 200, body = EmailView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "emails"
)]
#[get("/emails/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<EmailId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let email = state
        .run(move |conn, _| emails::get(conn, &who.0, &id))
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
    tag = "emails"
)]
#[post("/emails/{id}/retry")]
pub async fn retry(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<EmailId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let email = state
        .run(move |conn, clock| emails::retry(conn, &who.0, clock, &id))
        .await?;
    Ok(HttpResponse::Ok().json(email))
}
