use std::time::Duration;

use actix_web::{get, web, HttpResponse};

use super::error::ApiError;
use crate::error::ErrorCode;
use crate::service::health;
use crate::state::AppState;

/// The process is up. Touches nothing else: a liveness check.
#[utoipa::path(responses((status = 200, description = "up")), tag = "health")]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// How long `/readyz` may take in all, whatever the database does.
const READY_WITHIN: Duration = Duration::from_secs(2);

/// The database takes a write: a connection within a second, then one small
/// durable commit. Answers within 2 s: 503 when the database cannot be
/// reached, is too busy, or cannot write (a full disk).
#[utoipa::path(responses((status = 200, description = "ready"), (status = 503, description = "the database cannot be reached or cannot write", body = super::error::ErrorBody)), tag = "health")]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let probe = state.run_waiting(Some(Duration::from_secs(1)), health::write_probe);
    let failure = match actix_web::rt::time::timeout(READY_WITHIN, probe).await {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(
            std::error::Error::source(&e)
                .map(|c| c.to_string())
                .unwrap_or_else(|| e.to_string()),
        ),
        Err(_) => Some(format!("no answer within {READY_WITHIN:?}")),
    };
    if let Some(cause) = failure {
        tracing::warn!(%cause, "not ready");
        return Err(ApiError::new(
            ErrorCode::DatabaseUnavailable,
            "the database cannot be reached or cannot write",
        ));
    }
    Ok(HttpResponse::Ok().json(serde_json::json!({"status": "ready"})))
}
