//! Request ids. Every response carries `X-Request-Id`: the client's own when
//! it sent a well-formed one, else a new one. The id names the request's
//! tracing span, so it is in every log line of that request (the blocking
//! work and the SQLite writer enter the span they were handed), and it is at
//! hand while the request is answered (`current`), for the API's error
//! bodies and the error pages: a user can quote it, an operator find it.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

pub const HEADER: &str = "x-request-id";

tokio::task_local! {
    static CURRENT: String;
}

/// A client's id is kept when it is 1 to 128 letters, digits or `-_.:@`;
/// anything else gets a new id, so that a log line never carries what a
/// client chose to write into it.
pub fn well_formed(id: &str) -> bool {
    (1..=128).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:@".contains(&b))
}

/// The id of the request being answered, if any.
pub fn current() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Gives the request its id, runs it in its span and with its id at hand,
/// and names the id in the response.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|id| well_formed(id))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    // Also on the request, so that the access log (`%{x-request-id}i`)
    // names the id the server gave.
    let mut req = req;
    if let Ok(value) = HeaderValue::from_str(&id) {
        req.headers_mut()
            .insert(HeaderName::from_static(HEADER), value);
    }
    let span = tracing::info_span!("request", request_id = %id);
    let mut response = CURRENT
        .scope(id.clone(), next.call(req).instrument(span))
        .await?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(HEADER), value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_ids_are_kept() {
        assert!(well_formed("5f0c2a9e-1b7d-4c1e-9a53-2f6f0f7d9b10"));
        assert!(well_formed("req_42.a:b@c"));
        assert!(!well_formed(""));
        assert!(!well_formed(&"a".repeat(129)));
        assert!(!well_formed("a b"));
        assert!(!well_formed("x\ny"));
        assert!(!well_formed("<script>"));
    }
}
