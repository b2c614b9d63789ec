//! The verifiable log in the database: appends (in the transaction of what
//! they record), proofs, entries, and the check of the whole log against the
//! stored rows (`tapballot log verify`). The formats are in `crate::tlog`
//! and `crate::domain::log_entry`.

use std::cell::RefCell;
use std::collections::HashMap;

use base64::prelude::{Engine, BASE64_STANDARD};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::{to_naive, ErrorCode, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::store::models::{LogEntryRow, NewQueuedEntry};
use crate::store::{self, DbConnection};
use crate::tlog::{self, Hashes, LogError, LogKey, LogReceipt, TreeHash};

impl From<LogError> for ServiceError {
    fn from(e: LogError) -> Self {
        ServiceError::internal(format!("the verifiable log: {e}"))
    }
}

/// The tree's hashes as the rows keep them (each entry holds the hashes it
/// completed), with the ones already at hand in memory.
struct StoredHashes<'c> {
    conn: RefCell<&'c mut DbConnection>,
    known: RefCell<HashMap<u64, TreeHash>>,
    fault: RefCell<Option<diesel::result::Error>>,
}

impl<'c> StoredHashes<'c> {
    fn new(conn: &'c mut DbConnection) -> Self {
        StoredHashes {
            conn: RefCell::new(conn),
            known: RefCell::new(HashMap::new()),
            fault: RefCell::new(None),
        }
    }

    /// A database fault met while reading, to be told as such (503).
    fn check<T>(&self, r: Result<T, LogError>) -> ServiceResult<T> {
        if let Some(e) = self.fault.borrow_mut().take() {
            return Err(e.into());
        }
        Ok(r?)
    }
}

impl Hashes for StoredHashes<'_> {
    fn read(&self, indexes: &[u64]) -> Result<Vec<TreeHash>, LogError> {
        let missing: Vec<u64> = {
            let known = self.known.borrow();
            indexes
                .iter()
                .filter(|i| !known.contains_key(i))
                .copied()
                .collect()
        };
        if !missing.is_empty() {
            let mut leaves: Vec<i64> = missing
                .iter()
                .map(|i| tlog::stored_by(*i).0 as i64)
                .collect();
            leaves.sort_unstable();
            leaves.dedup();
            let rows = match store::log::hashes(*self.conn.borrow_mut(), &leaves) {
                Ok(rows) => rows,
                Err(e) => {
                    *self.fault.borrow_mut() = Some(e);
                    return Err(LogError("the database failed".into()));
                }
            };
            let by_leaf: HashMap<i64, Vec<TreeHash>> = rows
                .into_iter()
                .map(|(leaf, bytes)| (leaf, tlog::split_hashes(&bytes)))
                .collect();
            let mut known = self.known.borrow_mut();
            for i in missing {
                let (leaf, at) = tlog::stored_by(i);
                let hash = by_leaf
                    .get(&(leaf as i64))
                    .and_then(|h| h.get(at))
                    .ok_or_else(|| LogError(format!("entry {leaf} lacks its tree hashes")))?;
                known.insert(i, *hash);
            }
        }
        let known = self.known.borrow();
        Ok(indexes
            .iter()
            .filter_map(|i| known.get(i).copied())
            .collect())
    }
}

/// An entry's exact bytes (RFC 8785 JSON).
pub(crate) fn canonical_entry<T: crate::domain::log_entry::CanonicalEntry>(
    entry: &T,
) -> ServiceResult<String> {
    crate::domain::log_entry::canonical(entry)
        .map_err(|e| ServiceError::internal(format!("the log entry: {e}")))
}

/// An entry to append, with what the row records besides its bytes.
pub struct NewEntry<'a, E: crate::domain::log_entry::CanonicalEntry> {
    pub kind: &'a str,
    pub consultation_id: Option<&'a str>,
    pub member_state: Option<&'a str>,
    pub record_id: &'a str,
    /// Written in its RFC 8785 form by `append`.
    pub entry: &'a E,
}

/// Stores an entry in the caller's transaction, after what it records was
/// written, in the queue: it takes no lock, so that the transactions of
/// many replies commit side by side. `append_queued` gives it its place in
/// the tree right after (`settle`; on SQLite, the writer before its group
/// commits), in queue order, many under one lock and one checkpoint.
pub fn append<E: crate::domain::log_entry::CanonicalEntry>(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    new: NewEntry<'_, E>,
) -> ServiceResult<()> {
    store::log::queue(conn, queued_entry(now, new)?)?;
    Ok(())
}

/// The row that queues an entry, for a store function that writes it in
/// the same statement as what it records (`store::replies::append_revision`).
pub fn queued_entry<E: crate::domain::log_entry::CanonicalEntry>(
    now: DateTime<Utc>,
    new: NewEntry<'_, E>,
) -> ServiceResult<NewQueuedEntry> {
    Ok(NewQueuedEntry {
        kind: new.kind.to_owned(),
        consultation_id: new.consultation_id.map(str::to_owned),
        member_state: new.member_state.map(str::to_owned),
        record_id: new.record_id.to_owned(),
        entry: canonical_entry(new.entry)?,
        queued_at: to_naive(now),
    })
}

/// At most this many entries under one checkpoint (one statement's worth).
const BATCH: i64 = 1000;

/// At most this many takes of the queue in one turn: each waits for the
/// rows that commit meanwhile (`append_taking`), and those already taken
/// wait for the turn's end.
const MAX_TAKES: usize = 8;

