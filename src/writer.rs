//! SQLite's one writer, with group commit. SQLite lets one connection write
//! at a time and makes each commit durable with an fsync (`synchronous =
//! FULL`); writers of one process that each commit alone queue behind one
//! another's fsyncs and sleep in the busy handler. Here the write use cases
//! of the process go to one connection on its own thread, which takes every
//! request waiting in its queue, runs each in a savepoint of one
//! transaction (a refused request rolls back only its own savepoint), and
//! commits the group with one fsync. Each request is answered only after its
//! group is durable. Another process (the command line, a separate worker)
//! still writes through SQLite's lock, waiting at most the busy timeout.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use diesel::{Connection, RunQueryDsl};

use crate::clock::Clock;
use crate::error::{ServiceError, ServiceResult};
use crate::store::{self, DbConnection, Fault};

/// At most this many requests share one commit, so that one group's
/// transaction stays short.
const MAX_GROUP: usize = 128;

/// Requests waiting for the writer beyond this are refused with 503 at
/// once rather than queued without end.
const QUEUE: usize = 4096;

/// When the WAL's pages are copied into the database file.
#[derive(Debug, Clone, Copy)]
struct CheckpointPolicy {
    /// How often the checkpointer runs while groups commit.
    every: Duration,
    /// WAL pages beyond which the writer checkpoints itself (at most
    /// `LOW_SPACE_WAL_PAGES` while little space is free).
    wal_pages_limit: u64,
    /// Free bytes beside the database below which the writer, too, cuts
    /// the WAL file back when it starts afresh.
    low_space_bytes: u64,
}

const CHECKPOINTS: CheckpointPolicy = CheckpointPolicy {
    every: Duration::from_millis(200),
    // Past this the writer checkpoints between two groups. SQLite starts the
    // WAL afresh (at a group's start) only once a checkpoint reached its end,
    // which one run while groups commit never does: without this the WAL
    // grows without bound under steady load. The checkpointer first copies
    // what it can while groups go on (`Checkpointer::catch_up`), so that the
    // writer's own checkpoint finds little left; but it still waits for the
    // database file's `fsync`, 5 to 45 ms on this file system whatever the
    // pages, so it should be rare: at 16 000 pages (64 MiB) less than twice
    // a second under the benchmark's load (which appends some 35 000 pages
    // a second) rather than at each of the checkpointer's turns at SQLite's
    // own 1 000 (p99 over 40 s at 64 connections 38 -> 26..30 ms:
    // docs/benchmarks.md). Readers find a page in a WAL of that length by a
    // few more hash lookups.
    wal_pages_limit: 16_000,
    // The writer's WAL runs to about 100 MiB between restarts under the
    // benchmark's load (the limit and a turn of the checkpointer's);
    // cutting it back to 4 MiB at each restart costs about 5 % of the
    // replies per second there (the file is extended again each time), so
    // the writer keeps its length while space is plentiful. Near a full disk the space matters more: a checkpoint
    // must grow the database file, and space the WAL file holds cannot be
    // used for that: about twice the WAL's longest length.
    low_space_bytes: 256 << 20,
};

/// The WAL's limit while little space is free beside the database: with
/// 4 096 pages the fault suite's full disk (24 MiB) kept emails waiting,
/// the WAL holding the space a checkpoint needs to grow the database file.
const LOW_SPACE_WAL_PAGES: u64 = 1_000;

/// One request waiting for the writer.
trait Request: Send {
    /// Runs the use case in its savepoint of the group's transaction; gives
    /// back how to answer it once the group's fate is known, and whether it
    /// met a fault of the database (then the group stops: SQLite may have
    /// rolled the whole transaction back already).
    fn run(
        self: Box<Self>,
        conn: &mut DbConnection,
        clock: &dyn Clock,
    ) -> (Answer, Option<GroupFailure>);
    /// Answers a request the group did not run.
    fn fail(self: Box<Self>, failure: &GroupFailure);
}

/// Answers a request once its group's fate is known: with its own result
/// when the group committed, else with the commit's failure.
type Answer = Box<dyn FnOnce(Option<&GroupFailure>) + Send>;

struct Pending<T, F> {
    use_case: F,
    answer: tokio::sync::oneshot::Sender<ServiceResult<T>>,
    /// The request's span, entered while its use case runs.
    span: tracing::Span,
}

