//! What every request handler shares, and the bridge from async handlers to
//! the blocking database layer.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::web;

use crate::auth::token::TokenKeys;
use crate::clock::Clock;
use crate::error::{ErrorCode, ServiceError, ServiceResult};
use crate::mail::Mail;
use crate::store::{DbConnection, DbPool};

/// How long an idempotent use case is tried again through a passing
/// database fault before the client gets 503.
const RETRY_FOR: Duration = Duration::from_secs(10);

/// Tries a use case again through a passing fault (`unavailable`), with a
/// pause that doubles up to a second, for at most `RETRY_FOR`.
struct Retry {
    started: Instant,
    pause: Duration,
}

impl Retry {
    fn new() -> Self {
        Retry {
            started: Instant::now(),
            pause: Duration::from_millis(50),
        }
    }

    /// The pause before the next attempt, or the result to answer with.
    fn pause_after<T>(&mut self, result: ServiceResult<T>) -> Result<Duration, ServiceResult<T>> {
        match result {
            Err(e)
                if e.code() == ErrorCode::Unavailable
                    && self.started.elapsed() + self.pause < RETRY_FOR =>
            {
                let cause = std::error::Error::source(&e)
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                tracing::warn!(%cause, "database fault; running the use case again");
                let pause = self.pause;
                self.pause = (self.pause * 2).min(Duration::from_secs(1));
                Ok(pause)
            }
            other => Err(other),
        }
    }
}

/// A step of `AppState::read_after`: a use case over one key.
pub type Step<K, R> = fn(&mut DbConnection, &dyn Clock, &K) -> ServiceResult<R>;

#[derive(Clone)]
pub struct AppState {
    /// Connections for the use cases that write outside the writer (signing
    /// in and out, passwords, the mail worker), and everything on PostgreSQL.
    pub pool: DbPool,
    /// Read-only connections on SQLite (`AppState::read`); on PostgreSQL
    /// the same pool as `pool`.
    pub reads: DbPool,
    pub clock: Arc<dyn Clock>,
    pub tokens: TokenKeys,
    pub mail: Arc<Mail>,
    /// The key of the web session cookies (64 bytes, from `auth::keys`).
    pub cookie_key: Arc<Vec<u8>>,
    /// Work running after its request was answered.
    pub after_answer: AfterAnswer,
    /// SQLite's one writer (`crate::writer`); none on PostgreSQL, where
    /// each request writes on its own pooled connection under row locks.
    pub writer: Option<crate::writer::Writer>,
    /// The key that signs the verifiable log's checkpoints.
    pub log: Arc<crate::tlog::LogKey>,
    /// Runs after each write that no writer ran (PostgreSQL) and that
    /// queued log entries, after its commit, on a connection of its own:
    /// the append of those entries (`service::log::Appender`), as the
    /// writer does for its groups.
    pub after_write: AfterWrite,
    /// Writes that no writer runs (PostgreSQL) in their transaction now:
    /// the log's appender waits a moment for them before a turn, so that
    /// one turn serves more commits (`service::log::Appender`).
    pub writing: Arc<AtomicUsize>,
    /// Receipts of entries just appended, taken by the requests that wait
    /// for them (`ReplyReceipt::with_log`).
    pub recent_receipts: Arc<crate::tlog::RecentReceipts>,
    /// Failed sign-ins allowed per client address in the throttle's window.
    pub max_client_sign_in_failures: i64,
}

/// The work after a write that no writer ran (`AppState::after_write`).
pub type AfterWrite = Arc<dyn Fn(&dyn Clock) -> ServiceResult<()> + Send + Sync>;

/// Counts the work that runs after its request was answered, so that its
/// duration tells the client nothing (a password reset takes as long for an
/// address without an account), and so that one can wait for it.
#[derive(Clone, Default)]
pub struct AfterAnswer(Arc<std::sync::atomic::AtomicUsize>);

