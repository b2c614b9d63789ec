//! Reading posted forms, and the redirect that follows a successful one.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::session::{PageCtx, PageError};
use crate::auth::Actor;

/// A form read as its fields in order; a repeated name keeps its last value.
pub type Fields = web::Form<Vec<(String, String)>>;

pub fn fields(form: Fields) -> HashMap<String, String> {
    form.into_inner().into_iter().collect()
}

/// A form posted by any signed-in user: its fields, CSRF checked.
pub fn user_form(ctx: &PageCtx, form: Fields) -> Result<HashMap<String, String>, PageError> {
    let fields = fields(form);
    ctx.check_csrf(fields.get("csrf").map(String::as_str))?;
    Ok(fields)
}

/// A form posted by TSB staff: the actor and the fields, CSRF checked.
pub fn tsb_form(
    ctx: &PageCtx,
    form: Fields,
) -> Result<(Actor, HashMap<String, String>), PageError> {
    let actor = ctx.require_tsb()?.clone();
    let fields = user_form(ctx, form)?;
    Ok((actor, fields))
}

/// Errors of a form, each beside its field, as the templates read them.
pub fn field_errors(errors: Vec<(String, String)>) -> Vec<minijinja::Value> {
    errors
        .into_iter()
        .map(|(field, message)| minijinja::context! { field, message })
        .collect()
}

/// 303 See Other: after a form, the browser asks for the next page with GET.
pub fn see_other(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_owned()))
        .finish()
}