impl<T, F> Request for Pending<T, F>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
{
    fn run(
        self: Box<Self>,
        conn: &mut DbConnection,
        clock: &dyn Clock,
    ) -> (Answer, Option<GroupFailure>) {
        let Pending {
            use_case,
            answer,
            span,
        } = *self;
        // A savepoint: the request's own refusal undoes only its own writes,
        // and its log entries kept for the group's end.
        let kept = store::log::GroupQueue::mark();
        let result = span.in_scope(|| conn.transaction(|conn| use_case(conn, clock)));
        if result.is_err() {
            store::log::GroupQueue::undo_to(kept);
        }
        let fault = result
            .as_ref()
            .err()
            .filter(|e| e.is_fault())
            .map(|e| GroupFailure {
                fault: Some(if e.code() == crate::error::ErrorCode::StorageFull {
                    Fault::StorageFull
                } else {
                    Fault::Unavailable
                }),
                cause: e.to_string(),
            });
        let answer: Answer = Box::new(move |failure: Option<&GroupFailure>| {
            let result = match failure {
                // Its writes were not committed, whatever it returned.
                Some(failure) => Err(failure.to_error()),
                None => result,
            };
            let _ = answer.send(result);
        });
        (answer, fault)
    }

    fn fail(self: Box<Self>, failure: &GroupFailure) {
        let _ = self.answer.send(Err(failure.to_error()));
    }
}

/// Why a group did not commit, to be told to each of its requests.
#[derive(Debug, Clone)]
struct GroupFailure {
    fault: Option<Fault>,
    cause: String,
}

impl GroupFailure {
    fn of(e: &diesel::result::Error) -> Self {
        GroupFailure {
            fault: store::fault_of(e),
            cause: e.to_string(),
        }
    }

    fn to_error(&self) -> ServiceError {
        let cause = format!("group commit failed: {}", self.cause);
        match self.fault {
            Some(Fault::StorageFull) => ServiceError::storage_full(cause),
            Some(Fault::Unavailable) => ServiceError::unavailable(cause),
            None => ServiceError::internal(cause),
        }
    }
}

/// What the writer does at the end of each group, before its commit, in
/// its transaction (the append of the entries the group queued for the
/// verifiable log). Its failure fails the group.
pub type GroupEnd = Arc<dyn Fn(&mut DbConnection, &dyn Clock) -> ServiceResult<()> + Send + Sync>;

#[derive(Clone)]
pub struct Writer {
    queue: mpsc::SyncSender<Box<dyn Request>>,
    /// Requests per committed group, for the tests and the benchmark.
    stats: Arc<GroupStats>,
}

/// How many groups committed and how many requests they held.
#[derive(Default)]
pub struct GroupStats {
    pub groups: AtomicU64,
    pub requests: AtomicU64,
    /// Requests ever put in the queue.
    pub queued: AtomicU64,
}

impl Writer {
    /// Opens the writer's connection and starts its thread. The thread ends
    /// when the last `Writer` is dropped.
    pub fn start(
        database_url: &str,
        clock: Arc<dyn Clock>,
        group_end: GroupEnd,
    ) -> Result<Writer, store::StoreError> {
        Self::start_with(database_url, clock, group_end, CHECKPOINTS)
    }

