//! Who is asking: `Authorization: Bearer <JWT>`.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};

use super::error::ApiError;
use crate::auth::token::TokenError;
use crate::auth::Actor;
use crate::domain::ids::UserId;
use crate::error::{ErrorCode, ServiceError};
use crate::service::sign_in;
use crate::state::AppState;

pub struct Authenticated(pub Actor);

fn unauthenticated(code: ErrorCode, message: &str) -> ApiError {
    ApiError::new(code, message)
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned);
        Box::pin(async move {
            let state = state.ok_or_else(|| {
                ApiError::from(ServiceError::internal("the application state is missing"))
            })?;
            let header = header.ok_or_else(|| {
                unauthenticated(ErrorCode::MissingToken, "sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/token")
            })?;
            let token = header
                .strip_prefix("Bearer ")
                .or_else(|| header.strip_prefix("bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| {
                    unauthenticated(
                        ErrorCode::InvalidToken,
                        "the Authorization header must be \"Bearer <token>\"",
                    )
                })?;
            let claims = state.tokens.verify(token).map_err(|e| match e {
                TokenError::Expired => unauthenticated(
                    ErrorCode::TokenExpired,
                    "the token has expired; request a new one",
                ),
                TokenError::Invalid => {
                    unauthenticated(ErrorCode::InvalidToken, "the token is not valid")
                }
            })?;
            let actor = state
                .read(move |conn, _| {
                    sign_in::actor_for_token(conn, &UserId::from(claims.sub), claims.ver)
                })
                .await?;
            Ok(Authenticated(actor))
        })
    }
}