impl AfterAnswer {
    pub fn in_flight(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Decrements the count when the work ends, however it ends.
struct InFlight(AfterAnswer);

impl Drop for InFlight {
    fn drop(&mut self) {
        (self.0).0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl AppState {
    /// Runs a use case once the current request has been answered; its
    /// failure is logged, since nobody waits for it.
    pub fn run_after_answer<F>(&self, what: &'static str, f: F)
    where
        F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<()> + Send + 'static,
    {
        let state = self.clone();
        state
            .after_answer
            .0
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let guard = InFlight(state.after_answer.clone());
        actix_web::rt::spawn(async move {
            let _guard = guard;
            if let Err(e) = state.run(f).await {
                e.log_fault();
                tracing::warn!(error = %e, what, "work after the answer failed");
            }
        });
    }

    /// Waits, a bounded time, until no work after an answer is running.
    pub async fn after_answer_done(&self) {
        for _ in 0..400 {
            if self.after_answer.in_flight() == 0 {
                return;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }

    /// Runs a use case on a pooled connection in actix's blocking thread pool,
    /// so that no database call ever blocks the async workers.
    pub async fn run<T, F>(&self, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
    {
        self.run_waiting(None, f).await
    }

    /// As `run`, for a use case that may safely run again (submitting the
    /// same reply twice makes one revision; a tally is a read): when the
    /// database fails it in passing (a connection lost as PostgreSQL
    /// restarts, a lock not granted), it runs again on a fresh connection
    /// for up to `RETRY_FOR`, before the client is answered 503.
    pub async fn run_retrying<T, F>(&self, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: Fn(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let clock = self.clock.clone();
        // The request's span, so that the use case's log lines name it.
        let span = tracing::Span::current();
        web::block(move || {
            let _request = span.enter();
            let mut retry = Retry::new();
            loop {
                let left = RETRY_FOR.saturating_sub(retry.started.elapsed());
                let result = pool
                    .get_timeout(left.max(Duration::from_millis(100)))
                    .map_err(ServiceError::from)
                    .and_then(|mut conn| f(&mut conn, clock.as_ref()));
                match retry.pause_after(result) {
                    Ok(pause) => std::thread::sleep(pause),
                    Err(result) => return result,
                }
            }
        })
        .await
        .map_err(|e| ServiceError::unavailable(format!("blocking task failed: {e}")))?
    }

    /// As `run`, for a use case that only reads: on SQLite a read-only
    /// connection, which refuses any change (so a misplaced write fails
    /// loudly rather than waiting on the writer's lock).
    pub async fn read<T, F>(&self, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
    {
        self.run_on(&self.reads, None, f).await
    }

    /// As `read`, for a read that may first have to make something final
    /// (the seal of a passed cut-off, `service::consultations::get_sealed`).
    /// On SQLite: `due` tells, on the read's connection and at the read's
    /// moment (one stopped clock for both, so the moment cannot pass between
    /// them), whether `first` must run; if so, `first` runs through the
    /// writer and the read again. On PostgreSQL, where every connection may
    /// write, `f` makes it final itself (retried, as reads are).
    pub async fn read_after<T, K, S, F>(
        &self,
        key: K,
        due: Step<K, bool>,
        first: Step<K, S>,
        f: F,
    ) -> ServiceResult<T>
    where
        T: Send + 'static,
        S: Send + 'static,
        K: Clone + Send + Sync + 'static,
        F: Fn(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + Sync + 'static,
    {
        if self.writer.is_none() {
            return self.run_retrying(f).await;
        }
        let f = Arc::new(f);
        // Twice at most: once sealed, a cut-off stays sealed.
        for _ in 0..2 {
            let (read, key_read) = (f.clone(), key.clone());
            let done = self
                .read(move |conn, clock| {
                    let at = crate::clock::Stopped(clock.now());
                    if due(conn, &at, &key_read)? {
                        return Ok(None);
                    }
                    read(conn, &at).map(Some)
                })
                .await?;
            if let Some(answer) = done {
                return Ok(answer);
            }
            let key_first = key.clone();
            self.write(move |conn, clock| first(conn, clock, &key_first))
                .await?;
            // What `first` returned is not the answer: the read after it is.
        }
        Err(ServiceError::unavailable(
            "the read still found its cut-off unsealed after sealing it",
        ))
    }

    /// As `run`, for a use case that writes: on SQLite it runs in the
    /// writer's next group (so writers of this process never wait on one
    /// another in SQLite's busy handler) and is answered once that group is
    /// durable. Not for a use case that spends long without the database
    /// (hashing a password, a deliberate pause): the group waits for it.
    pub async fn write<T, F>(&self, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
    {
        match &self.writer {
            Some(writer) => writer.write(f).await,
            None => {
                let writing = self.writing.clone();
                let (answer, queued) = self
                    .run(move |conn, clock| queuing(&writing, f, conn, clock))
                    .await?;
                self.settle_log(queued).await;
                Ok(answer)
            }
        }
    }

    /// As `write_retrying`, then, once the write is durable and the log
    /// entries it queued are appended, completes its answer with their
    /// receipts: `at_hand` from what is in memory (no hop to a connection;
    /// true when that completed it), else `then` on a read.
    pub async fn write_then<T, F, H, G>(&self, f: F, at_hand: H, then: G) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: Fn(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + Sync + 'static,
        H: FnOnce(&mut T) -> bool,
        G: FnOnce(&mut DbConnection, T) -> ServiceResult<T> + Send + 'static,
    {
        let mut answer = self.write_retrying(f).await?;
        if at_hand(&mut answer) {
            return Ok(answer);
        }
        // A write that queued nothing (the same reply sent again) may answer
        // with an entry another request queued: it waits for its append too.
        if self.writer.is_none() {
            self.settle_log(true).await;
        }
        self.read(move |conn, _| then(conn, answer)).await
    }

    /// As `run_retrying`, for a use case that writes: on SQLite it runs in
    /// the writer's next group and is answered once that group is durable;
    /// a group that fails in passing is tried again, as `run_retrying` does.
    pub async fn write_retrying<T, F>(&self, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: Fn(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + Sync + 'static,
    {
        let Some(writer) = &self.writer else {
            let writing = self.writing.clone();
            let (answer, queued) = self
                .run_retrying(move |conn, clock| queuing(&writing, &f, conn, clock))
                .await?;
            self.settle_log(queued).await;
            return Ok(answer);
        };
        let f = Arc::new(f);
        let mut retry = Retry::new();
        loop {
            let attempt = f.clone();
            let result = writer.write(move |conn, clock| attempt(conn, clock)).await;
            match retry.pause_after(result) {
                Ok(pause) => actix_web::rt::time::sleep(pause).await,
                Err(result) => return result,
            }
        }
    }

    /// After a write that no writer ran and that queued entries for the
    /// log, once its connection is back in the pool (a request waiting for
    /// an append must not hold one: the writes of the moment need them):
    /// waits for their append. Its failure is not the request's (what it
    /// wrote is committed; the entries are appended by the next write, or
    /// by the mail worker within a second).
    async fn settle_log(&self, queued: bool) {
        if !queued {
            return;
        }
        let (after, clock) = (self.after_write.clone(), self.clock.clone());
        let done = web::block(move || after(clock.as_ref()))
            .await
            .map_err(|e| ServiceError::unavailable(format!("blocking task failed: {e}")))
            .and_then(|done| done);
        if let Err(e) = done {
            tracing::warn!(error = %e, "the work after a write did not finish; it is done later");
        }
    }

    /// As `run`, waiting at most `wait` for a connection (503 after it).
    pub async fn run_waiting<T, F>(&self, wait: Option<Duration>, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
    {
        self.run_on(&self.pool, wait, f).await
    }

    async fn run_on<T, F>(&self, pool: &DbPool, wait: Option<Duration>, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
    {
        let pool = pool.clone();
        let clock = self.clock.clone();
        let span = tracing::Span::current();
        web::block(move || {
            let _request = span.enter();
            let mut conn = match wait {
                Some(w) => pool.get_timeout(w)?,
                None => pool.get()?,
            };
            f(&mut conn, clock.as_ref())
        })
        .await
        .map_err(|e| ServiceError::unavailable(format!("blocking task failed: {e}")))?
    }
}

/// Runs a write's use case, counted in `writing` while it runs, telling
/// whether it queued entries for the log.
fn queuing<T>(
    writing: &AtomicUsize,
    f: impl FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T>,
    conn: &mut DbConnection,
    clock: &dyn Clock,
) -> ServiceResult<(T, bool)> {
    struct Writing<'a>(&'a AtomicUsize);
    impl Drop for Writing<'_> {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
    writing.fetch_add(1, Ordering::SeqCst);
    let _writing = Writing(writing);
    crate::store::log::take_queued_here();
    let answer = f(conn, clock)?;
    Ok((answer, crate::store::log::take_queued_here()))
}
