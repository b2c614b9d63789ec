//! Server-rendered pages for administrations and TSB staff. They call the same
//! use cases as the API (`service`), so no rule is written twice; they work
//! without script, in the six languages.

pub mod account;
pub mod activity;
pub mod consultations;
pub mod decisions;
pub mod emails;
pub mod forms;
pub mod render;
pub mod replies;
pub mod session;
pub mod users;
pub mod verify;
pub mod views;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::cookie::{Key, SameSite};
use actix_web::{get, middleware, web, HttpResponse};

/// Content Security Policy of the pages: nothing from elsewhere, no inline script.
pub const CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Session cookies are encrypted and signed with the cookie key derived from
/// the service's secret (`auth::keys`), so several instances share sessions.
pub fn session_middleware(
    cookie_key: &[u8],
    secure: bool,
) -> SessionMiddleware<CookieSessionStore> {
    let key = Key::from(cookie_key);
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name("tapballot_session".into())
        .cookie_secure(secure)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(
            PersistentSession::default().session_ttl(actix_web::cookie::time::Duration::hours(12)),
        )
        .build()
}

#[get("/static/app.css")]
async fn css() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(include_str!("../../static/app.css"))
}

#[get("/static/app.js")]
async fn js() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(include_str!("../../static/app.js"))
}

/// An address no page has: the "not found" page in the reader's language.
pub async fn not_found(req: actix_web::HttpRequest) -> HttpResponse {
    use actix_web::{FromRequest, ResponseError};
    match session::PageCtx::extract(&req).await {
        Ok(ctx) => ctx
            .error(actix_web::http::StatusCode::NOT_FOUND, "error-not-found")
            .error_response(),
        Err(e) => e.error_response(),
    }
}

/// Largest form a page accepts. A form is percent-encoded, which triples
/// non-Latin text, so this takes a reply as large as the API takes (1 MiB
/// of text, 100 000 characters per field).
pub const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// A form that cannot be read gets a page in the reader's language.
fn form_error(
    err: actix_web::error::UrlencodedError,
    req: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::UrlencodedError;
    let (status, key) = match &err {
        UrlencodedError::Overflow { .. } => (
            actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
            "error-too-large",
        ),
        _ => (actix_web::http::StatusCode::BAD_REQUEST, "error-bad-form"),
    };
    actix_web::error::InternalError::from_response(err, session::unread_form_page(req, status, key))
        .into()
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::FormConfig::default()
            .limit(MAX_FORM_BYTES)
            .error_handler(form_error),
    );
    cfg.service(css).service(js).service(
        web::scope("")
            .wrap(
                middleware::DefaultHeaders::new()
                    .add(("Content-Security-Policy", CSP))
                    .add(("Cache-Control", "no-store")),
            )
            .service(account::root)
            .service(account::sign_in_page)
            .service(account::sign_in)
            .service(account::sign_out)
            .service(account::switch_language)
            .service(account::set_password_page)
            .service(account::set_password)
            .service(account::forgot_password_page)
            .service(account::forgot_password)
            .service(account::change_password_page)
            .service(account::change_password)
            .service(account::set_language)
            .service(verify::verify_page)
            .service(verify::verify)
            .service(replies::home)
            .service(replies::review_reply)
            .service(replies::receipt_file)
            .service(replies::receipt_page)
            .service(replies::history_page)
            .service(replies::print_page)
            .service(replies::withdraw_page)
            .service(replies::withdraw_reply)
            .service(replies::reply_form)
            .service(replies::submit_reply)
            .service(consultations::list_page)
            .service(consultations::new_page)
            .service(consultations::create)
            .service(consultations::on_behalf)
            .service(consultations::export)
            .service(consultations::comments)
            .service(consultations::edit_page)
            .service(consultations::update)
            .service(consultations::cancel_page)
            .service(consultations::cancel)
            .service(consultations::certify_page)
            .service(consultations::certify)
            .service(decisions::decisions_page)
            .service(decisions::bulletin)
            .service(decisions::notify)
            .service(decisions::record)
            .service(consultations::detail)
            .service(users::users_page)
            .service(users::invite)
            .service(users::edit_page)
            .service(users::edit)
            .service(users::deactivate_page)
            .service(users::deactivate)
            .service(users::reactivate)
            .service(users::resend_invitation)
            .service(emails::list_page)
            .service(emails::retry)
            .service(activity::list_page),
    );
}