    fn start_with(
        database_url: &str,
        clock: Arc<dyn Clock>,
        group_end: GroupEnd,
        policy: CheckpointPolicy,
    ) -> Result<Writer, store::StoreError> {
        let mut conn = store::connect(database_url)?;
        // A page cache of 4 MiB (SQLite's default is 2 MiB), not more: when a
        // B-tree is rebalanced SQLite parks a page under a page number far
        // past the file's end, and every commit after it then walks the
        // whole page cache's hash table to drop pages past the end; with
        // 64 MiB cached that walk was 5 % of the writer's time, more than
        // the reads a larger cache saves (the operating system caches the
        // file; docs/benchmarks.md has the A/B rounds, pcache1TruncateUnsafe
        // in the profile). Temporary storage in memory: each request's
        // savepoint copies the pages it changes to the statement journal,
        // which beyond 64 KiB SQLite otherwise spills to a temporary file (a
        // write system call per page: a tenth of the writer's time).
        // No automatic checkpoint at the writer's commits: the checkpointer
        // does it on another thread (7 % of the writer's time). The WAL file
        // keeps its length when it starts afresh until space runs low (see
        // `CheckpointPolicy::low_space_bytes`).
        diesel::connection::SimpleConnection::batch_execute(
            &mut conn,
            &format!(
                "PRAGMA cache_size = -4096; PRAGMA temp_store = MEMORY; \
                 PRAGMA wal_autocheckpoint = 0; {}",
                store::space::wal_size_limit(false)
            ),
        )?;
        let mut checkpoints = Checkpointer::start(database_url, policy)?;
        let (queue, jobs) = mpsc::sync_channel::<Box<dyn Request>>(QUEUE);
        let stats = Arc::new(GroupStats::default());
        let counted = stats.clone();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                while let Ok(first) = jobs.recv() {
                    let mut group = vec![first];
                    while group.len() < MAX_GROUP {
                        match jobs.try_recv() {
                            Ok(job) => group.push(job),
                            Err(_) => break,
                        }
                    }
                    commit_group(&mut conn, clock.as_ref(), group, &group_end, &counted);
                    checkpoints.after_commit(&mut conn);
                }
            })
            .map_err(|e| store::StoreError::Migration(format!("writer thread: {e}")))?;
        Ok(Writer { queue, stats })
    }

    pub fn stats(&self) -> &GroupStats {
        &self.stats
    }

    /// Runs a write use case in the next group; answers once that group is
    /// durable (or has failed).
    pub async fn write<T, F>(&self, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
    {
        let (answer, answered) = tokio::sync::oneshot::channel::<ServiceResult<T>>();
        let job: Box<dyn Request> = Box::new(Pending {
            use_case: f,
            answer,
            span: tracing::Span::current(),
        });
        self.queue.try_send(job).map_err(|e| match e {
            mpsc::TrySendError::Full(_) => {
                ServiceError::unavailable("the writer's queue is full; please retry")
            }
            mpsc::TrySendError::Disconnected(_) => {
                ServiceError::unavailable("the writer has stopped")
            }
        })?;
        self.stats.queued.fetch_add(1, Ordering::Relaxed);
        answered
            .await
            .map_err(|_| ServiceError::unavailable("the writer dropped the request"))?
    }
}

/// Checkpoints the WAL on a thread and connection of its own, so that the
/// writer's thread only commits. SQLite's own automatic checkpoint runs in
/// the committing connection, after its commit, before the next group can
/// start; a passive checkpoint from another connection copies the committed
/// pages while the writer goes on (it never blocks the writer, nor readers).
struct Checkpointer {
    /// Set by the writer after each commit, cleared by the checkpointer.
    committed: Arc<AtomicBool>,
    /// Set by the checkpointer once the WAL is past its limit and what
    /// remains to copy is short (`catch_up`); cleared by the writer once
    /// its own checkpoint reached the WAL's end.
    tail_is_short: Arc<AtomicBool>,
    /// Set by the checkpointer while little space is free (`space_is_low`)
    /// beside the database.
    low_space: Arc<AtomicBool>,
    /// Whether the writer's connection cuts the WAL file back now.
    cutting_back: bool,
    /// Dropped with the writer's thread: the checkpointer then stops.
    _running: mpsc::Sender<()>,
}

