//! REST API v1. One module per resource; handlers parse, call one use case in
//! `service`, and map the result. The routes are declared once (`routes`):
//! actix serves them, and the OpenAPI document and the 405 `Allow` header are
//! derived from the same declaration.

pub mod audit;
pub mod auth;
pub mod consultations;
pub mod decisions;
pub mod emails;
pub mod error;
pub mod extract;
pub mod fallback;
pub mod health;
pub mod log;
pub mod member_states;
pub mod openapi;
pub mod paging;
pub mod replies;
pub mod users;

use actix_web::web;
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Every route of the API, once.
pub fn routes(cfg: &mut ServiceConfig<'_>) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(
            scope::scope("/api/v1")
                // Replies and user data must not linger in shared caches.
                .wrap(
                    actix_web::middleware::DefaultHeaders::new().add(("Cache-Control", "no-store")),
                )
                // Matched in this order, each path pattern by a regex: the
                // routes of deadline day first.
                .service(replies::submit)
                .service(replies::withdraw)
                .service(auth::token)
                .service(auth::revoke)
                .service(auth::password_reset)
                .service(auth::set_password)
                .service(users::me)
                .service(users::invite)
                .service(users::list)
                .service(users::deactivate)
                .service(users::reactivate)
                .service(users::update)
                .service(users::resend_invitation)
                .service(audit::list)
                .service(emails::list)
                .service(emails::get)
                .service(emails::retry)
                .service(member_states::list)
                .service(consultations::create)
                .service(consultations::list)
                .service(consultations::get)
                .service(consultations::update)
                .service(consultations::cancel)
                .service(consultations::certify)
                .service(decisions::list)
                .service(decisions::notify)
                .service(decisions::bulletin)
                .service(decisions::record)
                .service(consultations::tally)
                .service(consultations::export)
                .service(consultations::comments)
                .service(replies::list)
                .service(replies::get)
                .service(log::verifier_key)
                .service(log::checkpoint)
                .service(log::inclusion)
                .service(log::consistency)
                .service(log::entry)
                .service(log::consultation_entries),
        );
}

/// Mounts the API: its extractor settings, the documentation, the routes.
pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::JsonConfig::default()
            .limit(MAX_BODY_BYTES)
            .content_type_required(false)
            .error_handler(error::json_error),
    )
    .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
    .app_data(web::QueryConfig::default().error_handler(error::query_error))
    .app_data(web::PathConfig::default().error_handler(error::path_error))
    // Before the /api/v1 scope, which would otherwise answer 404 for the document.
    .configure(openapi::config);
    ServiceConfig::new(cfg).configure(routes);
}
