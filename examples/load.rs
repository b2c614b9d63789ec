//! Load generator for `scripts/bench.sh`: many concurrent replies (TSB on
//! behalf of random Member States) and tally reads against a running server.
//! Prints latency percentiles and throughput as a Markdown table row.
//!
//! Usage: load BASE_URL TSB_EMAIL TSB_PASSWORD REQUESTS CONCURRENCY LABEL
//!
//! Environment: `LOAD_REFERENCE` replies to the consultation with that
//! reference, made if missing (default: "Benchmark LABEL", always new);
//! `LOAD_SECONDS` runs for that long instead of REQUESTS, and adds two
//! columns: the rate of the first 8 s and the rate after the first 30 s;
//! `LOAD_TIMELINE=FILE` writes one CSV line per second of the run (the
//! replies completed in it, their p50, p95, p99 and slowest), to see when
//! the slow ones happen.

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

/// One line per second: completions in it and their latency percentiles.
fn write_timeline(path: &str, done_at: &[(Duration, Duration)]) -> std::io::Result<()> {
    use std::io::Write;
    let seconds = done_at
        .iter()
        .map(|(d, _)| d.as_secs() as usize + 1)
        .max()
        .unwrap_or(0);
    let mut by_second = vec![Vec::new(); seconds];
    for (d, took) in done_at {
        by_second[d.as_secs() as usize].push(*took);
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "second,replies,p50_ms,p95_ms,p99_ms,max_ms")?;
    for (second, mut took) in by_second.into_iter().enumerate() {
        took.sort();
        writeln!(
            out,
            "{second},{},{:.1},{:.1},{:.1},{:.1}",
            took.len(),
            percentile(&took, 0.50),
            percentile(&took, 0.95),
            percentile(&took, 0.99),
            percentile(&took, 1.0),
        )?;
    }
    out.flush()
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
    let reference =
        std::env::var("LOAD_REFERENCE").unwrap_or_else(|_| format!("Benchmark {label}"));
    let seconds: Option<f64> = std::env::var("LOAD_SECONDS")
        .ok()
        .map(|s| s.parse())
        .transpose()?;
    let existing: Value = client
        .get(format!("{base}/api/v1/consultations"))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let existing = existing
        .as_array()
        .and_then(|all| all.iter().find(|c| c["reference"] == json!(reference)))
        .cloned();
    let c: Value = match existing {
        Some(c) => c,
        None => {
            let drafts: Vec<Value> = (0..8).map(|i| json!({"number": format!("X.{}", 1000 + i), "provisional_name": format!("X.p{i}"), "title": "Benchmark draft"})).collect();
            client
                .post(format!("{base}/api/v1/consultations"))
                .bearer_auth(&token)
                .json(&json!({"reference": reference, "study_group": "SG17", "title": "Benchmark", "deadline": "2099-12-31T23:59", "drafts": drafts}))
                .send()
                .await?
                .json()
                .await?
        }
    };
    let id = c["id"].as_str().ok_or("no consultation")?.to_owned();
    let numbers: Arc<Vec<String>> = Arc::new(
        c["drafts"]
            .as_array()
            .ok_or("no drafts")?
            .iter()
            .filter_map(|d| d["number"].as_str().map(str::to_owned))
            .collect(),
    );
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
    let until = seconds.map(|s| started + Duration::from_secs_f64(s));
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, token, base, id, states, numbers) = (
            client.clone(),
            token.clone(),
            base.clone(),
            id.clone(),
            states.clone(),
            numbers.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut done_at = Vec::with_capacity(per_task);
            let mut errors = 0usize;
            let mut sent = 0;
            while match until {
                Some(until) => Instant::now() < until,
                None => sent < per_task,
            } {
                sent += 1;
                let (iso3, responses) = {
                    let mut rng = rand::rng();
                    let iso3 = states[rng.random_range(0..states.len())].clone();
                    let responses: Vec<Value> = numbers
                        .iter()
                        .map(|n| json!({"draft": n, "position": if rng.random_ratio(4, 5) { "yes" } else { "no" }, "reasons": "benchmark"}))
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
                done_at.push((started.elapsed(), t.elapsed()));
                if !ok {
                    errors += 1;
                }
            }
            (done_at, errors)
        }));
    }
    // Each reply: when it completed (since the start) and how long it took.
    let mut done_at: Vec<(Duration, Duration)> = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (d, e) = t.await?;
        done_at.extend(d);
        errors += e;
    }
    let elapsed = started.elapsed();
    let mut latencies: Vec<Duration> = done_at.iter().map(|(_, took)| *took).collect();
    latencies.sort();
    if let Ok(path) = std::env::var("LOAD_TIMELINE") {
        write_timeline(&path, &done_at)?;
    }

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
    // Throughput in a window of the run: completions within it per second.
    let rate_between = |from: f64, to: f64| {
        let n = done_at
            .iter()
            .filter(|(d, _)| (from..to).contains(&d.as_secs_f64()))
            .count();
        n as f64 / (to - from)
    };
    let windows = match seconds {
        Some(s) => format!(
            " {:.0} | {:.0} |",
            rate_between(0.0, 8.0_f64.min(s)),
            rate_between(30.0_f64.min(s / 2.0), s)
        ),
        None => String::new(),
    };
    println!(
        "| {label} | {} | {concurrency} | {:.0} | {:.1} | {:.1} | {:.1} | {errors} | {:.1} |{windows}",
        latencies.len(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
        percentile(&latencies, 0.99),
        percentile(&tally, 0.50),
    );
    Ok(())
}
