use actix_web::{get, web, HttpResponse};

use super::error::ApiError;
use crate::service::member_states::{self, MemberStateView};
use crate::state::AppState;

/// The 193 ITU Member States that may reply.
#[utoipa::path(
    responses((status = 200, body = Vec<MemberStateView>)),
    tag = "member states",
    operation_id = "list_member_states"
)]
#[get("/member-states")]
pub async fn list(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all = state.read(|conn, _| member_states::list(conn)).await?;
    Ok(HttpResponse::Ok().json(all))
}
