//! Request ids (every response names its request; API error bodies and
//! error pages quote it) and JSON logs (each line parses, and a request's
//! lines carry its id).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

fn request_id(r: &reqwest::Response) -> String {
    r.headers()
        .get("x-request-id")
        .expect("an X-Request-Id header")
        .to_str()
        .unwrap()
        .to_owned()
}

#[actix_web::test]
async fn every_response_names_its_request_and_errors_quote_it() {
    let app = spawn_app(Backend::Sqlite)
        .await
        .expect("SQLite always runs");
    let get = |path: &str, id: Option<&str>| {
        let mut r = app
            .client
            .get(format!("{}{path}", app.base))
            .header("accept-language", "fr");
        if let Some(id) = id {
            r = r.header("x-request-id", id);
        }
        r.send()
    };
    // A new id for a request without one, another for the next.
    let a = request_id(&get("/healthz", None).await.unwrap());
    let b = request_id(&get("/healthz", None).await.unwrap());
    assert!(uuid::Uuid::parse_str(&a).is_ok(), "{a}");
    assert_ne!(a, b);
    // The client's own, when well formed; a new one for anything else.
    let r = get("/healthz", Some("client-42.retry:1")).await.unwrap();
    assert_eq!(request_id(&r), "client-42.retry:1");
    let r = get("/healthz", Some("two words")).await.unwrap();
    assert!(uuid::Uuid::parse_str(&request_id(&r)).is_ok());
    // An API error's body quotes it.
    let r = get("/api/v1/consultations", Some("api-error-1"))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(request_id(&r), "api-error-1");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["request_id"], json!("api-error-1"), "{body}");
    assert_eq!(body["error"]["code"], json!("missing_token"), "{body}");
    // And so does an error page, in the reader's language.
    let r = get("/no-such-page", Some("page-error-1")).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Référence de cette requête") && html.contains("page-error-1"),
        "{html}"
    );
    // A page that is not an error does not.
    let html = get("/sign-in", None).await.unwrap().text().await.unwrap();
    assert!(!html.contains("Référence de cette requête"));
}

#[actix_web::test]
async fn json_logs_parse_and_a_requests_lines_carry_its_id() {
    let (url, _db) = new_database(Backend::Sqlite).expect("SQLite always runs");
    crate::mail::add_user_with_cli(&url, "tsb@itu.test", "tsb", None);
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let port = crate::smtp::free_port();
    let server = crate::mail::serve_logging_to(
        &url,
        port,
        &[
            ("TAPBALLOT_LOG_FORMAT", "json"),
            ("TAPBALLOT_LOG", "info"),
            ("TAPBALLOT_EMBEDDED_WORKER", "false"),
        ],
        log,
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let token = login(&client, &base, "tsb@itu.test", PASSWORD).await;
    let consultation = crate::durability::create_consultation(&client, &base, &token).await;
    let r = client
        .put(format!(
            "{base}/api/v1/consultations/{consultation}/replies/CHE"
        ))
        .bearer_auth(&token)
        .header("x-request-id", "reply-7")
        .json(&json!({ "responses": all_yes() }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = client
        .get(format!("{base}/api/v1/consultations/nope/tally"))
        .bearer_auth(&token)
        .header("x-request-id", "missing-8")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["request_id"], json!("missing-8"));
    drop(server);
    let text = std::fs::read_to_string(&log_path).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(lines.len() > 3, "{text}");
    for l in &lines {
        for key in ["timestamp", "level", "target", "fields"] {
            assert!(l.get(key).is_some(), "{key} missing: {l}");
        }
    }
    let of = |id: &str| -> Vec<&Value> {
        lines
            .iter()
            .filter(|l| l["span"]["request_id"] == json!(id) || l.to_string().contains(id))
            .collect()
    };
    // The use case's own line (written on the SQLite writer's thread) is in
    // the request's span.
    assert!(
        of("reply-7")
            .iter()
            .any(|l| l["fields"]["message"] == json!("reply received")
                && l["span"]["request_id"] == json!("reply-7")),
        "{text}"
    );
    // The access line names the failed request.
    assert!(
        of("missing-8").iter().any(|l| l["fields"]["message"]
            .as_str()
            .unwrap_or("")
            .contains(" 404 ")),
        "{text}"
    );
}

fn parse_scrape(text: &str) -> prometheus_parse::Scrape {
    prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_owned())))
        .unwrap_or_else(|e| panic!("not the Prometheus text format ({e}):\n{text}"))
}

fn value_of(s: &prometheus_parse::Value) -> f64 {
    use prometheus_parse::Value;
    match s {
        Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => *v,
        other => panic!("not a single value: {other:?}"),
    }
}

fn sample<'a>(
    scrape: &'a prometheus_parse::Scrape,
    name: &str,
    labels: &[(&str, &str)],
) -> Option<&'a prometheus_parse::Sample> {
    scrape
        .samples
        .iter()
        .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
}

