use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::client_address::ClientAddress;
use crate::service::audit::By;
use crate::service::{password_links, sign_in, ServiceError};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
        (status = 429, description = "too_many_attempts: ten failures for the address, or too many from the client's network address, in 15 minutes", body = ErrorBody),
    ),
    tag = "auth"
)]
#[post("/auth/token")]
pub async fn token(
    state: web::Data<AppState>,
    client: ClientAddress,
    body: web::Json<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let TokenRequest { email, password } = body.into_inner();
    let origin = sign_in::Origin {
        client: client.0,
        max_client_failures: state.max_client_sign_in_failures,
    };
    let user = state
        .run(move |conn, clock| sign_in::authenticate(conn, clock, origin, &email, &password))
        .await?;
    let now = chrono::Utc::now().timestamp();
    let access_token = state
        .tokens
        .issue(&user.id, user.token_version, now)
        .map_err(ServiceError::internal)?;
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
    state
        .run(move |conn, clock| {
            let by = By::User(&who.0);
            sign_in::revoke_tokens(conn, clock, by, &who.0.user_id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub email: String,
}

/// Ask for a password-reset link by email. Always 202, whether or not the
/// address has an account.
#[utoipa::path(
    request_body = PasswordResetRequest,
    responses((status = 202, description = "if the address has an account, a link is on its way"), (status = 400, body = ErrorBody)),
    tag = "auth"
)]
#[post("/auth/password-reset")]
pub async fn password_reset(
    state: web::Data<AppState>,
    body: web::Json<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.into_inner().email;
    let mail = state.mail.clone();
    // After answering, so the answer takes as long whether or not the
    // address has an account.
    state.run_after_answer("password reset", move |conn, clock| {
        password_links::request_password_reset(conn, clock, &mail, &email)
    });
    Ok(HttpResponse::Accepted().json(serde_json::json!({"status": "accepted"})))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPasswordRequest {
    /// The token from the emailed link.
    pub token: String,
    /// At least 12 characters.
    #[schema(min_length = 12, max_length = 1000)]
    pub password: String,
}

/// Set a password with the token of an invitation or reset link (single use).
#[utoipa::path(
    request_body = SetPasswordRequest,
    responses(
        (status = 204, description = "password set; earlier tokens revoked"),
        (status = 400, body = ErrorBody),
        (status = 422, description = "invalid_link, weak_password", body = ErrorBody)
    ),
    tag = "auth"
)]
#[post("/auth/set-password")]
pub async fn set_password(
    state: web::Data<AppState>,
    body: web::Json<SetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let SetPasswordRequest {
        token: link_token,
        password,
    } = body.into_inner();
    state
        .run(move |conn, clock| {
            password_links::set_password_with_token(conn, clock, &link_token, &password)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
