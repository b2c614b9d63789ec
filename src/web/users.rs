//! TSB's page of users: inviting focal points and staff, sending an
//! invitation again, deactivating (after a confirmation) and reactivating.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};

use super::forms::{field_errors, see_other, tsb_form, Fields};
use super::session::{PageCtx, PageError};
use crate::auth::Role;
use crate::domain::ids::UserId;
use crate::error::ErrorCode;
use crate::i18n::LANGUAGES;
use crate::service::users::{self, NewUser};

/// What the page confirms after an action, by the `done` of its address.
fn done_message(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "invited" => Some("users-done-invited"),
        "deactivated" => Some("users-done-deactivated"),
        "reactivated" => Some("users-done-reactivated"),
        "invitation_sent" => Some("users-done-invitation-sent"),
        "changed" => Some("users-done-changed"),
        _ => None,
    }
}

async fn users_page_with(
    ctx: &PageCtx,
    errors: Vec<(String, String)>,
    input: HashMap<String, String>,
    status: StatusCode,
    done: Option<&'static str>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let directory = ctx
        .state
        .read(move |conn, _| users::directory(conn, &actor))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let errors = field_errors(errors);
    ctx.render_status(
        status,
        "tsb_users.html",
        &minijinja::context! { users => directory.users, states => sorted_states(directory.member_states, ctx.lang), email_languages => LANGUAGES, autonyms => autonyms(), errors => errors, input => input, done => done },
    )
}

#[derive(serde::Deserialize)]
pub struct UsersQuery {
    done: Option<String>,
}

#[get("/tsb/users")]
pub async fn users_page(
    ctx: PageCtx,
    q: web::Query<UsersQuery>,
) -> Result<HttpResponse, PageError> {
    let done = done_message(q.done.as_deref());
    users_page_with(&ctx, Vec::new(), HashMap::new(), StatusCode::OK, done).await
}

#[post("/tsb/users")]
pub async fn invite(ctx: PageCtx, form: Fields) -> Result<HttpResponse, PageError> {
    let (actor, f) = tsb_form(&ctx, form)?;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let role = if get("role") == "tsb" {
        Role::Tsb
    } else {
        Role::Member
    };
    let new = NewUser {
        email: get("email"),
        name: get("name"),
        role,
        member_state: Some(get("member_state")).filter(|s| !s.is_empty() && role == Role::Member),
        password: None,
        language: Some(get("language"))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "en".into()),
    };
    let mail = ctx.state.mail.clone();
    match ctx
        .state
        .write(move |conn, clock| users::invite(conn, &actor, clock, &mail, new))
        .await
    {
        Ok(_) => Ok(see_other("/tsb/users?done=invited")),
        Err(e)
            if e.status() == StatusCode::UNPROCESSABLE_ENTITY
                || e.status() == StatusCode::CONFLICT =>
        {
            let field = match e.code() {
                ErrorCode::MemberStateRequired | ErrorCode::UnknownMemberState => "member_state",
                ErrorCode::MissingField => "name",
                _ => "email",
            };
            users_page_with(
                &ctx,
                vec![(field.into(), user_error(&ctx, &e))],
                f,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
            )
            .await
        }
        Err(e) => Err(ctx.service_error(e)),
    }
}

/// Deactivation asks first: it signs the user out everywhere.
#[get("/tsb/users/{id}/deactivate")]
pub async fn deactivate_page(
    ctx: PageCtx,
    id: web::Path<UserId>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let id = id.into_inner();
    let user = ctx
        .state
        .read(move |conn, _| {
            users::list(conn, &actor)?
                .into_iter()
                .find(|u| u.id == id)
                .ok_or_else(|| {
                    crate::error::ServiceError::new(ErrorCode::UserNotFound, "no user has this id")
                })
        })
        .await
        .map_err(|e| ctx.service_error(e))?;
    ctx.render(
        "tsb_user_deactivate.html",
        &minijinja::context! { u => user },
    )
}

