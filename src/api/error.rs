//! The API's errors: `{"error": {"code", "message"}}` with the status of the
//! code (`ErrorCode::status`). Server faults are logged with their cause and
//! answered opaquely.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ErrorCode, ServiceError};

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    /// The request's id (also its `X-Request-Id` header): quote it when
    /// reporting a problem; TSB finds the request's log lines by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, snake_case; clients may rely on it.
    #[schema(value_type = String)]
    pub code: ErrorCode,
    /// For people; may change.
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        if let Some(seconds) = self.code.retry_after() {
            response.insert_header((actix_web::http::header::RETRY_AFTER, seconds.to_string()));
        }
        response.json(ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message.clone(),
            },
            request_id: crate::request_id::current(),
        })
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        e.log_fault();
        let message = match e.code() {
            ErrorCode::InternalError => "an internal error occurred; it has been logged".into(),
            ErrorCode::Unavailable => "the service is busy; please retry shortly".into(),
            ErrorCode::StorageFull => {
                "the service's storage is full; nothing was stored; please retry later".into()
            }
            _ => e.message().to_owned(),
        };
        ApiError::new(e.code(), message)
    }
}

/// A body that could not be read into its type: unknown field (422),
/// wrong fields (400), or not JSON at all (400).
pub fn body_error(e: serde_json::Error) -> ApiError {
    if let Some((field, expected)) = unknown_field(&e) {
        return ApiError::new(
            ErrorCode::UnknownField,
            format!("unknown field `{field}`: this endpoint takes {expected}"),
        );
    }
    if e.is_data() {
        ApiError::new(
            ErrorCode::InvalidBody,
            format!("the body does not have the expected fields: {e}"),
        )
    } else {
        ApiError::new(
            ErrorCode::MalformedJson,
            format!("the body is not valid JSON: {e}"),
        )
    }
}

pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let e = match err {
        JsonPayloadError::Deserialize(e) => body_error(e),
        other => payload_error(&other),
    };
    e.into()
}

fn payload_error(err: &JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::new(
                ErrorCode::BodyTooLarge,
                "the request body is larger than 1 MiB",
            )
        }
        JsonPayloadError::ContentType => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the body as application/json",
        ),
        _ => ApiError::new(
            ErrorCode::MalformedBody,
            "the request body could not be read",
        ),
    }
}

/// The field serde refused as unknown (`deny_unknown_fields`), and the
/// fields it expected, from its message: "unknown field `reason`, expected
/// one of `position`, `reasons` at line 1 column 9".
fn unknown_field(e: &serde_json::Error) -> Option<(String, String)> {
    let text = e.to_string();
    let rest = text.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest
        .trim_start_matches(", ")
        .split(" at line ")
        .next()
        .unwrap_or_default()
        .replace("expected one of ", "one of ")
        .replace("there are no fields", "no fields");
    Some((field.to_owned(), expected))
}

pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(
        ErrorCode::InvalidQuery,
        format!("the query string is not valid: {err}"),
    )
    .into()
}

pub fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::new(ErrorCode::NotFound, format!("no such resource: {err}")).into()
}
