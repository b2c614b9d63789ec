//! The OpenAPI 3.1 document, collected from the routes the API serves, and an
//! offline docs UI.

use std::sync::LazyLock;

use actix_web::{web, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

/// What the document says besides its paths, which come from the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "tapballot",
        description = "TAP consultations of ITU-T (WTSA Resolution 1, section 9): Member States' replies, the Geneva cut-off and the 70 % rule. Errors are `{\"error\": {\"code\", \"message\"}}`.",
    ),
    modifiers(&BearerAuth),
)]
struct ApiDoc;

/// The OpenAPI document, collected from `super::routes`.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| {
        use utoipa_actix_web::AppExt;
        let (_, document) = actix_web::App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .configure(super::routes)
            .split_for_parts();
        document
    });
    &DOCUMENT
}

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

/// Content Security Policy of the docs UI: its own scripts only (the vendored
/// Swagger UI has no inline script), the document fetched from this site; the
/// UI sets inline styles, so styles may be inline. Nothing may frame it.
pub const DOCS_CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; \
frame-ancestors 'none'; base-uri 'none'";

/// Adds `DOCS_CSP` to every answer under `/api/docs`.
pub async fn docs_security_headers(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let docs = req.path() == "/api/docs" || req.path().starts_with("/api/docs/");
    let mut response = next.call(req).await?;
    if docs {
        response.headers_mut().insert(
            actix_web::http::header::CONTENT_SECURITY_POLICY,
            actix_web::http::header::HeaderValue::from_static(DOCS_CSP),
        );
    }
    Ok(response)
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", document().clone()))
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
    static ROUTES: LazyLock<Vec<Route>> = LazyLock::new(|| {
        document()
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
        assert_eq!(allowed_methods("/api/v1/users/abc"), Some(vec!["PATCH"]));
        assert_eq!(allowed_methods("/api/v1/users/abc/nothing"), None);
    }
}
