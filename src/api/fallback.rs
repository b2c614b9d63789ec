//! What the API answers for a path or method it does not serve: JSON, never a
//! page. A known path with the wrong method gets 405 and the methods it has.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError};

use super::error::ApiError;
use super::openapi;
use crate::error::ErrorCode;

/// Whether a path belongs to the API rather than to the pages.
pub fn owns(path: &str) -> bool {
    path.starts_with("/api/") || openapi::allowed_methods(path).is_some()
}

/// 405 with `Allow` for a documented path, 404 otherwise.
pub async fn unrouted(req: HttpRequest) -> HttpResponse {
    let Some(methods) = openapi::allowed_methods(req.path()) else {
        return ApiError::new(ErrorCode::NotFound, "no such resource").error_response();
    };
    let allow = methods.join(", ");
    let mut response = ApiError::new(
        ErrorCode::MethodNotAllowed,
        format!("{} is not allowed here; use {allow}", req.method()),
    )
    .error_response();
    if let Ok(value) = HeaderValue::from_str(&allow) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}
