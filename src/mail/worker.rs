//! Delivers the outbox: leases due emails in batches, sends several at once,
//! records each batch's outcomes in one commit, and retries with growing
//! gaps. Runs inside `tapballot serve` and alone as `tapballot worker`; any
//! number may run against one database.
//!
//! Two threads: the scheduler queues what time has made due (reminders, the
//! closing summary) every second, whatever the backlog; the deliverer sends.
//! Stopping is checked between emails: sends in flight finish and are
//! recorded, the rest of the batch is released for the next worker.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;

use super::outbox::Attachment;
use super::transport::{SendFailure, Transport};
use super::{retry_delay, Mail, GIVE_UP_AFTER_HOURS};
use crate::clock::Clock;
use crate::error::{ServiceError, ServiceResult};
use crate::store::emails::{self as emails_store, Delivery, EmailRow, EmailStatus};
use crate::store::{new_id, to_naive, to_utc, DbConnection, DbPool};

/// How often the scheduler looks for reminders and summaries that are due.
const SCHEDULE_EVERY: StdDuration = StdDuration::from_secs(1);

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    pub scheduled: usize,
    pub sent: usize,
    pub failed: usize,
}

/// Queues whatever time has made due (reminders, summaries), at the clock's
/// time, and says how many emails it queued. The policy is the service
/// layer's (`service::notices::schedule`); the worker only runs it.
pub type Schedule =
    Arc<dyn Fn(&mut DbConnection, &Mail, &dyn Clock) -> ServiceResult<usize> + Send + Sync>;

/// The files an email carries, made when it is sent (the verifiable
/// receipt of a confirmation: `service::notices::attachments`). An error
/// defers the email like a refused send.
pub type Attach = Arc<
    dyn Fn(&mut DbConnection, &dyn Clock, &EmailRow) -> ServiceResult<Vec<Attachment>>
        + Send
        + Sync,
>;

pub struct Worker {
    pool: DbPool,
    clock: Arc<dyn Clock>,
    mail: Arc<Mail>,
    transport: Arc<Transport>,
    schedule: Schedule,
    attach: Attach,
    stop: Arc<AtomicBool>,
}

