//! Server-rendered pages for administrations and TSB staff. They call the same
//! use cases as the API (`service`), so no rule is written twice; they work
//! without script, in the six languages.

pub mod account;
pub mod render;
pub mod reply;
pub mod session;
pub mod tsb;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::cookie::{Key, SameSite};
use actix_web::{get, middleware, web, HttpResponse};

/// Content Security Policy of the pages: nothing from elsewhere, no inline script.
pub const CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Session cookies are encrypted and signed with a key derived from the
/// token secret, so several instances share sessions.
pub fn session_middleware(secret: &[u8], secure: bool) -> SessionMiddleware<CookieSessionStore> {
    use sha2::{Digest, Sha512};
    let mut h = Sha512::new();
    h.update(b"tapballot web session key\0");
    h.update(secret);
    let key = Key::from(&h.finalize());
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

/// Unknown addresses: a JSON error under /api, a page elsewhere.
pub async fn fallback(req: actix_web::HttpRequest) -> HttpResponse {
    use actix_web::FromRequest;
    use actix_web::ResponseError;
    let api =
        req.path().starts_with("/api/") || req.path() == "/healthz" || req.path() == "/readyz";
    if api {
        // A known path with the wrong method: 405 and the methods it has.
        if let Some(methods) = crate::api::openapi::allowed_methods(req.path()) {
            let allow = methods.join(", ");
            let mut response = crate::api::error::ApiError::new(
                crate::error::ErrorCode::MethodNotAllowed,
                format!("{} is not allowed here; use {allow}", req.method()),
            )
            .error_response();
            if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&allow) {
                response
                    .headers_mut()
                    .insert(actix_web::http::header::ALLOW, value);
            }
            return response;
        }
        return crate::api::error::ApiError::new(
            crate::error::ErrorCode::NotFound,
            "no such resource",
        )
        .error_response();
    }
    match session::PageCtx::extract(&req).await {
        Ok(ctx) => ctx
            .error(actix_web::http::StatusCode::NOT_FOUND, "error-not-found")
            .error_response(),
        Err(e) => e.error_response(),
    }
}

pub fn config(cfg: &mut web::ServiceConfig) {
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
            .service(reply::home)
            .service(reply::review_reply)
            .service(reply::receipt_page)
            .service(reply::history_page)
            .service(reply::print_page)
            .service(reply::withdraw_page)
            .service(reply::withdraw_reply)
            .service(reply::reply_form)
            .service(reply::submit_reply)
            .service(tsb::consultations_page)
            .service(tsb::new_page)
            .service(tsb::create)
            .service(tsb::on_behalf)
            .service(tsb::export)
            .service(tsb::edit_page)
            .service(tsb::update)
            .service(tsb::detail)
            .service(tsb::users_page)
            .service(tsb::invite)
            .service(tsb::deactivate)
            .service(tsb::emails_page)
            .service(tsb::retry_email)
            .service(tsb::activity_page),
    );
}
