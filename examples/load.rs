//! Load generator for `scripts/bench.sh`: many concurrent replies (TSB on
//! behalf of random Member States) and tally reads against a running server.
//! Prints latency percentiles and throughput as a Markdown table row.
//!
//! Usage: load BASE_URL TSB_EMAIL TSB_PASSWORD REQUESTS CONCURRENCY LABEL

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use serde_json::{json, Value};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, email, password, requests, concurrency, label] = args.as_slice() else {
        return Err(
            "usage: load BASE_URL TSB_EMAIL TSB_PASSWORD REQUESTS CONCURRENCY LABEL".into(),
        );
    };
    let requests: usize = requests.parse()?;
    let concurrency: usize = concurrency.parse()?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    let token: Value = client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await?
        .json()
        .await?;
    let token = token["access_token"].as_str().ok_or("no token")?.to_owned();
    let drafts: Vec<Value> = (0..8).map(|i| json!({"number": format!("X.{}", 1000 + i), "provisional_name": format!("X.p{i}"), "title": "Benchmark draft"})).collect();
    let c: Value = client
        .post(format!("{base}/api/v1/consultations"))
        .bearer_auth(&token)
        .json(&json!({"reference": format!("Benchmark {label}"), "study_group": "SG17", "title": "Benchmark", "deadline": "2099-12-31T23:59", "drafts": drafts}))
        .send()
        .await?
        .json()
        .await?;
    let id = c["id"].as_str().ok_or("no consultation")?.to_owned();
    let states: Vec<Value> = client
        .get(format!("{base}/api/v1/member-states"))
        .send()
        .await?
        .json()
        .await?;
    let states: Arc<Vec<String>> = Arc::new(
        states
            .iter()
            .filter_map(|m| m["iso3"].as_str().map(str::to_owned))
            .collect(),
    );

    let started = Instant::now();
    let per_task = requests / concurrency;
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, token, base, id, states) = (
            client.clone(),
            token.clone(),
            base.clone(),
            id.clone(),
            states.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(per_task);
            let mut errors = 0usize;
            for _ in 0..per_task {
                let (iso3, responses) = {
                    let mut rng = rand::rng();
                    let iso3 = states[rng.random_range(0..states.len())].clone();
                    let responses: Vec<Value> = (0..8)
                        .map(|i| json!({"draft": format!("X.{}", 1000 + i), "position": if rng.random_ratio(4, 5) { "yes" } else { "no" }, "reasons": "benchmark"}))
                        .collect();
                    (iso3, responses)
                };
                let t = Instant::now();
                let ok = client
                    .put(format!("{base}/api/v1/consultations/{id}/replies/{iso3}"))
                    .bearer_auth(&token)
                    .json(&json!({"responses": responses}))
                    .send()
                    .await
                    .map(|r| r.status().is_success())
                    .unwrap_or(false);
                latencies.push(t.elapsed());
                if !ok {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await?;
        latencies.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed();
    latencies.sort();

    let mut tally = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        client
            .get(format!("{base}/api/v1/consultations/{id}/tally"))
            .bearer_auth(&token)
            .send()
            .await?
            .bytes()
            .await?;
        tally.push(t.elapsed());
    }
    tally.sort();
    println!(
        "| {label} | {} | {concurrency} | {:.0} | {:.1} | {:.1} | {:.1} | {errors} | {:.1} |",
        latencies.len(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
        percentile(&latencies, 0.99),
        percentile(&tally, 0.50),
    );
    Ok(())
}