impl Checkpointer {
    fn start(
        database_url: &str,
        policy: CheckpointPolicy,
    ) -> Result<Checkpointer, store::StoreError> {
        let mut conn = store::connect(database_url)?;
        let folder = match &mut conn {
            DbConnection::Sqlite(c) => store::space::folder_of(c)?,
            DbConnection::Postgres(_) => None,
        };
        let committed = Arc::new(AtomicBool::new(false));
        let tail_is_short = Arc::new(AtomicBool::new(false));
        let low_space = Arc::new(AtomicBool::new(false));
        let (running, stopped) = mpsc::channel::<()>();
        let (seen, short, low) = (committed.clone(), tail_is_short.clone(), low_space.clone());
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                let mut failing = false;
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(policy.every)
                {
                    if !seen.swap(false, Ordering::Relaxed) {
                        continue;
                    }
                    if let Some(free) = folder.as_deref().and_then(store::space::free_bytes) {
                        let was = low.load(Ordering::Relaxed);
                        low.store(
                            space_is_low(free, policy.low_space_bytes, was),
                            Ordering::Relaxed,
                        );
                    }
                    let limit = if low.load(Ordering::Relaxed) {
                        policy.wal_pages_limit.min(LOW_SPACE_WAL_PAGES)
                    } else {
                        policy.wal_pages_limit
                    };
                    match checkpoint(&mut conn) {
                        Ok(done) => {
                            let long = done.wal_pages.is_some_and(|pages| pages > limit);
                            if long && !short.load(Ordering::Relaxed) {
                                Self::catch_up(&mut conn, done);
                                short.store(true, Ordering::Relaxed);
                            }
                            if failing {
                                tracing::info!("WAL checkpoints succeed again");
                            }
                            failing = false;
                        }
                        // Nothing committed is lost: the pages stay in the
                        // WAL until a checkpoint succeeds (e.g. once disk
                        // space is freed). Said once, not every turn.
                        Err(e) => {
                            if !failing {
                                tracing::warn!(error = %e, "a WAL checkpoint failed; retrying");
                            }
                            failing = true;
                            seen.store(true, Ordering::Relaxed);
                        }
                    }
                }
            })
            .map_err(|e| store::StoreError::Migration(format!("checkpoint thread: {e}")))?;
        Ok(Checkpointer {
            committed,
            tail_is_short,
            low_space,
            cutting_back: false,
            _running: running,
        })
    }

    /// Copies, while groups go on committing, what they appended during the
    /// last pass, and again, until a pass finds little new: each pass takes
    /// about as long as what it copies (the database file's `fsync` most of
    /// it: 10 to 45 ms for a pass of 5 000 pages, more as the file grows),
    /// and the writer waits for its own checkpoint, which copies what the
    /// last pass left. At most a few passes: under a load that appends as
    /// fast as a pass copies, the tail stops shrinking.
    fn catch_up(conn: &mut DbConnection, mut last: Checkpointed) {
        for _ in 0..CATCH_UP_PASSES {
            let (Some(before), true) = (last.wal_pages, last.complete) else {
                return;
            };
            match checkpoint(conn) {
                Ok(done) => {
                    let appended = done.wal_pages.map(|pages| pages.saturating_sub(before));
                    let tail = last_tail(appended);
                    last = done;
                    if tail {
                        return;
                    }
                }
                Err(_) => return,
            }
        }
    }

    /// After each group's commit, on the writer's thread.
    fn after_commit(&mut self, conn: &mut DbConnection) {
        self.committed.store(true, Ordering::Relaxed);
        let low = self.low_space.load(Ordering::Relaxed);
        if low != self.cutting_back {
            if low {
                tracing::warn!(
                    "little disk space is left beside the database: the WAL file is \
                     cut back to {} bytes each time it starts afresh",
                    store::space::WAL_KEPT_BYTES
                );
            } else {
                tracing::info!("disk space beside the database is plentiful again");
            }
            match diesel::sql_query(store::space::wal_size_limit(low)).execute(conn) {
                Ok(_) => self.cutting_back = low,
                Err(e) => tracing::debug!(error = %e, "the WAL's size limit was not changed"),
            }
        }
        if self.tail_is_short.load(Ordering::Relaxed) {
            // Between two groups nothing is appended, so this checkpoint can
            // reach the WAL's end, and the next group starts it afresh.
            // Tried again after the next group until it is complete (a
            // reader's snapshot may hold it back). A failure is the
            // checkpointer's to report, once.
            match checkpoint(conn) {
                Ok(done) if done.complete => self.tail_is_short.store(false, Ordering::Relaxed),
                Ok(_) => {}
                Err(e) => tracing::debug!(error = %e, "the writer's WAL checkpoint failed"),
            }
        }
    }
}

/// Whether the space free beside the database is low: below `limit`, and,
/// once low, until twice `limit` is free again, so that space hovering at
/// the limit does not switch the writer (and its log line) at every turn.
fn space_is_low(free: u64, limit: u64, was_low: bool) -> bool {
    if was_low {
        free < limit.saturating_mul(2)
    } else {
        free < limit
    }
}

/// Passes of `Checkpointer::catch_up` at most.
const CATCH_UP_PASSES: usize = 4;

/// WAL pages appended during a pass below which the next pass is not worth
/// it: about what one group of replies writes.
const SHORT_TAIL_PAGES: u64 = 256;

/// Whether a catch-up pass that found `appended` new pages (None: it could
/// not run) is the last.
fn last_tail(appended: Option<u64>) -> bool {
    appended.is_none_or(|pages| pages < SHORT_TAIL_PAGES)
}

/// What a checkpoint found and did.
struct Checkpointed {
    /// The WAL's length in pages; None when the checkpoint could not run
    /// (another connection was checkpointing: SQLite then says -1).
    wal_pages: Option<u64>,
    /// Every page of the WAL is in the database file: SQLite starts the WAL
    /// afresh at the next write (unless a reader still reads from it).
    complete: bool,
}