/// The user and what the edit form needs, or the use case's error.
async fn edit_form(
    ctx: &PageCtx,
    id: UserId,
    input: Option<HashMap<String, String>>,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    let directory = ctx
        .state
        .read(move |conn, _| users::directory(conn, &actor))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let Some(user) = directory.users.into_iter().find(|u| u.id == id) else {
        return Err(ctx.error(StatusCode::NOT_FOUND, "error-not-found"));
    };
    let input = input.unwrap_or_else(|| {
        HashMap::from([
            ("name".to_owned(), user.name.clone()),
            ("language".to_owned(), user.language.clone()),
            (
                "member_state".to_owned(),
                user.member_state.clone().unwrap_or_default(),
            ),
        ])
    });
    ctx.render_status(
        status,
        "tsb_user_edit.html",
        &minijinja::context! {
            u => user, input => input, states => sorted_states(directory.member_states, ctx.lang),
            email_languages => LANGUAGES, autonyms => autonyms(), errors => field_errors(errors),
        },
    )
}

#[get("/tsb/users/{id}/edit")]
pub async fn edit_page(ctx: PageCtx, id: web::Path<UserId>) -> Result<HttpResponse, PageError> {
    edit_form(&ctx, id.into_inner(), None, Vec::new(), StatusCode::OK).await
}

#[post("/tsb/users/{id}/edit")]
pub async fn edit(
    ctx: PageCtx,
    id: web::Path<UserId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, f) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    let get = |k: &str| f.get(k).cloned().filter(|v| !v.is_empty());
    let change = users::UserChange {
        name: Some(f.get("name").cloned().unwrap_or_default()),
        language: get("language"),
        member_state: get("member_state"),
    };
    let target = id.clone();
    match ctx
        .state
        .write(move |conn, clock| users::update(conn, &actor, clock, &target, change))
        .await
    {
        Ok(_) => Ok(see_other("/tsb/users?done=changed")),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let field = match e.code() {
                ErrorCode::UnknownMemberState | ErrorCode::MemberStateRefused => "member_state",
                ErrorCode::UnknownLanguage => "language",
                _ => "name",
            };
            edit_form(
                &ctx,
                id,
                Some(f),
                vec![(field.into(), user_error(&ctx, &e))],
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(ctx.service_error(e)),
    }
}

#[post("/tsb/users/{id}/reactivate")]
pub async fn reactivate(
    ctx: PageCtx,
    id: web::Path<UserId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, _) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    ctx.state
        .write(move |conn, clock| users::reactivate(conn, &actor, clock, &id))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(see_other("/tsb/users?done=reactivated"))
}

#[post("/tsb/users/{id}/invitation")]
pub async fn resend_invitation(
    ctx: PageCtx,
    id: web::Path<UserId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, _) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    let mail = ctx.state.mail.clone();
    ctx.state
        .write(move |conn, clock| users::resend_invitation(conn, &actor, clock, &mail, &id))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(see_other("/tsb/users?done=invitation_sent"))
}

#[post("/tsb/users/{id}/deactivate")]
pub async fn deactivate(
    ctx: PageCtx,
    id: web::Path<UserId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, _) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    ctx.state
        .write(move |conn, clock| users::deactivate_by(conn, &actor, clock, &id))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(see_other("/tsb/users?done=deactivated"))
}

/// A refused account form, in the page's language.
fn user_error(ctx: &PageCtx, e: &crate::error::ServiceError) -> String {
    let key = match e.code() {
        ErrorCode::MemberStateRequired => "error-member-state-required",
        ErrorCode::MemberStateRefused => "error-member-state-refused",
        ErrorCode::UnknownMemberState => "error-member-state-unknown",
        ErrorCode::InvalidEmail => "error-invalid-email",
        ErrorCode::EmailTaken => "error-email-taken",
        ErrorCode::MissingField => "error-name-required",
        _ => return ctx.refusal(e),
    };
    ctx.t(key)
}

/// Each language as it names itself ("العربية", "中文", "Français"), by code.
fn autonyms() -> std::collections::BTreeMap<&'static str, &'static str> {
    crate::i18n::Language::ALL
        .iter()
        .map(|l| (l.code(), l.autonym()))
        .collect()
}

/// Member States in the order of the reader's language.
fn sorted_states(
    mut states: Vec<crate::service::member_states::MemberStateView>,
    lang: &str,
) -> Vec<crate::service::member_states::MemberStateView> {
    crate::service::member_states::sort_for(&mut states, lang);
    states
}
