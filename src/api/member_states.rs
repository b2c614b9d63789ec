use actix_web::{get, web, HttpResponse};

use super::error::ApiError;
use crate::state::AppState;
use crate::store;
use crate::store::models::MemberState;

/// The 193 ITU Member States that may reply.
#[utoipa::path(responses((status = 200, body = Vec<MemberStateSchema>)), tag = "member states")]
#[get("/member-states")]
pub async fn list(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all: Vec<MemberState> = state
        .run(|conn, _| Ok(store::member_states::all(conn)?))
        .await?;
    let body: Vec<MemberStateSchema> = all
        .into_iter()
        .map(|m| MemberStateSchema {
            iso3: m.iso3,
            iso2: m.iso2,
            name: m.name_en,
            itu_name: m.itu_name_en,
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
#[schema(as = MemberState)]
pub struct MemberStateSchema {
    /// ISO 3166-1 alpha-3, the key used in paths.
    pub iso3: String,
    pub iso2: String,
    /// ISO 3166-1 English short name.
    pub name: String,
    /// The short name ITU uses in its statistics (best effort).
    pub itu_name: String,
}