impl Worker {
    pub fn new(
        pool: DbPool,
        clock: Arc<dyn Clock>,
        mail: Arc<Mail>,
        transport: Transport,
        schedule: Schedule,
        attach: Attach,
    ) -> Self {
        Worker {
            pool,
            clock,
            mail,
            transport: Arc::new(transport),
            schedule,
            attach,
            stop: Arc::new(AtomicBool::new(false)),
        }
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Queues what time has made due.
    pub fn run_schedule(&self) -> ServiceResult<usize> {
        let mut conn = self.pool.get()?;
        (self.schedule)(&mut conn, &self.mail, self.clock.as_ref())
    }

    /// One pass: queue what time has made due (reminders, summaries), then
    /// deliver every due email. Tests drive the worker through this, with the
    /// clock set where they want it.
    pub fn run_due(&self) -> ServiceResult<RunReport> {
        let mut report = RunReport {
            scheduled: self.run_schedule()?,
            ..RunReport::default()
        };
        while let Some((sent, failed)) = self.deliver_batch()? {
            report.sent += sent;
            report.failed += failed;
        }
        Ok(report)
    }

    /// Leases one batch of due emails, sends them with up to
    /// `send_concurrency` in flight, and records the outcomes. None when
    /// nothing was due (or the worker is stopping).
    pub fn deliver_batch(&self) -> ServiceResult<Option<(usize, usize)>> {
        if self.stopping() {
            return Ok(None);
        }
        let settings = &self.mail.settings;
        let concurrency = settings.send_concurrency.max(1);
        let token = new_id();
        let batch = {
            let mut conn = self.pool.get()?;
            let now = self.clock.now();
            // If the worker dies, the batch is due again after the lease; a
            // retry keeps its Message-ID.
            let lease =
                now + Duration::from_std(settings.lease).unwrap_or_else(|_| Duration::seconds(120));
            emails_store::claim_batch(
                &mut conn,
                to_naive(now),
                to_naive(lease),
                &token,
                i64::try_from(concurrency * 8).unwrap_or(64),
            )?
        };
        if batch.is_empty() {
            return Ok(None);
        }
        let next = AtomicUsize::new(0);
        let outcomes: Mutex<Vec<Delivery>> = Mutex::new(Vec::with_capacity(batch.len()));
        std::thread::scope(|scope| {
            for _ in 0..concurrency.min(batch.len()) {
                scope.spawn(|| loop {
                    // Checked between emails: once stopping, nothing new starts.
                    if self.stopping() {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(email) = batch.get(i) else { break };
                    let outcome = self.send(email);
                    if let Ok(mut all) = outcomes.lock() {
                        all.push(outcome);
                    }
                });
            }
        });
        let mut deliveries = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
        let attempted = deliveries.len();
        // What was not attempted goes back to the queue at once.
        let done: std::collections::HashSet<&str> = deliveries.iter().map(delivery_id).collect();
        let released: Vec<Delivery> = batch
            .iter()
            .filter(|e| !done.contains(e.id.as_str()))
            .map(|e| Delivery::Released { id: e.id.clone() })
            .collect();
        deliveries.extend(released);
        self.record(&token, &deliveries);
        let sent = deliveries
            .iter()
            .filter(|d| matches!(d, Delivery::Sent { .. }))
            .count();
        Ok(Some((sent, attempted - sent)))
    }

    fn send(&self, email: &EmailRow) -> Delivery {
        // Rendered here, off the path of the request that promised it. A
        // template that fails (an operator's override) is retried like a
        // refused send, so that a fixed template still delivers it.
        let sent = super::outbox::with_bodies(&self.mail, email.clone())
            .map_err(|e| SendFailure {
                permanent: false,
                message: e.to_string(),
            })
            .and_then(|rendered| {
                let files = self.attachments(email).map_err(|e| SendFailure {
                    permanent: false,
                    message: format!("cannot make its attachments: {e}"),
                })?;
                self.transport
                    .send(&self.mail.settings.from, &rendered, &files)
            });
        match sent {
            Ok(response) => {
                tracing::info!(email = %email.id, kind = %email.kind, "email sent");
                Delivery::Sent {
                    id: email.id.clone(),
                    at: to_naive(self.clock.now()),
                    response,
                }
            }
            Err(failure) => {
                let now = self.clock.now();
                let attempts = email.attempts + 1;
                let expired = now - to_utc(email.created_at) > Duration::hours(GIVE_UP_AFTER_HOURS);
                let status = if failure.permanent || expired {
                    EmailStatus::Failed
                } else {
                    EmailStatus::Failing
                };
                metrics::counter!("tapballot_email_send_failures_total").increment(1);
                tracing::warn!(email = %email.id, kind = %email.kind, attempts,
                    status = status.as_str(), error = %failure.message, "email not sent");
                Delivery::Failed {
                    id: email.id.clone(),
                    status,
                    error: failure.message,
                    next_attempt_at: to_naive(now + retry_delay(attempts)),
                }
            }
        }
    }

    fn attachments(&self, email: &EmailRow) -> ServiceResult<Vec<Attachment>> {
        let mut files = super::outbox::attachments_of(email.context.as_deref());
        if super::outbox::receipt_of(email.context.as_deref()).is_some() {
            let mut conn = self.pool.get()?;
            files.extend((self.attach)(&mut conn, self.clock.as_ref(), email)?);
        }
        Ok(files)
    }

    /// Records a batch's outcomes, retrying while the database is down: an
    /// email the SMTP server accepted must be recorded as sent, or its lease
    /// expires and it goes out again. Gives up only when stopping and the
    /// database has stayed unreachable for the stop timeout.
    fn record(&self, token: &str, deliveries: &[Delivery]) {
        let mut pause = StdDuration::from_millis(50);
        let mut stop_seen: Option<Instant> = None;
        loop {
            let result = self
                .pool
                .get()
                .map_err(ServiceError::from)
                .and_then(|mut conn| {
                    emails_store::record_deliveries(&mut conn, token, deliveries)
                        .map_err(ServiceError::from)
                });
            let Err(e) = result else { return };
            log_failure(&e, "cannot record the outcome of sent emails; retrying");
            if self.stopping() {
                let since = *stop_seen.get_or_insert_with(Instant::now);
                if since.elapsed() >= self.mail.settings.stop_timeout {
                    let sent = deliveries
                        .iter()
                        .filter(|d| matches!(d, Delivery::Sent { .. }))
                        .count();
                    tracing::error!(
                        sent,
                        "stopping without recording {sent} sent emails: they will go out again once their lease expires"
                    );
                    return;
                }
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(StdDuration::from_secs(2));
        }
    }

    /// Runs on threads of its own until the handle is stopped: the scheduler
    /// every second, the deliverer whenever something is due (at the latest
    /// every `poll_interval`, at once after the scheduler queued something).
    /// The first passes are immediate, so whatever became due while the
    /// service was down goes out at once.
    pub fn spawn(self) -> WorkerHandle {
        let stop = self.stop.clone();
        let worker = Arc::new(self);
        let (nudge, nudged) = mpsc::channel::<()>();
        let scheduler = {
            let worker = worker.clone();
            std::thread::Builder::new()
                .name("mail-scheduler".into())
                .spawn(move || {
                    while !worker.stopping() {
                        match worker.run_schedule() {
                            Ok(n) if n > 0 => {
                                let _ = nudge.send(());
                            }
                            Ok(_) => {}
                            Err(e) => log_failure(&e, "mail schedule failed"),
                        }
                        sleep_unless_stopped(&worker.stop, SCHEDULE_EVERY);
                    }
                })
                .ok()
        };
        let deliverer = {
            let worker = worker.clone();
            std::thread::Builder::new()
                .name("mail-worker".into())
                .spawn(move || {
                    let interval = worker.mail.settings.poll_interval;
                    while !worker.stopping() {
                        match worker.deliver_batch() {
                            Ok(Some(_)) => continue,
                            Ok(None) => {}
                            Err(e) => log_failure(&e, "mail delivery failed"),
                        }
                        // Wait for the next poll, a nudge, or the stop, in small steps.
                        let until = Instant::now() + interval;
                        while !worker.stopping() && Instant::now() < until {
                            if nudged.recv_timeout(StdDuration::from_millis(100)).is_ok() {
                                break;
                            }
                        }
                    }
                })
                .ok()
        };
        WorkerHandle {
            stop,
            timeout: worker.mail.settings.stop_timeout,
            threads: [scheduler, deliverer].into_iter().flatten().collect(),
        }
    }
}

fn delivery_id(d: &Delivery) -> &str {
    match d {
        Delivery::Sent { id, .. } | Delivery::Failed { id, .. } | Delivery::Released { id } => id,
    }
}

fn sleep_unless_stopped(stop: &AtomicBool, total: StdDuration) {
    let mut slept = StdDuration::ZERO;
    while slept < total && !stop.load(Ordering::Relaxed) {
        let step = StdDuration::from_millis(50).min(total - slept);
        std::thread::sleep(step);
        slept += step;
    }
}

fn log_failure(e: &ServiceError, what: &str) {
    let cause = std::error::Error::source(e)
        .map(|c| c.to_string())
        .unwrap_or_default();
    tracing::error!(error = %e, %cause, "{what}");
}

pub struct WorkerHandle {
    stop: Arc<AtomicBool>,
    timeout: StdDuration,
    threads: Vec<JoinHandle<()>>,
}

/// Tells a worker to stop, from anywhere (a signal handler), without
/// waiting for it.
#[derive(Clone)]
pub struct StopFlag(Arc<AtomicBool>);

impl StopFlag {
    pub fn raise(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl WorkerHandle {
    pub fn stop_flag(&self) -> StopFlag {
        StopFlag(self.stop.clone())
    }

    /// Stops the worker: no new email starts; sends in flight finish and are
    /// recorded. Waits at most the stop timeout (`stop_timeout`), so a hung
    /// SMTP server cannot hold the process; an email abandoned so is still
    /// leased, and goes out again when its lease expires.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let deadline = Instant::now() + self.timeout;
        for t in std::mem::take(&mut self.threads) {
            while !t.is_finished() && Instant::now() < deadline {
                std::thread::sleep(StdDuration::from_millis(20));
            }
            if t.is_finished() {
                let _ = t.join();
            } else {
                tracing::warn!(
                    "the mail worker did not stop within {:?}; leaving it",
                    self.timeout
                );
            }
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