/// A passive checkpoint: copies what it can without waiting for anyone
/// (none at all while another connection is checkpointing).
fn checkpoint(conn: &mut DbConnection) -> Result<Checkpointed, diesel::result::Error> {
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        busy: i32,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        log: i32,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        checkpointed: i32,
    }
    let row: Row = diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").get_result(conn)?;
    Ok(Checkpointed {
        wal_pages: u64::try_from(row.log).ok(),
        complete: row.busy == 0 && row.log == row.checkpointed,
    })
}

/// One transaction for the group: each request in its savepoint, then one
/// commit; then every request is answered.
fn commit_group(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    group: Vec<Box<dyn Request>>,
    group_end: &GroupEnd,
    stats: &GroupStats,
) {
    let size = group.len() as u64;
    let mut answers = Vec::with_capacity(group.len());
    let mut waiting = group.into_iter();
    let mut aborted = None;
    // The group's log entries, in memory until its end appends them; dropped
    // with it if it does not commit.
    let _entries = store::log::GroupQueue::begin();
    let committed = conn.transaction(|conn| {
        // Take SQLite's write lock first, so that the group never has to
        // upgrade a read transaction (which another process's write could
        // refuse without waiting): an UPDATE that changes nothing still
        // begins a write transaction.
        diesel::sql_query("UPDATE app_settings SET key = key WHERE 0").execute(conn)?;
        for job in waiting.by_ref() {
            let (answer, fault) = job.run(conn, clock);
            answers.push(answer);
            if fault.is_some() {
                // Roll the group back: what SQLite kept of it is unknown.
                aborted = fault;
                return Err(diesel::result::Error::RollbackTransaction);
            }
        }
        // In a savepoint, as the requests: if SQLite keeps nothing of a
        // failed end, the group still must not commit.
        if let Err(e) = conn.transaction(|conn| group_end(conn, clock)) {
            tracing::error!(error = %e, "a group could not end; none of it commits");
            aborted = Some(GroupFailure {
                fault: e.is_fault().then(|| {
                    if e.code() == crate::error::ErrorCode::StorageFull {
                        Fault::StorageFull
                    } else {
                        Fault::Unavailable
                    }
                }),
                cause: e.to_string(),
            });
            return Err(diesel::result::Error::RollbackTransaction);
        }
        Ok(())
    });
    let failure = committed.err().map(|e| {
        let failure = aborted.unwrap_or_else(|| GroupFailure::of(&e));
        tracing::warn!(cause = %failure.cause, requests = answers.len(), "a group did not commit");
        failure
    });
    // Counted before anyone is answered, so that an answered request is
    // always in the figures.
    stats.groups.fetch_add(1, Ordering::Relaxed);
    stats.requests.fetch_add(size, Ordering::Relaxed);
    metrics::histogram!("tapballot_writer_group_requests").record(size as f64);
    for answer in answers {
        answer(failure.as_ref());
    }
    if let Some(failure) = &failure {
        for job in waiting {
            job.fail(failure);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn writer_on_a_new_file() -> (Writer, String, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let pool = store::build_pool(&url, 2).unwrap();
        store::migrate(&mut pool.get().unwrap()).unwrap();
        let clock: Arc<dyn Clock> = Arc::new(crate::clock::SystemClock);
        let nothing: GroupEnd = Arc::new(|_, _| Ok(()));
        (Writer::start(&url, clock, nothing).unwrap(), url, dir)
    }

    fn put(conn: &mut DbConnection, key: &str) -> ServiceResult<()> {
        diesel::sql_query(format!(
            "INSERT INTO app_settings (key, value) VALUES ('{key}', 'x')"
        ))
        .execute(conn)?;
        Ok(())
    }

    fn keys(url: &str) -> Vec<String> {
        #[derive(diesel::QueryableByName)]
        struct Key {
            #[diesel(sql_type = diesel::sql_types::Text)]
            key: String,
        }
        let mut conn = store::connect(url).unwrap();
        diesel::sql_query("SELECT key FROM app_settings WHERE key LIKE 't-%' ORDER BY key")
            .load::<Key>(&mut conn)
            .unwrap()
            .into_iter()
            .map(|k| k.key)
            .collect()
    }

    /// Holds the writer in a group of its own (writing `key`) until
    /// released: once it runs, its group is formed, so the requests sent
    /// meanwhile all make the next group.
    async fn hold(
        writer: &Writer,
        key: Option<&'static str>,
    ) -> (
        std::sync::mpsc::Sender<()>,
        tokio::task::JoinHandle<ServiceResult<()>>,
    ) {
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let (started, running) = std::sync::mpsc::channel::<()>();
        let writer = writer.clone();
        let blocker = tokio::spawn(async move {
            writer
                .write(move |conn, _| {
                    started.send(()).unwrap();
                    wait.recv().unwrap();
                    match key {
                        Some(key) => put(conn, key),
                        None => Ok(()),
                    }
                })
                .await
        });
        while running.try_recv().is_err() {
            tokio::task::yield_now().await;
        }
        (release, blocker)
    }

    /// One request per key, each writing its key and queuing a log entry
    /// for it; the one named `failing` then fails with `error`.
    fn puts<const N: usize>(
        writer: &Writer,
        keys: [&'static str; N],
        failing: &'static str,
        error: fn() -> ServiceError,
    ) -> Vec<tokio::task::JoinHandle<ServiceResult<&'static str>>> {
        keys.into_iter()
            .map(|key| {
                let writer = writer.clone();
                tokio::spawn(async move {
                    writer
                        .write(move |conn, _| {
                            put(conn, key)?;
                            store::log::queue(conn, entry(key))?;
                            if key == failing {
                                return Err(error());
                            }
                            Ok(key)
                        })
                        .await
                })
            })
            .collect()
    }

    /// Sends `requests` while the writer is held, then releases it.
    async fn with_next_group<T: Send + 'static>(
        writer: &Writer,
        requests: Vec<tokio::task::JoinHandle<T>>,
        release: std::sync::mpsc::Sender<()>,
        before: u64,
    ) -> Vec<T> {
        let n = requests.len() as u64;
        while writer.stats().queued.load(Ordering::Relaxed) < before + n {
            tokio::task::yield_now().await;
        }
        release.send(()).unwrap();
        let mut out = Vec::new();
        for r in requests {
            out.push(r.await.unwrap());
        }
        out
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_refused_request_leaves_the_rest_of_its_group_committed() {
        let (writer, url, _dir) = writer_on_a_new_file();
        let (release, blocker) = hold(&writer, Some("t-0")).await;
        let requests = puts(&writer, ["t-a", "t-b", "t-c"], "t-b", || {
            ServiceError::new(ErrorCode::InvalidBody, "refused")
        });
        let answers = with_next_group(&writer, requests, release, 1).await;
        blocker.await.unwrap().unwrap();
        assert_eq!(answers[0].as_ref().unwrap(), &"t-a");
        assert_eq!(
            answers[1].as_ref().unwrap_err().code(),
            ErrorCode::InvalidBody
        );
        assert_eq!(answers[2].as_ref().unwrap(), &"t-c");
        assert_eq!(keys(&url), ["t-0", "t-a", "t-c"]);
        // The blocker alone, then the three together.
        assert_eq!(writer.stats().groups.load(Ordering::Relaxed), 2);
        assert_eq!(writer.stats().requests.load(Ordering::Relaxed), 4);
    }

    fn entry(record_id: &str) -> store::models::NewQueuedEntry {
        store::models::NewQueuedEntry {
            kind: "test".into(),
            consultation_id: None,
            member_state: None,
            record_id: record_id.into(),
            entry: "{}".into(),
            queued_at: chrono::Utc::now().naive_utc(),
        }
    }

    /// A request's log entries are kept in the group's memory and reach the
    /// group's end only if its savepoint stands: a refused request's entry
    /// goes with it, the others' stay; none is written to `log_queue`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn log_entries_follow_their_requests_savepoints() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let pool = store::build_pool(&url, 2).unwrap();
        store::migrate(&mut pool.get().unwrap()).unwrap();
        let ended: Arc<std::sync::Mutex<Vec<Vec<String>>>> = Default::default();
        let seen = ended.clone();
        let group_end: GroupEnd = Arc::new(move |_, _| {
            let kept = store::log::GroupQueue::take();
            seen.lock()
                .unwrap()
                .push(kept.into_iter().map(|e| e.record_id).collect());
            Ok(())
        });
        let clock: Arc<dyn Clock> = Arc::new(crate::clock::SystemClock);
        let writer = Writer::start(&url, clock, group_end).unwrap();
        let (release, blocker) = hold(&writer, None).await;
        let requests = puts(&writer, ["t-a", "t-b", "t-c"], "t-b", || {
            ServiceError::new(ErrorCode::InvalidBody, "refused")
        });
        let answers = with_next_group(&writer, requests, release, 1).await;
        blocker.await.unwrap().unwrap();
        assert!(answers[1].is_err());
        assert_eq!(keys(&url), ["t-a", "t-c"]);
        // The requests were spawned, so they reached the queue in any order.
        let mut ended = ended.lock().unwrap().clone();
        ended.iter_mut().for_each(|group| group.sort());
        assert_eq!(
            ended,
            vec![vec![], vec!["t-a".to_owned(), "t-c".to_owned()]]
        );
        let mut conn = store::connect(&url).unwrap();
        assert!(!store::log::any_queued(&mut conn).unwrap());
        // Outside a group, an entry is a row of the queue.
        store::log::queue(&mut conn, entry("t-d")).unwrap();
        assert!(store::log::any_queued(&mut conn).unwrap());
    }

    /// A writer on a new file, checkpointing by `policy`, after 16 tasks
    /// wrote 200 values of 4 KiB each: over 12 MiB through the WAL. The
    /// writer is given back so that the test holds it: once SQLite's last
    /// connection closes, it checkpoints and deletes the WAL file.
    async fn filled(policy: CheckpointPolicy) -> (Writer, std::path::PathBuf, tempfile::TempDir) {
        let (writer, path, dir) = writer_by(policy);
        write_values(&writer, "t", 200).await;
        assert_eq!(keys(&format!("sqlite://{}", path.display())).len(), 3200);
        (writer, path, dir)
    }

    fn writer_by(policy: CheckpointPolicy) -> (Writer, std::path::PathBuf, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let url = format!("sqlite://{}", path.display());
        let pool = store::build_pool(&url, 2).unwrap();
        store::migrate(&mut pool.get().unwrap()).unwrap();
        drop(pool);
        let clock: Arc<dyn Clock> = Arc::new(crate::clock::SystemClock);
        let nothing: GroupEnd = Arc::new(|_, _| Ok(()));
        let writer = Writer::start_with(&url, clock, nothing, policy).unwrap();
        (writer, path, dir)
    }

    /// 16 tasks write `each` values of 4 KiB, keys `{prefix}-{task}-{i}`.
    async fn write_values(writer: &Writer, prefix: &'static str, each: usize) {
        let mut tasks = Vec::new();
        for t in 0..16 {
            let writer = writer.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..each {
                    writer
                        .write(move |conn, _| {
                            diesel::sql_query(format!(
                                "INSERT INTO app_settings (key, value) VALUES ('{prefix}-{t}-{i}', '{}')",
                                "x".repeat(4000)
                            ))
                            .execute(conn)?;
                            Ok(())
                        })
                        .await
                        .unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
    }

    fn size(path: &std::path::Path) -> u64 {
        std::fs::metadata(path).unwrap().len()
    }

    /// The checkpointer copies committed pages into the database file,
    /// though the writer's connection never checkpoints at its commits.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_checkpointer_copies_the_wal_into_the_database_file() {
        let (_writer, path, _dir) = filled(CheckpointPolicy {
            every: Duration::from_millis(5),
            wal_pages_limit: u64::MAX,
            low_space_bytes: 0,
        })
        .await;
        for _ in 0..500 {
            if size(&path) > 12 << 20 {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(size(&path) > 12 << 20, "{} bytes", size(&path));
    }

    /// Under steady writes a checkpoint from another connection never
    /// reaches the WAL's end, so SQLite never starts it afresh: beyond its
    /// limit the writer checkpoints between two groups, and the WAL stays
    /// bounded (without it, 23 MiB here: every write).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_wal_stays_bounded_under_steady_writes() {
        let (_writer, path, dir) = filled(CheckpointPolicy {
            every: Duration::from_millis(5),
            wal_pages_limit: 64,
            low_space_bytes: 0,
        })
        .await;
        let wal = size(&dir.path().join("w.db-wal"));
        // 64 pages, plus what the groups wrote before the writer saw it.
        assert!(wal < 4 << 20, "the WAL grew to {wal} bytes");
        assert!(size(&path) > 12 << 20, "{} bytes", size(&path));
    }

    /// While little space is free the WAL keeps to `LOW_SPACE_WAL_PAGES`,
    /// whatever the policy's own limit (here none).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_wal_keeps_to_the_low_space_limit_while_space_is_low() {
        let (_writer, path, dir) = filled(CheckpointPolicy {
            every: Duration::from_millis(5),
            wal_pages_limit: u64::MAX,
            low_space_bytes: u64::MAX,
        })
        .await;
        let wal = size(&dir.path().join("w.db-wal"));
        // 1 000 pages (4 MiB), plus what the groups wrote before the writer
        // saw it; the 12.8 MB written would all be in it otherwise.
        assert!(wal < 8 << 20, "the WAL grew to {wal} bytes");
        assert!(size(&path) > 12 << 20, "{} bytes", size(&path));
    }

    #[test]
    fn a_catch_up_pass_is_the_last_once_it_finds_little_new() {
        assert!(last_tail(None));
        assert!(last_tail(Some(0)));
        assert!(last_tail(Some(SHORT_TAIL_PAGES - 1)));
        assert!(!last_tail(Some(SHORT_TAIL_PAGES)));
        assert!(!last_tail(Some(5_000)));
    }

    #[test]
    fn space_is_low_below_the_limit_until_twice_the_limit_is_free() {
        let mib = 1 << 20;
        assert!(!space_is_low(100 * mib, 64 * mib, false));
        assert!(space_is_low(63 * mib, 64 * mib, false));
        assert!(space_is_low(100 * mib, 64 * mib, true));
        assert!(!space_is_low(128 * mib, 64 * mib, true));
        assert!(space_is_low(u64::MAX - 1, u64::MAX, true));
        assert!(!space_is_low(0, 0, true));
    }

    /// The WAL file after a reader held it over 12 MiB of writes, then more
    /// writes until SQLite started the WAL afresh.
    async fn wal_after_a_long_read(low_space_bytes: u64) -> u64 {
        let (writer, path, dir) = writer_by(CheckpointPolicy {
            every: Duration::from_millis(5),
            wal_pages_limit: 64,
            low_space_bytes,
        });
        let url = format!("sqlite://{}", path.display());
        let wal = dir.path().join("w.db-wal");
        // A read transaction keeps its snapshot: no checkpoint passes it,
        // so the WAL grows with every write until it ends.
        let mut reader = store::connect(&url).unwrap();
        diesel::connection::SimpleConnection::batch_execute(
            &mut reader,
            "BEGIN; SELECT count(*) FROM app_settings;",
        )
        .unwrap();
        write_values(&writer, "t", 200).await;
        assert!(size(&wal) > 12 << 20, "{} bytes", size(&wal));
        diesel::connection::SimpleConnection::batch_execute(&mut reader, "COMMIT").unwrap();
        // Small writes until the WAL has started afresh: a checkpoint then
        // finds only a few pages in it.
        let mut probe = store::connect(&url).unwrap();
        for round in 0..2000 {
            writer
                .write(move |conn, _| {
                    diesel::sql_query(format!(
                        "INSERT INTO app_settings (key, value) VALUES ('after-{round}', 'x')"
                    ))
                    .execute(conn)?;
                    Ok(())
                })
                .await
                .unwrap();
            let done = checkpoint(&mut probe).unwrap();
            if done.complete && done.wal_pages.is_some_and(|pages| pages < 64) {
                return size(&wal);
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        panic!("the WAL never started afresh");
    }

    /// Near a full disk the space a WAL file held for a long run goes back
    /// to the file system when the WAL starts afresh: a checkpoint needs it
    /// to grow the database file.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_wal_file_gives_its_space_back_when_space_runs_low() {
        let always_low = wal_after_a_long_read(u64::MAX).await;
        assert!(
            always_low <= store::space::WAL_KEPT_BYTES + (1 << 20),
            "the WAL file kept {always_low} bytes"
        );
    }

    /// While space is plentiful the writer's WAL file keeps its length: it
    /// is not extended again at each restart.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_wal_file_keeps_its_length_while_space_is_plentiful() {
        let never_low = wal_after_a_long_read(0).await;
        assert!(never_low > 12 << 20, "the WAL file kept {never_low} bytes");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_fault_fails_the_whole_group_and_keeps_none_of_it() {
        let (writer, url, _dir) = writer_on_a_new_file();
        let (release, blocker) = hold(&writer, None).await;
        let requests = puts(&writer, ["t-a", "t-fault", "t-c"], "t-fault", || {
            ServiceError::unavailable("disk I/O error")
        });
        let answers = with_next_group(&writer, requests, release, 1).await;
        blocker.await.unwrap().unwrap();
        // Nobody is told "done" for a group that did not commit.
        for a in &answers {
            assert_eq!(a.as_ref().unwrap_err().code(), ErrorCode::Unavailable);
        }
        assert!(keys(&url).is_empty(), "{:?}", keys(&url));
        // The writer goes on with the next group.
        writer.write(|conn, _| put(conn, "t-after")).await.unwrap();
        assert_eq!(keys(&url), ["t-after"]);
    }
}