/// How long the appender's turn waits for the writes in flight (`Appender`).
const LINGER: std::time::Duration = std::time::Duration::from_millis(5);

/// Appends every queued entry to the tree, in queue order, in the caller's
/// transaction and under the log's lock (`store::log::lock_head`, taken
/// first and held to the commit), so that the log never forks; signs one
/// checkpoint for the tree each batch ends and keeps it on each of its
/// entries, so that every receipt is complete once its entry is appended.
/// Returns how many it appended.
/// With `recent`, the receipt of each entry appended is kept there for the
/// request waiting for it (made from the hashes at hand: no read).
pub fn append_queued(
    conn: &mut DbConnection,
    key: &LogKey,
    now: DateTime<Utc>,
    recent: Option<&tlog::RecentReceipts>,
) -> ServiceResult<usize> {
    append_taking(conn, key, now, recent, &|| {})
}

/// As `append_queued`, taking the queue again while it still yields rows
/// (at most `MAX_TAKES` times), all under one checkpoint: so that one
/// transaction, one flush and one checkpoint serve the commits of the
/// whole turn. `on_take` runs before each take, which sees every row
/// committed before it (`Appender` counts them).
fn append_taking(
    conn: &mut DbConnection,
    key: &LogKey,
    now: DateTime<Utc>,
    recent: Option<&tlog::RecentReceipts>,
    on_take: &dyn Fn(),
) -> ServiceResult<usize> {
    // The lock before the queue is read: the reads then see every row the
    // previous holder left, and none it took.
    let mut head = store::log::lock_head(conn)?;
    let mut appended = 0;
    let mut batch: Vec<NewQueuedEntry> = Vec::new();
    // The rows of `log_queue` first: committed before they were taken,
    // they come first in commit order.
    for _ in 0..MAX_TAKES {
        on_take();
        let room = BATCH - batch.len() as i64;
        let taken = store::log::take_queued(conn, room)?;
        if taken.is_empty() {
            break;
        }
        batch.extend(taken.into_iter().map(|q| NewQueuedEntry {
            kind: q.kind,
            consultation_id: q.consultation_id,
            member_state: q.member_state,
            record_id: q.record_id,
            entry: q.entry,
            queued_at: q.queued_at,
        }));
        if batch.len() as i64 >= BATCH {
            appended += append_batch(
                conn,
                key,
                now,
                recent,
                std::mem::take(&mut batch),
                &mut head,
            )?;
        }
    }
    // Then those the writer's group kept in memory (none elsewhere).
    batch.extend(store::log::GroupQueue::take());
    if !batch.is_empty() {
        appended += append_batch(conn, key, now, recent, batch, &mut head)?;
    }
    if appended > 0 {
        store::log::set_head(conn, head.0, &head.1)?;
    }
    Ok(appended)
}

/// Appends one batch to the tree whose head is `head` (moved past it),
/// under the log's lock, with one checkpoint.
fn append_batch(
    conn: &mut DbConnection,
    key: &LogKey,
    now: DateTime<Utc>,
    recent: Option<&tlog::RecentReceipts>,
    batch: Vec<NewQueuedEntry>,
    head: &mut (i64, Vec<u8>),
) -> ServiceResult<usize> {
    let (size, frontier) = (head.0, &head.1);
    let start =
        u64::try_from(size).map_err(|_| ServiceError::internal("the log's size is negative"))?;
    let edge = tlog::frontier_indexes(start);
    let edge_hashes = tlog::split_hashes(frontier);
    if edge.len() != edge_hashes.len() {
        return Err(ServiceError::internal(format!(
            "the log's head does not fit its size {start}: run `tapballot log verify`"
        )));
    }
    // Every hash the batch needs is the right edge's or its own.
    let mut tree = tlog::Known::default();
    for (i, h) in edge.into_iter().zip(edge_hashes) {
        tree.0.insert(i, h);
    }
    let mut rows = Vec::with_capacity(batch.len());
    let mut n = start;
    for q in batch {
        let stored = tlog::stored_hashes(n, q.entry.as_bytes(), &tree)?;
        let first = tlog::stored_hash_index(0, n);
        for (i, h) in stored.iter().enumerate() {
            tree.0.insert(first + i as u64, *h);
        }
        rows.push(LogEntryRow {
            leaf_index: n as i64,
            kind: q.kind,
            consultation_id: q.consultation_id,
            member_state: q.member_state,
            record_id: q.record_id,
            entry: q.entry,
            hashes: tlog::join_hashes(&stored),
            checkpoint: String::new(),
            appended_at: to_naive(now),
        });
        n += 1;
    }
    let root = tlog::tree_hash(n, &tree)?;
    let checkpoint = key.sign_checkpoint(n, root)?;
    for row in &mut rows {
        row.checkpoint.clone_from(&checkpoint);
    }
    let edge = tree.read(&tlog::frontier_indexes(n))?;
    store::log::append(conn, &rows)?;
    *head = (n as i64, tlog::join_hashes(&edge));
    let appended = rows.len();
    if let Some(recent) = recent {
        for row in rows {
            let leaf = row.leaf_index as u64;
            let leaf_hash = tree.read(&[tlog::stored_hash_index(0, leaf)])?;
            let proof = tlog::inclusion_proof(n, leaf, &tree)?;
            recent.put(
                row.record_id,
                LogReceipt {
                    leaf_index: leaf,
                    leaf_hash: leaf_hash
                        .first()
                        .map(|h| BASE64_STANDARD.encode(h.0))
                        .unwrap_or_default(),
                    tree_size: n,
                    inclusion_proof: tlog::b64(&proof),
                    checkpoint: row.checkpoint,
                    entry: row.entry,
                },
            );
        }
    }
    Ok(appended)
}