#[actix_web::test]
async fn metrics_are_served_apart_and_count_what_happens() {
    let (url, _db) = new_database(Backend::Sqlite).expect("SQLite always runs");
    crate::mail::add_user_with_cli(&url, "tsb@itu.test", "tsb", None);
    let (port, metrics_port) = (crate::smtp::free_port(), crate::smtp::free_port());
    let metrics_bind = format!("127.0.0.1:{metrics_port}");
    let _server = crate::mail::serve(
        &url,
        port,
        &[
            ("TAPBALLOT_METRICS_BIND", metrics_bind.as_str()),
            ("TAPBALLOT_EMBEDDED_WORKER", "false"),
        ],
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let scrape = || async {
        let r = reqwest::get(format!("http://{metrics_bind}/metrics"))
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        parse_scrape(&r.text().await.unwrap())
    };
    let token = login(&client, &base, "tsb@itu.test", PASSWORD).await;
    let consultation = crate::durability::create_consultation(&client, &base, &token).await;
    let before = scrape().await;
    for name in [
        "tapballot_http_requests_total",
        "tapballot_http_request_duration_seconds",
        "tapballot_replies_total",
        "tapballot_outbox_emails",
        "tapballot_outbox_oldest_due_seconds",
        "tapballot_email_send_failures_total",
        "tapballot_db_pool_connections",
        "tapballot_log_tree_size",
        "tapballot_build_info",
    ] {
        assert!(
            before.samples.iter().any(|s| s.metric == name),
            "{name} is not in the scrape: {:?}",
            before.samples.iter().map(|s| &s.metric).collect::<Vec<_>>()
        );
    }
    // Requests by the route's pattern, not the raw path.
    assert!(sample(
        &before,
        "tapballot_http_requests_total",
        &[
            ("route", "/api/v1/consultations"),
            ("method", "POST"),
            ("status", "201")
        ]
    )
    .is_some());
    for status in ["queued", "sent", "failing", "failed"] {
        assert!(sample(&before, "tapballot_outbox_emails", &[("status", status)]).is_some());
    }
    let version = env!("CARGO_PKG_VERSION");
    assert!(sample(&before, "tapballot_build_info", &[("version", version)]).is_some());
    let accepted = |s: &prometheus_parse::Scrape| {
        value_of(
            &sample(s, "tapballot_replies_total", &[("result", "accepted")])
                .unwrap()
                .value,
        )
    };
    let tree = |s: &prometheus_parse::Scrape| {
        value_of(&sample(s, "tapballot_log_tree_size", &[]).unwrap().value)
    };
    // One accepted reply: the counter moves by one, the log by one entry.
    let r = client
        .put(format!(
            "{base}/api/v1/consultations/{consultation}/replies/CHE"
        ))
        .bearer_auth(&token)
        .json(&json!({ "responses": all_yes() }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let after = scrape().await;
    assert_eq!(accepted(&after), accepted(&before) + 1.0);
    assert_eq!(tree(&after), tree(&before) + 1.0);
    // A route's pattern has braces, which prometheus-parse cannot read in a
    // label value; Prometheus's own parser (Python's prometheus_client) can.
    let text = reqwest::get(format!("http://{metrics_bind}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let route = r#"route="/api/v1/consultations/{id}/replies/{iso3}""#;
    assert!(
        text.lines()
            .any(|l| l.starts_with("tapballot_http_requests_total{")
                && l.contains(route)
                && l.contains(r#"method="PUT""#)
                && l.contains(r#"status="200""#)),
        "{text}"
    );
    if std::env::var_os("TAPBALLOT_TEST_PYTHON").is_some() {
        let parsed = prometheus_client_parse(&text);
        assert!(
            parsed.lines().any(|l| l.starts_with(
                "tapballot_http_requests_total /api/v1/consultations/{id}/replies/{iso3} PUT 1"
            )),
            "{parsed}"
        );
        assert!(
            parsed.contains("tapballot_http_request_duration_seconds_bucket"),
            "{parsed}"
        );
    }
    // Never on the site's own address.
    let r = client.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn without_a_metrics_address_nothing_serves_them() {
    let app = spawn_app(Backend::Sqlite)
        .await
        .expect("SQLite always runs");
    let r = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// Each sample as Python's prometheus_client parser reads it: name, route,
/// method and value.
fn prometheus_client_parse(text: &str) -> String {
    use std::io::Write;
    const SCRIPT: &str = "import sys
from prometheus_client.parser import text_string_to_metric_families as parse
for f in parse(sys.stdin.read()):
    for s in f.samples:
        print(s.name, s.labels.get('route', ''), s.labels.get('method', ''), s.value)
";
    let mut python = std::process::Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    python
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = python.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "prometheus_client could not parse the scrape: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
