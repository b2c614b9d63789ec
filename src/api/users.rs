use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::auth::Role;
use crate::domain::ids::UserId;
use crate::service::users::{self, NewUser, UserView};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteUser {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[schema(min_length = 1, max_length = 1000)]
    pub name: String,
    pub role: Role,
    /// ISO3; required for `member`, refused for `tsb`.
    #[schema(pattern = "^[A-Za-z]{3}$", example = "CHE")]
    pub member_state: Option<String>,
    /// ar, zh, en (default), fr, ru or es: the language of the user's emails.
    #[schema(pattern = "^(ar|zh|en|fr|ru|es)$")]
    pub language: Option<String>,
}

/// Invite a user (TSB staff): the account is created without a password and
/// the user receives a single-use link to set one.
#[utoipa::path(
    request_body = InviteUser,
    responses(
        (status = 201, body = UserView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, description = "email_taken", body = ErrorBody),
        (status = 422, description = "invalid_email, member_state_required, member_state_refused, member_state_not_found, unknown_language", body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "users"
)]
#[post("/users")]
pub async fn invite(
    state: web::Data<AppState>,
    who: Authenticated,
    body: web::Json<InviteUser>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let new = NewUser {
        email: b.email,
        name: b.name,
        role: b.role,
        member_state: b.member_state,
        password: None,
        language: b.language.unwrap_or_else(|| "en".into()),
    };
    let mail = state.mail.clone();
    let user = state
        .write(move |conn, clock| users::invite(conn, &who.0, clock, &mail, new))
        .await?;
    Ok(HttpResponse::Created().json(UserView::from(user)))
}

/// Who is asking: the account of the token's user (anyone signed in).
#[utoipa::path(
    responses((status = 200, body = UserView), (status = 401, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "users",
    operation_id = "get_me"
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, who: Authenticated) -> Result<HttpResponse, ApiError> {
    let me = state.read(move |conn, _| users::me(conn, &who.0)).await?;
    Ok(HttpResponse::Ok().json(me))
}

/// Every user (TSB staff).
#[utoipa::path(
    responses((status = 200, body = Vec<UserView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])),
    tag = "users",
    operation_id = "list_users"
)]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    who: Authenticated,
) -> Result<HttpResponse, ApiError> {
    let all = state.read(move |conn, _| users::list(conn, &who.0)).await?;
    Ok(HttpResponse::Ok().json(all))
}

/// Deactivate a user and revoke their tokens (TSB staff).
#[utoipa::path(
    params(("id" = String, Path, description = "user id")),
    responses(
        (status = 200, body = UserView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "cannot_deactivate_self", body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "users",
    operation_id = "deactivate_user"
)]
#[post("/users/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let user = state
        .write(move |conn, clock| users::deactivate_by(conn, &who.0, clock, &id))
        .await?;
    Ok(HttpResponse::Ok().json(user))
}

/// Make a deactivated user's account usable again (TSB staff). Its old
/// tokens stay revoked: the user signs in afresh.
#[utoipa::path(
    params(("id" = String, Path, description = "user id")),
    responses(
        (status = 200, body = UserView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "users",
    operation_id = "reactivate_user"
)]
#[post("/users/{id}/reactivate")]
pub async fn reactivate(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let user = state
        .write(move |conn, clock| users::reactivate(conn, &who.0, clock, &id))
        .await?;
    Ok(HttpResponse::Ok().json(user))
}

/// Send the invitation again, with a new link; earlier links stop working
/// (TSB staff; only while the user has not set a password).
#[utoipa::path(
    params(("id" = String, Path, description = "user id")),
    responses(
        (status = 200, body = UserView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "user_inactive, password_already_set", body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "users",
    operation_id = "resend_invitation"
)]
#[post("/users/{id}/invitation")]
pub async fn resend_invitation(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mail = state.mail.clone();
    let user = state
        .write(move |conn, clock| users::resend_invitation(conn, &who.0, clock, &mail, &id))
        .await?;
    Ok(HttpResponse::Ok().json(user))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    #[schema(max_length = 1000)]
    pub name: Option<String>,
    /// ar, zh, en, fr, ru or es.
    pub language: Option<String>,
    /// A focal point's Member State (ISO 3166-1 alpha-3); refused for TSB staff.
    pub member_state: Option<String>,
}

/// Change a user's name, language or Member State (TSB staff); a field left
/// out stays as it is. The change applies at once.
#[utoipa::path(
    params(("id" = String, Path, description = "user id")),
    request_body = UserPatch,
    responses(
        (status = 200, body = UserView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "missing_field, field_too_long, control_characters, unknown_language, member_state_not_found, member_state_refused, unknown_field", body = ErrorBody)
    ),
    security(("bearer" = [])),
    tag = "users",
    operation_id = "update_user"
)]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    who: Authenticated,
    id: web::Path<UserId>,
    body: web::Json<UserPatch>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let change = users::UserChange {
        name: b.name,
        language: b.language,
        member_state: b.member_state,
    };
    let user = state
        .write(move |conn, clock| users::update(conn, &who.0, clock, &id, change))
        .await?;
    Ok(HttpResponse::Ok().json(user))
}