/// Appends what is queued, in a transaction of its own: after the commit of
/// a use case that queued entries, where no writer does it for the group
/// (PostgreSQL, or a process of its own on SQLite). Looks first, so that a
/// write that queued nothing costs one read.
pub fn settle(conn: &mut DbConnection, key: &LogKey, now: DateTime<Utc>) -> ServiceResult<usize> {
    append_if_queued(conn, key, now, None)
}

fn append_if_queued(
    conn: &mut DbConnection,
    key: &LogKey,
    now: DateTime<Utc>,
    recent: Option<&tlog::RecentReceipts>,
) -> ServiceResult<usize> {
    if !store::log::any_queued(conn)? {
        return Ok(0);
    }
    append_in_turn(conn, key, now, recent, &|| {})
}

/// `append_queued` in a transaction of its own, rolled back when it finds
/// nothing (another process appended the entries): it wrote nothing but
/// the lock, whose commit would cost a flush.
fn append_in_turn(
    conn: &mut DbConnection,
    key: &LogKey,
    now: DateTime<Utc>,
    recent: Option<&tlog::RecentReceipts>,
    on_take: &dyn Fn(),
) -> ServiceResult<usize> {
    use diesel::Connection;
    enum Turn {
        Nothing,
        Failed(ServiceError),
    }
    impl From<diesel::result::Error> for Turn {
        fn from(e: diesel::result::Error) -> Self {
            Turn::Failed(e.into())
        }
    }
    let turn = conn.transaction(
        |conn| match append_taking(conn, key, now, recent, on_take) {
            Ok(0) => Err(Turn::Nothing),
            Ok(n) => Ok(n),
            Err(e) => Err(Turn::Failed(e)),
        },
    );
    match turn {
        Ok(n) => Ok(n),
        Err(Turn::Nothing) => Ok(0),
        Err(Turn::Failed(e)) => Err(e),
    }
}

/// The turns of one process's appends after commits (PostgreSQL): one
/// append at a time per process, each for every entry committed before it
/// began, so that the requests of a moment share one (one lock, one
/// checkpoint, one flush) instead of queueing on the log's lock one by one.
/// It appends on a connection of its own (`C`), kept from one append to
/// the next (none is waited for in the pool, none is checked out), and
/// dropped after a failure, since the connection may be what failed.
#[derive(Debug)]
pub struct Appender<C> {
    turns: std::sync::Mutex<Turns>,
    done: std::sync::Condvar,
    conn: std::sync::Mutex<Option<C>>,
}

impl<C> Default for Appender<C> {
    fn default() -> Self {
        Appender {
            turns: Default::default(),
            done: Default::default(),
            conn: std::sync::Mutex::new(None),
        }
    }
}

#[derive(Debug, Default)]
struct Turns {
    running: bool,
    /// Takes of the queue begun (each sees every row committed before it),
    /// and the last of those whose turn committed.
    begun: u64,
    finished: u64,
}

