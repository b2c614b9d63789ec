//! Delivers the outbox: leases due emails, sends them, records the outcome,
//! and retries with growing gaps. Runs inside `tapballot serve` and alone as
//! `tapballot worker`; any number may run against one database.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use chrono::Duration;

use super::transport::Transport;
use chrono::{DateTime, Utc};

use super::{retry_delay, Mail, GIVE_UP_AFTER_HOURS};
use crate::clock::Clock;
use crate::error::{ServiceError, ServiceResult};
use crate::store::emails::{self as emails_store, EmailStatus};
use crate::store::{to_naive, to_utc, DbConnection, DbPool};

/// How long a worker holds an email while sending it. If the worker dies, the
/// email becomes due again after this; a retry keeps its Message-ID.
pub const LEASE_SECONDS: i64 = 120;
const BATCH: i64 = 50;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    pub scheduled: usize,
    pub sent: usize,
    pub failed: usize,
}

/// Queues whatever time has made due (reminders, summaries), at `now`, and
/// says how many emails it queued. The policy is the service layer's
/// (`service::notices::schedule`); the worker only runs it before each pass.
pub type Schedule =
    Arc<dyn Fn(&mut DbConnection, &Mail, DateTime<Utc>) -> ServiceResult<usize> + Send + Sync>;

pub struct Worker {
    pool: DbPool,
    clock: Arc<dyn Clock>,
    mail: Arc<Mail>,
    transport: Transport,
    schedule: Schedule,
}

impl Worker {
    pub fn new(
        pool: DbPool,
        clock: Arc<dyn Clock>,
        mail: Arc<Mail>,
        transport: Transport,
        schedule: Schedule,
    ) -> Self {
        Worker {
            pool,
            clock,
            mail,
            transport,
            schedule,
        }
    }

    /// One pass: queue what time has made due (reminders, summaries), then
    /// deliver every due email. Tests drive the worker through this, with the
    /// clock set where they want it.
    pub fn run_due(&self) -> ServiceResult<RunReport> {
        let mut conn = self.pool.get()?;
        let scheduled = (self.schedule)(&mut conn, &self.mail, self.clock.now())?;
        let mut report = RunReport {
            scheduled,
            ..RunReport::default()
        };
        loop {
            let now = self.clock.now();
            let due = emails_store::due(&mut conn, to_naive(now), BATCH)?;
            if due.is_empty() {
                break;
            }
            let mut progressed = false;
            for id in due {
                let now = self.clock.now();
                let lease = to_naive(now + Duration::seconds(LEASE_SECONDS));
                let Some(email) = emails_store::claim(&mut conn, &id, to_naive(now), lease)? else {
                    continue; // another worker has it
                };
                progressed = true;
                match self.transport.send(&self.mail.settings.from, &email) {
                    Ok(answer) => {
                        emails_store::mark_sent(
                            &mut conn,
                            &id,
                            to_naive(self.clock.now()),
                            &answer,
                        )?;
                        tracing::info!(email = %id, kind = %email.kind, "email sent");
                        report.sent += 1;
                    }
                    Err(failure) => {
                        let now = self.clock.now();
                        let attempts = email.attempts + 1;
                        let expired =
                            now - to_utc(email.created_at) > Duration::hours(GIVE_UP_AFTER_HOURS);
                        let status = if failure.permanent || expired {
                            EmailStatus::Failed
                        } else {
                            EmailStatus::Failing
                        };
                        let next = now + retry_delay(attempts);
                        emails_store::mark_failure(
                            &mut conn,
                            &id,
                            status,
                            &failure.message,
                            to_naive(next),
                        )?;
                        tracing::warn!(email = %id, kind = %email.kind, attempts, status = status.as_str(), error = %failure.message, "email not sent");
                        report.failed += 1;
                    }
                }
            }
            if !progressed {
                break;
            }
        }
        Ok(report)
    }

    /// Runs passes every `poll_interval` on a thread of its own until the
    /// handle is stopped; the first pass is immediate, so whatever became due
    /// while the service was down goes out at once.
    pub fn spawn(self) -> WorkerHandle {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let interval = self.mail.settings.poll_interval;
        let thread = std::thread::Builder::new()
            .name("mail-worker".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    if let Err(e) = self.run_due() {
                        log_failure(&e);
                    }
                    // Sleep in small steps so that stopping is prompt.
                    let mut slept = std::time::Duration::ZERO;
                    while slept < interval && !flag.load(Ordering::Relaxed) {
                        let step = std::time::Duration::from_millis(100).min(interval - slept);
                        std::thread::sleep(step);
                        slept += step;
                    }
                }
            })
            .ok();
        WorkerHandle { stop, thread }
    }
}

fn log_failure(e: &ServiceError) {
    let cause = std::error::Error::source(e)
        .map(|c| c.to_string())
        .unwrap_or_default();
    tracing::error!(error = %e, %cause, "mail worker pass failed");
}

pub struct WorkerHandle {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl WorkerHandle {
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
