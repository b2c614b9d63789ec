use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::service::{users, ServiceError};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always "Bearer".
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
}

/// Exchange an email and password for an API token.
#[utoipa::path(
    request_body = TokenRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 400, description = "malformed body", body = ErrorBody),
        (status = 401, description = "invalid_credentials", body = ErrorBody),
    ),
    tag = "auth"
)]
#[post("/auth/token")]
pub async fn token(
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let TokenRequest { email, password } = body.into_inner();
    let user = state
        .run(move |conn, _| users::authenticate(conn, &email, &password))
        .await?;
    let now = chrono::Utc::now().timestamp();
    let access_token = state
        .tokens
        .issue(&user.id, user.token_version, now)
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.ttl().as_secs(),
    }))
}

/// Revoke every token of the signed-in user (sign out everywhere).
#[utoipa::path(
    responses((status = 204, description = "revoked"), (status = 401, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "auth"
)]
#[post("/auth/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    who: Authenticated,
) -> Result<HttpResponse, ApiError> {
    let id = who.0.user_id;
    state
        .run(move |conn, _| users::revoke_tokens(conn, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