impl<C: std::borrow::BorrowMut<DbConnection>> Appender<C> {
    /// After a commit that queued entries: returns once a take of the
    /// queue that began after it has committed (in this thread's turn, or
    /// another's), so that the entries are in the tree; their receipts go
    /// to `recent`.
    /// A request that waits for another's append holds no connection;
    /// `connect` opens the appender's when it has none.
    /// While `others_writing`, the turn's holder waits `LINGER` first, as
    /// PostgreSQL's `commit_delay` does with `commit_siblings`: the commits
    /// of that moment then share its turn (a turn costs the same seven
    /// round trips for one entry or fifty).
    pub fn settle(
        &self,
        connect: impl FnOnce() -> ServiceResult<C>,
        others_writing: &dyn Fn() -> bool,
        key: &LogKey,
        now: DateTime<Utc>,
        recent: &tlog::RecentReceipts,
    ) -> ServiceResult<()> {
        let lock = || self.turns.lock().unwrap_or_else(|e| e.into_inner());
        let mut turns = lock();
        // Any take that begins from now on sees this commit's entries.
        let covering = turns.begun + 1;
        loop {
            if turns.finished >= covering {
                return Ok(());
            }
            if !turns.running {
                turns.running = true;
                drop(turns);
                // Counted under the lock, so that a request that reads the
                // count after a take waits for the next one.
                let on_take = || lock().begun += 1;
                if others_writing() {
                    std::thread::sleep(LINGER);
                }
                let result = {
                    // Only the turn's holder takes it: never contended.
                    let mut kept = self.conn.lock().unwrap_or_else(|e| e.into_inner());
                    let conn = match kept.take() {
                        Some(conn) => Ok(conn),
                        None => connect(),
                    };
                    conn.and_then(|mut conn| {
                        append_in_turn(conn.borrow_mut(), key, now, Some(recent), &on_take)?;
                        *kept = Some(conn);
                        Ok(())
                    })
                };
                let mut turns = lock();
                turns.running = false;
                if result.is_ok() {
                    // Only this turn counts takes while it runs.
                    turns.finished = turns.begun;
                }
                self.done.notify_all();
                return result;
            }
            turns = self.done.wait(turns).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// The receipt of a stored entry, as it was when the entry was appended:
/// with the checkpoint of the tree its batch ended, which covers it.
pub fn receipt_of_row(conn: &mut DbConnection, row: LogEntryRow) -> ServiceResult<LogReceipt> {
    let n = row.leaf_index as u64;
    let leaf = tlog::split_hashes(&row.hashes)
        .first()
        .copied()
        .ok_or_else(|| ServiceError::internal(format!("entry {n} has no leaf hash")))?;
    let size = checkpoint_size(&row)?;
    let hashes = StoredHashes::new(conn);
    let proof = hashes.check(tlog::inclusion_proof(size, n, &hashes))?;
    Ok(LogReceipt {
        leaf_index: n,
        leaf_hash: BASE64_STANDARD.encode(leaf.0),
        tree_size: size,
        inclusion_proof: tlog::b64(&proof),
        checkpoint: row.checkpoint,
        entry: row.entry,
    })
}

/// The size of the tree an entry's checkpoint signs (it covers the entry).
fn checkpoint_size(row: &LogEntryRow) -> ServiceResult<u64> {
    match tlog::checkpoint_tree(&row.checkpoint) {
        Some((size, _)) if size > row.leaf_index as u64 => Ok(size),
        _ => Err(ServiceError::internal(format!(
            "entry {} has no checkpoint that covers it: run `tapballot log verify`",
            row.leaf_index
        ))),
    }
}

/// The receipt of the latest entry recording a row (a revision), if any.
pub fn receipt_of_record(
    conn: &mut DbConnection,
    record_id: &str,
) -> ServiceResult<Option<LogReceipt>> {
    match store::log::latest_of_record(conn, record_id)? {
        Some(row) => Ok(Some(receipt_of_row(conn, row)?)),
        None => Ok(None),
    }
}

fn bad_index(message: String) -> ServiceError {
    ServiceError::new(ErrorCode::InvalidLogIndex, message)
}

fn size(conn: &mut DbConnection) -> ServiceResult<u64> {
    let (size, _) = store::log::head(conn)?;
    Ok(size.max(0) as u64)
}

/// The latest signed checkpoint (of the empty tree before any entry).
pub fn checkpoint(conn: &mut DbConnection, key: &LogKey) -> ServiceResult<String> {
    let n = size(conn)?;
    if n == 0 {
        return Ok(key.sign_checkpoint(0, tlog::EMPTY_HASH)?);
    }
    let row = store::log::entry(conn, n as i64 - 1)?
        .ok_or_else(|| ServiceError::internal(format!("entry {} is missing", n - 1)))?;
    if key.signed(&row.checkpoint) {
        return Ok(row.checkpoint);
    }
    // Signed before a key rotation: the same tree, signed with the key in
    // use now, so that clients holding only the new key can follow the log.
    let (size, root) = tlog::checkpoint_tree(&row.checkpoint)
        .ok_or_else(|| ServiceError::internal(format!("entry {} has no checkpoint", n - 1)))?;
    Ok(key.sign_checkpoint(size, root)?)
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InclusionProof {
    pub leaf_index: u64,
    pub tree_size: u64,
    /// RFC 9162 inclusion path, base64, from the leaf up.
    pub hashes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsistencyProof {
    pub from: u64,
    pub to: u64,
    /// RFC 9162 consistency proof, base64.
    pub hashes: Vec<String>,
}

pub fn inclusion(
    conn: &mut DbConnection,
    leaf_index: u64,
    tree_size: u64,
) -> ServiceResult<InclusionProof> {
    let n = size(conn)?;
    if tree_size > n {
        return Err(bad_index(format!(
            "tree_size {tree_size} is larger than the log ({n} entries)"
        )));
    }
    if leaf_index >= tree_size {
        return Err(bad_index(format!(
            "leaf_index {leaf_index} is not in a tree of {tree_size} entries (0 … tree_size − 1)"
        )));
    }
    let hashes = StoredHashes::new(conn);
    let proof = hashes.check(tlog::inclusion_proof(tree_size, leaf_index, &hashes))?;
    Ok(InclusionProof {
        leaf_index,
        tree_size,
        hashes: tlog::b64(&proof),
    })
}

pub fn consistency(conn: &mut DbConnection, from: u64, to: u64) -> ServiceResult<ConsistencyProof> {
    let n = size(conn)?;
    if to > n {
        return Err(bad_index(format!(
            "to {to} is larger than the log ({n} entries)"
        )));
    }
    if from == 0 || from > to {
        return Err(bad_index(format!(
            "from must be at least 1 and at most to; got from {from}, to {to}"
        )));
    }
    let hashes = StoredHashes::new(conn);
    let proof = hashes.check(tlog::consistency_proof(to, from, &hashes))?;
    Ok(ConsistencyProof {
        from,
        to,
        hashes: tlog::b64(&proof),
    })
}

/// An entry's exact bytes: for TSB, or the focal points of the Member State
/// it concerns (entries of consultations and decisions concern every
/// signed-in user).
pub fn entry(conn: &mut DbConnection, actor: &Actor, leaf_index: u64) -> ServiceResult<String> {
    let n = size(conn)?;
    if leaf_index >= n {
        return Err(bad_index(format!(
            "leaf_index {leaf_index} is not in the log ({n} entries)"
        )));
    }
    let row = store::log::entry(conn, leaf_index as i64)?
        .ok_or_else(|| ServiceError::internal(format!("entry {leaf_index} is missing")))?;
    if let Some(iso3) = &row.member_state {
        if !actor.may_act_for(iso3) {
            return Err(ServiceError::new(
                ErrorCode::OtherMemberState,
                "this entry concerns another Member State",
            ));
        }
    }
    Ok(row.entry)
}

/// The default origin of a log: the public URL's host (and port) + "/log".
pub fn default_origin(public_url: &str) -> String {
    let host = url::Url::parse(public_url)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_owned();
            Some(match u.port() {
                Some(p) => format!("{host}:{p}"),
                None => host,
            })
        })
        .unwrap_or_else(|| "localhost".to_owned());
    format!("{host}/log")
}

/// Settles the log's origin and signing key at start-up. The origin is the
/// log's name in every checkpoint: chosen when the log starts (from
/// `TAPBALLOT_LOG_ORIGIN`, else `default`) and kept in the database, so
/// that a later change of the public URL does not rename the log. The key is
/// `key_file`'s (`TAPBALLOT_LOG_KEY_FILE`), else one generated once and kept
/// in the database, so that several instances sign alike.
pub fn settle_key(
    conn: &mut DbConnection,
    origin: Option<&str>,
    default: &str,
    key_file: Option<&str>,
) -> ServiceResult<LogKey> {
    let origin = match (origin, store::settings::get(conn, "log_origin")?) {
        (Some(asked), Some(kept)) if asked != kept => {
            return Err(ServiceError::internal(format!(
                "TAPBALLOT_LOG_ORIGIN is {asked:?}, but this database's log is named {kept:?}: \
                 a log keeps its origin for good (checkpoints name it)"
            )))
        }
        (_, Some(kept)) => kept,
        (asked, None) => {
            let candidate = asked.unwrap_or(default);
            if !tlog::valid_origin(candidate) {
                return Err(ServiceError::internal(format!(
                    "{candidate:?} cannot name the log (no spaces or '+'); set TAPBALLOT_LOG_ORIGIN"
                )));
            }
            store::settings::get_or_insert(conn, "log_origin", candidate)?
        }
    };
    let key = match key_file {
        Some(skey) => LogKey::from_signer_key(skey)?,
        None => {
            let candidate = tlog::generate_signer_key(&origin)?;
            LogKey::from_signer_key(&store::settings::get_or_insert(
                conn,
                "log_signing_key",
                &candidate,
            )?)?
        }
    };
    if key.origin() != origin {
        return Err(ServiceError::internal(format!(
            "the log's signing key is named {:?}, but the log is {origin:?}: the key's name must be the origin",
            key.origin()
        )));
    }
    Ok(key)
}

/// What `tapballot log verify` found: how many entries it checked, and each
/// difference (none when the log and the rows agree).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Verification {
    pub entries: u64,
    pub checkpoints: u64,
    /// Entries stored with their records but not yet appended.
    pub queued: u64,
    pub problems: Vec<String>,
}

/// Recomputes the tree from the stored entries, checks every stored
/// checkpoint against it and against `verifier_keys` (the current key and
/// any earlier ones), then checks that the stored revisions, consultations
/// and decisions say what their latest entries say, and that none is
/// missing from the log.
pub fn verify(conn: &mut DbConnection, verifier_keys: &[String]) -> ServiceResult<Verification> {
    let mut v = Verification::default();
    let mut tree = tlog::InMemory::default();
    // The latest entry of each record, for the second half.
    let mut latest: HashMap<String, LogEntryRow> = HashMap::new();
    // The checkpoint of the batch being read: its text, size and root.
    let mut awaiting: Option<(String, u64, TreeHash)> = None;
    let mut next: u64 = 0;
    loop {
        let page = store::log::page(conn, next as i64, 1000)?;
        if page.is_empty() {
            break;
        }
        for row in page {
            let n = row.leaf_index as u64;
            if n != next {
                v.problems.push(format!(
                    "entries {next} to {} are missing from the log",
                    n.saturating_sub(1)
                ));
                // The tree cannot be recomputed past a gap.
                return Ok(v);
            }
            let stored = tlog::stored_hashes(n, row.entry.as_bytes(), &tree)?;
            if tlog::join_hashes(&stored) != row.hashes {
                v.problems.push(format!(
                    "entry {n}: its stored tree hashes are not those of its bytes (the entry was changed)"
                ));
            }
            tree.0.extend(stored);
            // A batch's entries share its checkpoint, of the tree the batch
            // ends: checked once, when the tree reaches that size.
            if awaiting.as_ref().map(|(text, _, _)| text) != Some(&row.checkpoint) {
                if let Some((_, size, _)) = awaiting.take() {
                    v.problems.push(format!(
                        "the checkpoint before entry {n} signs a tree of {size} entries, but another batch begins at {n}"
                    ));
                }
                match verifier_keys
                    .iter()
                    .map(|k| tlog::verify_checkpoint(&row.checkpoint, k))
                    .find(Result::is_ok)
                    .unwrap_or_else(|| Err(LogError("no known key signed it".into())))
                {
                    Ok(c) if c.tree_size > n => {
                        awaiting = Some((row.checkpoint.clone(), c.tree_size, c.root))
                    }
                    Ok(c) => v.problems.push(format!(
                        "the checkpoint of entry {n} signs a tree of {} entries, which does not hold it",
                        c.tree_size
                    )),
                    Err(e) => v
                        .problems
                        .push(format!("the checkpoint of entry {n} does not verify: {e}")),
                }
            }
            if let Some((_, size, root)) = &awaiting {
                if *size == n + 1 {
                    if tlog::tree_hash(n + 1, &tree)? == *root {
                        v.checkpoints += 1;
                    } else {
                        v.problems.push(format!(
                            "the checkpoint of the tree of {} entries signs another root: the log was rewritten",
                            n + 1
                        ));
                    }
                    awaiting = None;
                }
            }
            latest.insert(row.record_id.clone(), row);
            next = n + 1;
            v.entries = next;
        }
    }
    // Entries stored but not yet appended (a moment after their commit, or
    // left by a process that stopped): what their records must say.
    for (i, q) in store::log::queued(conn, i64::MAX)?.into_iter().enumerate() {
        v.queued += 1;
        latest.insert(
            q.record_id.clone(),
            LogEntryRow {
                leaf_index: (next + i as u64) as i64,
                kind: q.kind,
                consultation_id: q.consultation_id,
                member_state: q.member_state,
                record_id: q.record_id,
                entry: q.entry,
                hashes: Vec::new(),
                checkpoint: String::new(),
                appended_at: q.queued_at,
            },
        );
    }
    if let Some((_, size, _)) = &awaiting {
        v.problems.push(format!(
            "the last checkpoint signs a tree of {size} entries, {next} are stored"
        ));
    }
    let (size, frontier) = store::log::head(conn)?;
    if size as u64 != next {
        v.problems.push(format!(
            "the log's head says {size} entries, {next} are stored"
        ));
    } else {
        let edge = tree.read(&tlog::frontier_indexes(next))?;
        if tlog::join_hashes(&edge) != frontier {
            v.problems
                .push("the log's head does not hold the tree's right edge".to_owned());
        }
    }
    check_records(conn, &mut latest, &mut v)?;
    Ok(v)
}

/// What an entry records, in a few words.
fn describe(entry: &str) -> String {
    let e: serde_json::Value = serde_json::from_str(entry).unwrap_or_default();
    let text = |k: &str| e[k].as_str().unwrap_or("?").to_owned();
    match e["kind"].as_str() {
        Some(crate::domain::log_entry::REPLY_REVISION) => format!(
            "revision {} of {} in {}",
            e["revision"],
            text("member_state"),
            text("consultation_reference")
        ),
        Some(crate::domain::log_entry::DECISION) => format!(
            "the decision on {} in {}",
            text("draft"),
            text("consultation_reference")
        ),
        Some(_) => format!("the consultation {}", text("consultation_reference")),
        None => "an entry that is not JSON".to_owned(),
    }
}

fn compare(v: &mut Verification, what: &str, stored: &LogEntryRow, rebuilt: String) {
    if stored.entry != rebuilt {
        for d in crate::domain::log_entry::differences(&stored.entry, &rebuilt) {
            v.problems
                .push(format!("{what} (entry {}): {d}", stored.leaf_index));
        }
    }
}

/// The rows against their latest entries: each consultation, each revision
/// and each decision.
fn check_records(
    conn: &mut DbConnection,
    latest: &mut HashMap<String, LogEntryRow>,
    v: &mut Verification,
) -> ServiceResult<()> {
    use crate::domain::log_entry;
    use crate::domain::reply::{Position, Response};
    for (c, drafts) in store::consultations::list(conn)? {
        let what = format!("consultation {}", c.reference);
        match latest.remove(&c.id) {
            None => v.problems.push(format!("{what} is not in the log")),
            Some(row) => {
                let logged: Option<log_entry::ConsultationEntry> =
                    serde_json::from_str(&row.entry).ok();
                let (event, at, by) = logged.map(|e| (e.event, e.at, e.by)).unwrap_or_default();
                let rebuilt =
                    super::consultations::consultation_entry(&c, &drafts, &event, &at, &by);
                compare(v, &what, &row, canonical_entry(&rebuilt)?);
            }
        }
        let responses = store::replies::responses_of_consultation(conn, &c.id)?;
        let mut by_revision: HashMap<String, Vec<Response>> = HashMap::new();
        for r in responses {
            if let Some(position) = Position::parse(&r.row.position) {
                by_revision
                    .entry(r.row.revision_id.clone())
                    .or_default()
                    .push(Response {
                        position,
                        draft: r.draft_number,
                        reasons: r.row.reasons,
                        comments: r.row.comments,
                    });
            }
        }
        // Which revision is in force follows from the log alone: the last
        // one received in time (late ones never are).
        let mut in_force: HashMap<String, i32> = HashMap::new();
        for row in latest.values().filter(|r| {
            r.kind == log_entry::REPLY_REVISION && r.consultation_id.as_deref() == Some(&c.id)
        }) {
            if let Ok(e) = serde_json::from_str::<log_entry::RevisionEntry>(&row.entry) {
                if !e.late {
                    let n = in_force.entry(e.member_state).or_insert(0);
                    *n = (*n).max(e.revision);
                }
            }
        }
        let revisions = store::replies::revisions_of_consultation(conn, &c.id)?;
        for slot in store::replies::slots(conn, &c.id)? {
            let said = in_force.get(&slot.member_state).copied().unwrap_or(0);
            let id_of_said = revisions
                .iter()
                .find(|r| r.member_state == slot.member_state && r.revision == said)
                .map(|r| r.id.as_str());
            if slot.current_revision != said || slot.current_revision_id.as_deref() != id_of_said {
                v.problems.push(format!(
                    "the reply in force of {} in {} is revision {} in the database, revision {said} by the log",
                    slot.member_state, c.reference, slot.current_revision
                ));
            }
        }
        for rev in revisions {
            let what = format!(
                "revision {} of {} in {}",
                rev.revision, rev.member_state, c.reference
            );
            let Some(row) = latest.remove(&rev.id) else {
                v.problems.push(format!("{what} is not in the log"));
                continue;
            };
            // The reference as the entry gave it: a later change of the
            // consultation's reference does not rewrite its replies.
            let reference = serde_json::from_str::<log_entry::RevisionEntry>(&row.entry)
                .map(|e| e.consultation_reference)
                .unwrap_or_else(|_| c.reference.clone());
            let responses = by_revision.remove(&rev.id).unwrap_or_default();
            let rebuilt = super::replies::revision_entry(&reference, &rev, &responses);
            compare(v, &what, &row, canonical_entry(&rebuilt)?);
        }
        let (decisions, positions) = store::decisions::of_consultation(conn, &c.id)?;
        for (d, number) in decisions {
            let what = format!("the decision on {number} in {}", c.reference);
            let id = super::decisions::decision_record_id(&c.id, &d.draft_id);
            let Some(row) = latest.remove(&id) else {
                v.problems.push(format!("{what} is not in the log"));
                continue;
            };
            let reference = serde_json::from_str::<log_entry::DecisionEntry>(&row.entry)
                .map(|e| e.consultation_reference)
                .unwrap_or_else(|_| c.reference.clone());
            let mine: Vec<_> = positions
                .iter()
                .filter(|p| p.draft_id == d.draft_id)
                .cloned()
                .collect();
            let rebuilt = super::decisions::decision_entry(&reference, &number, &d, &mine);
            compare(v, &what, &row, canonical_entry(&rebuilt)?);
        }
    }
    // Entries whose rows are gone.
    let mut gone: Vec<&LogEntryRow> = latest.values().collect();
    gone.sort_by_key(|r| r.leaf_index);
    for row in gone {
        v.problems.push(format!(
            "entry {} records {} that the database no longer has",
            row.leaf_index,
            describe(&row.entry)
        ));
    }
    Ok(())
}

/// What the page "Verify a receipt" found.
#[derive(Debug, Clone, Serialize)]
pub struct ReceiptCheck {
    /// False when the text is not a receipt at all.
    pub readable: bool,
    /// Each check by name (`tlog::check_receipt`'s, then "still in the log"),
    /// and whether it holds.
    pub checks: Vec<(&'static str, bool)>,
    /// The entry, when every check holds.
    pub entry: Option<serde_json::Value>,
    /// The verifier key the receipt was checked against.
    pub key: String,
}

/// The name of the online check: the receipt's tree is a prefix of the
/// log's latest tree.
pub const STILL_IN_THE_LOG: &str = "still in the log";

/// Checks a receipt (a receipt file, or the `log` object of a reply's
/// answer) against `verifier_key` (this service's key when None), then
/// against this log as it stands: its latest checkpoint must extend the
/// receipt's. Anyone may ask; nothing is read but the log's public hashes.
pub fn check_receipt(
    conn: &mut DbConnection,
    key: &LogKey,
    text: &str,
    verifier_key: Option<&str>,
) -> ServiceResult<ReceiptCheck> {
    let verifier = verifier_key
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .unwrap_or(key.verifier_key())
        .to_owned();
    let receipt = serde_json::from_str::<tlog::ReceiptFile>(text)
        .map(|f| f.log)
        .or_else(|_| serde_json::from_str::<LogReceipt>(text));
    let Ok(receipt) = receipt else {
        return Ok(ReceiptCheck {
            readable: false,
            checks: Vec::new(),
            entry: None,
            key: verifier,
        });
    };
    let (checks, checkpoint) = tlog::check_receipt(&receipt, &verifier);
    let mut results: Vec<(&'static str, bool)> = checks
        .iter()
        .map(|c| (c.name, c.failure.is_none()))
        .collect();
    let offline = results.iter().all(|(_, ok)| *ok);
    if let (true, Some(old)) = (offline, checkpoint) {
        let n = size(conn)?;
        let still = if old.tree_size > n || old.tree_size == 0 {
            false
        } else {
            let latest = tlog::verify_checkpoint(&self::checkpoint(conn, key)?, &verifier);
            match latest {
                Ok(latest) => {
                    let proof = if latest.tree_size == old.tree_size {
                        Vec::new()
                    } else {
                        consistency(conn, old.tree_size, latest.tree_size)?.hashes
                    };
                    tlog::check_consistency(&proof, &old, &latest).is_ok()
                }
                Err(_) => false,
            }
        };
        results.push((STILL_IN_THE_LOG, still));
    }
    let holds = results.iter().all(|(_, ok)| *ok);
    Ok(ReceiptCheck {
        readable: true,
        entry: holds
            .then(|| serde_json::from_str(&receipt.entry).ok())
            .flatten(),
        checks: results,
        key: verifier,
    })
}

/// The checkpoint of a closed consultation: of the tree whose batch held its
/// last reply revision (its own last entry if it has no reply), which
/// covers every revision counted.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClosingCheckpoint {
    pub tree_size: u64,
    /// The signed note (C2SP tlog-checkpoint).
    pub checkpoint: String,
}

pub fn closing_checkpoint(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> ServiceResult<Option<ClosingCheckpoint>> {
    use crate::domain::log_entry::{CONSULTATION, REPLY_REVISION};
    // An entry about it still queued (a moment after its commit): the
    // closing tree is not known yet. Asked before the latest entry is read,
    // not after: the two reads are separate statements, and an append
    // between them would otherwise pass for the closing one an entry read
    // before it (the fault suite saw a closing checkpoint change); once the
    // queue is found empty after the seal, every entry is in the log.
    if store::log::any_queued_of_consultation(conn, consultation_id)? {
        return Ok(None);
    }
    let row = match store::log::latest_of_consultation(conn, consultation_id, REPLY_REVISION)? {
        Some(row) => Some(row),
        None => store::log::latest_of_consultation(conn, consultation_id, CONSULTATION)?,
    };
    row.map(|r| {
        Ok(ClosingCheckpoint {
            tree_size: checkpoint_size(&r)?,
            checkpoint: r.checkpoint,
        })
    })
    .transpose()
}

/// Every entry about a consultation, in log order, as JSON lines (each
/// line an entry's exact bytes): TSB staff, to publish them so that anyone
/// can recompute the tally and check each entry against the log.
pub fn consultation_entries(
    conn: &mut DbConnection,
    actor: &Actor,
    consultation_id: &str,
) -> ServiceResult<String> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    if store::consultations::find(conn, consultation_id)?.is_none() {
        return Err(ServiceError::consultation_not_found());
    }
    let mut out = String::new();
    for row in store::log::of_consultation(conn, consultation_id)? {
        out.push_str(&row.entry);
        out.push('\n');
    }
    Ok(out)
}

/// Appends what the database holds but the log does not (data stored before
/// the log began): each consultation as it stands, then the revisions in
/// the order they were entered, then the decisions; and any entry left
/// queued by a process that stopped between a commit and its append. Under
/// the log's lock, in one transaction, so instances starting together
/// append each record once. Returns how many entries it appended (none,
/// once done).
pub fn backfill(conn: &mut DbConnection, key: &LogKey, now: DateTime<Utc>) -> ServiceResult<usize> {
    use crate::domain::log_entry::{CONSULTATION, DECISION, REPLY_REVISION};
    use diesel::Connection;
    conn.transaction(|conn| {
        store::log::wait_for_turn(conn)?;
        store::log::lock_head(conn)?;
        let mut appended = 0;
        let logged: std::collections::HashSet<String> = store::log::record_ids(conn, CONSULTATION)?
            .into_iter()
            .collect();
        let consultations = store::consultations::list(conn)?;
        let references: HashMap<String, String> = consultations
            .iter()
            .map(|(c, _)| (c.id.clone(), c.reference.clone()))
            .collect();
        for (c, drafts) in &consultations {
            if logged.contains(&c.id) {
                continue;
            }
            let entry = super::consultations::consultation_entry(
                c,
                drafts,
                "created",
                &crate::domain::log_entry::instant(super::to_utc(c.created_at)),
                &c.created_by,
            );
            append(
                conn,
                now,
                NewEntry {
                    kind: CONSULTATION,
                    consultation_id: Some(&c.id),
                    member_state: None,
                    record_id: &c.id,
                    entry: &entry,
                },
            )?;
            appended += 1;
        }
        for rev in store::log::revisions_not_logged(conn)? {
            let responses = super::replies::responses_of(conn, &rev.id)?;
            let reference = references
                .get(&rev.consultation_id)
                .cloned()
                .unwrap_or_default();
            let entry = super::replies::revision_entry(&reference, &rev, &responses);
            append(
                conn,
                now,
                NewEntry {
                    kind: REPLY_REVISION,
                    consultation_id: Some(&rev.consultation_id),
                    member_state: Some(&rev.member_state),
                    record_id: &rev.id,
                    entry: &entry,
                },
            )?;
            appended += 1;
        }
        let logged: std::collections::HashSet<String> = store::log::record_ids(conn, DECISION)?
            .into_iter()
            .collect();
        for (c, _) in &consultations {
            let (decisions, positions) = store::decisions::of_consultation(conn, &c.id)?;
            for (d, number) in decisions {
                let id = super::decisions::decision_record_id(&c.id, &d.draft_id);
                if logged.contains(&id) {
                    continue;
                }
                let mine: Vec<_> = positions
                    .iter()
                    .filter(|p| p.draft_id == d.draft_id)
                    .cloned()
                    .collect();
                let entry = super::decisions::decision_entry(&c.reference, &number, &d, &mine);
                append(
                    conn,
                    now,
                    NewEntry {
                        kind: DECISION,
                        consultation_id: Some(&c.id),
                        member_state: None,
                        record_id: &id,
                        entry: &entry,
                    },
                )?;
                appended += 1;
            }
        }
        // With whatever a process that stopped between a commit and its
        // append left queued: all of it, so that start-up leaves nothing
        // queued (one turn takes at most `MAX_TAKES` batches).
        let mut left = 0;
        loop {
            let taken = append_queued(conn, key, now, None)?;
            if taken == 0 {
                break;
            }
            left += taken;
        }
        Ok(appended.max(left))
    })
}
