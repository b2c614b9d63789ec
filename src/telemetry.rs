//! Metrics in the Prometheus text format (`metrics` with its Prometheus
//! exporter): what is counted as it happens (requests by route pattern,
//! replies, failed sends) and what is read when scraped (outbox, pool, log).
//! Served only on `TAPBALLOT_METRICS_BIND`, a separate address, so that they
//! are never public by accident.

use std::sync::OnceLock;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Upper bounds of the request duration histogram, in seconds.
const DURATION_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The process's recorder: installed once (the first call), then shared.
pub fn install() -> anyhow::Result<PrometheusHandle> {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    if let Some(h) = HANDLE.get() {
        return Ok(h.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("tapballot_http_request_duration_seconds".into()),
            &DURATION_BUCKETS,
        )?
        // How many requests share a commit of SQLite's writer (at most 128).
        .set_buckets_for_metric(
            Matcher::Full("tapballot_writer_group_requests".into()),
            &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0],
        )?
        .install_recorder()?;
    let handle = HANDLE.get_or_init(|| handle).clone();
    metrics::gauge!("tapballot_build_info", "version" => env!("CARGO_PKG_VERSION")).set(1.0);
    // Every series from the first scrape, so that rates and alerts start at 0.
    for result in ["accepted", "unchanged", "refused"] {
        metrics::counter!("tapballot_replies_total", "result" => result).absolute(0);
    }
    metrics::counter!("tapballot_email_send_failures_total").absolute(0);
    Ok(handle)
}

/// A method as a label: the standard ones, else "other" (a client may send
/// any token, and each label value is a series kept for good).
fn method_label(m: &actix_web::http::Method) -> &'static str {
    use actix_web::http::Method;
    match *m {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Counts and times each request by its route's pattern (never the raw
/// path: ids would make a series each), method and status.
pub async fn record_http(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = method_label(req.method());
    let response = next.call(req).await;
    let (route, status) = match &response {
        Ok(r) => (r.request().match_pattern(), r.status().as_u16().to_string()),
        Err(e) => (
            None,
            e.as_response_error().status_code().as_u16().to_string(),
        ),
    };
    let route = route.unwrap_or_else(|| "unmatched".to_owned());
    let labels = [
        ("route", route),
        ("method", method.to_owned()),
        ("status", status),
    ];
    metrics::counter!("tapballot_http_requests_total", &labels).increment(1);
    metrics::histogram!("tapballot_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

/// What a scrape reads at the moment it is made.
pub struct Scraped {
    pub emails: Vec<(&'static str, i64)>,
    pub oldest_due_seconds: f64,
    pub log_tree_size: i64,
    /// (pool, state, connections): state "idle" or "in_use".
    pub pools: Vec<(&'static str, &'static str, u32)>,
}

/// Sets the gauges read at scrape time, then renders every series.
pub fn render(handle: &PrometheusHandle, s: &Scraped) -> String {
    for (status, n) in &s.emails {
        metrics::gauge!("tapballot_outbox_emails", "status" => *status).set(*n as f64);
    }
    metrics::gauge!("tapballot_outbox_oldest_due_seconds").set(s.oldest_due_seconds);
    metrics::gauge!("tapballot_log_tree_size").set(s.log_tree_size as f64);
    for (pool, state, n) in &s.pools {
        metrics::gauge!("tapballot_db_pool_connections", "pool" => *pool, "state" => *state)
            .set(f64::from(*n));
    }
    handle.render()
}
