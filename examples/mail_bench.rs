//! Delivery rate of the mail worker: sends every queued email of a database
//! to an SMTP server with the service's own worker, and prints one row of
//! `docs/benchmarks.md`. Used by `scripts/bench.sh`.
//!
//! Usage: mail_bench DATABASE_URL SMTP_URL LABEL

use std::sync::Arc;
use std::time::Instant;

use secrecy::SecretString;
use tapballot::clock::SystemClock;
use tapballot::config::Settings;
use tapballot::mail::transport::Transport;
use tapballot::mail::MailSettings;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: mail_bench DATABASE_URL SMTP_URL LABEL";
    let database_url = args.next().ok_or_else(|| anyhow::anyhow!(usage))?;
    let smtp_url = args.next().ok_or_else(|| anyhow::anyhow!(usage))?;
    let label = args.next().ok_or_else(|| anyhow::anyhow!(usage))?;
    let mail = MailSettings {
        smtp_url: Some(SecretString::from(smtp_url)),
        ..MailSettings::default()
    };
    let settings = Settings {
        mail: mail.clone(),
        ..Settings::new(database_url.as_str())
    };
    let state = tapballot::startup::prepare(&settings, Arc::new(SystemClock))?;
    let queued = {
        let mut conn = state.pool.get()?;
        tapballot::store::emails::list(&mut conn, &Default::default(), None, 1_000_000)?
            .iter()
            .filter(|e| e.status == "queued")
            .count()
    };
    let worker = tapballot::startup::worker_with(&state, Transport::from_settings(&mail)?);
    let started = Instant::now();
    let mut sent = 0;
    while let Some((ok, failed)) = worker.deliver_batch()? {
        sent += ok;
        anyhow::ensure!(failed == 0, "{failed} emails failed");
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "| {label} | {queued} | {} | {sent} | {seconds:.1} | {:.0} |",
        mail.send_concurrency,
        sent as f64 / seconds
    );
    Ok(())
}
