use actix_web::{get, web, HttpResponse};
use diesel::RunQueryDsl;

use super::error::ApiError;
use crate::error::ErrorCode;
use crate::state::AppState;

/// The process is up.
#[utoipa::path(responses((status = 200, description = "up")), tag = "health")]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// The database answers.
#[utoipa::path(responses((status = 200, description = "ready"), (status = 503, description = "database unreachable", body = super::error::ErrorBody)), tag = "health")]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .run(|conn, _| {
            diesel::sql_query("SELECT 1").execute(conn)?;
            Ok(())
        })
        .await
        .map_err(|_| {
            ApiError::new(
                ErrorCode::DatabaseUnavailable,
                "the database is not reachable",
            )
        })?;
    Ok(HttpResponse::Ok().json(serde_json::json!({"status": "ready"})))
}
