//! The OpenAPI 3.1 document, generated from the handlers, and an offline docs UI.

use actix_web::{web, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tapballot",
        description = "TAP consultations of ITU-T (WTSA Resolution 1, section 9): Member States' replies, the Geneva cut-off and the 70 % rule. Errors are `{\"error\": {\"code\", \"message\"}}`.",
    ),
    paths(
        super::health::healthz,
        super::health::readyz,
        super::auth::token,
        super::auth::revoke,
        super::auth::password_reset,
        super::auth::set_password,
        super::users::invite,
        super::users::list,
        super::users::deactivate,
        super::audit::list,
        super::emails::list,
        super::emails::get,
        super::emails::retry,
        super::member_states::list,
        super::consultations::create,
        super::consultations::list,
        super::consultations::get,
        super::consultations::update,
        super::consultations::tally,
        super::consultations::export,
        super::replies::submit,
        super::replies::withdraw,
        super::replies::get,
        super::replies::list,
    ),
    modifiers(&BearerAuth, &VersionPrefix),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The handlers are mounted under the `/api/v1` scope, which the macros cannot see.
struct VersionPrefix;

impl Modify for VersionPrefix {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let paths = std::mem::take(&mut openapi.paths.paths);
        openapi.paths.paths = paths
            .into_iter()
            .map(|(path, item)| match path.as_str() {
                "/healthz" | "/readyz" => (path, item),
                _ => (format!("/api/v1{path}"), item),
            })
            .collect();
    }
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", ApiDoc::openapi()))
        .route(
            "/api/docs",
            web::get().to(|| async {
                HttpResponse::PermanentRedirect()
                    .insert_header(("Location", "/api/docs/"))
                    .finish()
            }),
        );
}

/// The methods the API serves at `path`, read from the documented path
/// templates (so from the handlers themselves); `None` for an unknown path.
/// Lets a wrong method get 405 with `Allow` rather than 404.
pub fn allowed_methods(path: &str) -> Option<Vec<&'static str>> {
    type Route = (Vec<String>, Vec<&'static str>);
    static ROUTES: std::sync::LazyLock<Vec<Route>> = std::sync::LazyLock::new(|| {
        ApiDoc::openapi()
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template.split('/').map(str::to_owned).collect();
                let mut methods = Vec::new();
                for (present, names) in [
                    (item.get.is_some(), &["GET", "HEAD"][..]),
                    (item.post.is_some(), &["POST"][..]),
                    (item.put.is_some(), &["PUT"][..]),
                    (item.delete.is_some(), &["DELETE"][..]),
                    (item.patch.is_some(), &["PATCH"][..]),
                ] {
                    if present {
                        methods.extend_from_slice(names);
                    }
                }
                (segments, methods)
            })
            .collect()
    });
    let segments: Vec<&str> = path.split('/').collect();
    let matches = |template: &[String]| {
        template.len() == segments.len()
            && template
                .iter()
                .zip(&segments)
                .all(|(t, s)| (t.starts_with('{') && t.ends_with('}') && !s.is_empty()) || t == s)
    };
    let mut methods: Vec<&'static str> = ROUTES
        .iter()
        .filter(|(template, _)| matches(template))
        .flat_map(|(_, methods)| methods.iter().copied())
        .collect();
    methods.sort_unstable();
    methods.dedup();
    (!methods.is_empty()).then_some(methods)
}

#[cfg(test)]
mod tests {
    use super::allowed_methods;

    #[test]
    fn allowed_methods_come_from_the_documented_routes() {
        assert_eq!(
            allowed_methods("/api/v1/consultations"),
            Some(vec!["GET", "HEAD", "POST"])
        );
        assert_eq!(
            allowed_methods("/api/v1/consultations/abc/replies/CHE"),
            Some(vec!["DELETE", "GET", "HEAD", "PUT"])
        );
        assert_eq!(allowed_methods("/healthz"), Some(vec!["GET", "HEAD"]));
        assert_eq!(allowed_methods("/api/v1/consultations/"), None);
        assert_eq!(allowed_methods("/api/v1/nothing"), None);
        assert_eq!(allowed_methods("/api/v1/users/abc"), None);
    }
}
