//! The verifiable log's rows: its entries and its head (see
//! the `tlog` module for the tree).

use diesel::prelude::*;

use super::models::{LogEntryRow, NewQueuedEntry, QueuedEntry};
use super::schema::{log_entries, log_head, log_queue};
use super::DbConnection;

/// The key of PostgreSQL's advisory lock taken by the start-up's backfill
/// ("tapballo") before the head's, so that instances starting together
/// wait there without writing. Appends after commits take the head's lock
/// alone (`lock_head`), rolling back a turn that finds nothing.
const APPEND_TURN: i64 = 0x7461_7062_616c_6c6f;

/// Waits for the turn to append queued entries, held until the transaction
/// ends. PostgreSQL: the advisory lock. SQLite: the database's write lock,
/// taken by a write before any read (as `lock_head` does).
pub fn wait_for_turn(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(pg) => {
            diesel::sql_query(format!("SELECT pg_advisory_xact_lock({APPEND_TURN})"))
                .execute(pg)?;
        }
        DbConnection::Sqlite(_) => {
            diesel::update(log_head::table.find(1))
                .set(log_head::tree_size.eq(log_head::tree_size))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Stores an entry with what it records, in that transaction: as a row of
/// `log_queue`, or, in a SQLite writer group (`GroupQueue`), in the group's
/// memory, appended before the group commits.
pub fn queue(conn: &mut DbConnection, entry: NewQueuedEntry) -> QueryResult<()> {
    let entry = GROUP.with(|group| match group.borrow_mut().as_mut() {
        Some(kept) => {
            kept.push(entry);
            None
        }
        None => Some(entry),
    });
    if let Some(entry) = entry {
        diesel::insert_into(log_queue::table)
            .values(&entry)
            .execute(conn)?;
        queued_here();
    }
    Ok(())
}

/// Notes that this thread wrote to `log_queue` (in a statement of its own
/// making, such as `replies::append_revision`'s).
pub(super) fn queued_here() {
    QUEUED_HERE.with(|queued| queued.set(true));
}

/// Whether this thread wrote to `log_queue` since the last call (which
/// resets it): so that a write that queued nothing waits for no append.
pub fn take_queued_here() -> bool {
    QUEUED_HERE.with(|queued| queued.replace(false))
}

thread_local! {
    /// Whether this thread wrote to `log_queue` (`take_queued_here`).
    static QUEUED_HERE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The entries of the writer group being run on this thread, if any.
    static GROUP: std::cell::RefCell<Option<Vec<NewQueuedEntry>>> =
        const { std::cell::RefCell::new(None) };
}

/// The entries queued by the requests of one SQLite writer group, kept in
/// memory on the writer's thread rather than written to `log_queue` and
/// read back and deleted in the same transaction: the group's end appends
/// them (`take`) before it commits. They follow the requests' savepoints:
/// the writer undoes a refused request's entries (`mark`, `undo_to`), and a
/// group that does not commit drops them all with this guard. Entries left
/// by other processes still come through `log_queue`.
pub struct GroupQueue(());

impl GroupQueue {
    /// Entries queued on this thread are kept in memory until the guard drops.
    pub fn begin() -> GroupQueue {
        GROUP.with(|group| *group.borrow_mut() = Some(Vec::new()));
        GroupQueue(())
    }

    /// How many entries are kept on this thread, before a request runs.
    pub fn mark() -> usize {
        GROUP.with(|group| group.borrow().as_ref().map_or(0, Vec::len))
    }

    /// Forgets the entries kept since `mark`: their request was refused
    /// and its savepoint rolled back.
    pub fn undo_to(mark: usize) {
        GROUP.with(|group| {
            if let Some(kept) = group.borrow_mut().as_mut() {
                kept.truncate(mark);
            }
        });
    }

    /// The entries kept on this thread (none outside a group), in the order
    /// they were queued, leaving none.
    pub fn take() -> Vec<NewQueuedEntry> {
        GROUP.with(|group| {
            group
                .borrow_mut()
                .as_mut()
                .map(std::mem::take)
                .unwrap_or_default()
        })
    }
}

impl Drop for GroupQueue {
    fn drop(&mut self) {
        GROUP.with(|group| *group.borrow_mut() = None);
    }
}

/// The queued entries, oldest first, at most `limit`.
pub fn queued(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<QueuedEntry>> {
    log_queue::table
        .order(log_queue::id)
        .limit(limit)
        .select(QueuedEntry::as_select())
        .load(conn)
}

/// Whether any entry waits for its place in the tree.
pub fn any_queued(conn: &mut DbConnection) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(log_queue::table.select(log_queue::id))).get_result(conn)
}

/// Whether an entry about this consultation waits for its place.
pub fn any_queued_of_consultation(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        log_queue::table.filter(log_queue::consultation_id.eq(consultation_id)),
    ))
    .get_result(conn)
}

/// Takes the log's lock and reads its head: the tree size and the hashes of
/// its right edge. PostgreSQL: the head row `FOR UPDATE`, held to the commit,
/// so that appends of all instances queue here and the log never forks.
/// SQLite: a write to the head first, so that the transaction holds the
/// database's write lock before it reads (a read first could see a snapshot
/// another process has moved past).
pub fn lock_head(conn: &mut DbConnection) -> QueryResult<(i64, Vec<u8>)> {
    let head = log_head::table.find(1);
    if let DbConnection::Postgres(pg) = conn {
        return head
            .select((log_head::tree_size, log_head::frontier))
            .for_update()
            .first(pg);
    }
    diesel::update(head)
        .set(log_head::tree_size.eq(log_head::tree_size))
        .execute(conn)?;
    head.select((log_head::tree_size, log_head::frontier))
        .first(conn)
}

/// The head as last committed, without a lock.
pub fn head(conn: &mut DbConnection) -> QueryResult<(i64, Vec<u8>)> {
    log_head::table
        .find(1)
        .select((log_head::tree_size, log_head::frontier))
        .first(conn)
}

/// Takes the oldest queued entries, at most `limit`, out of the queue, in
/// queue order: appended in the same transaction, under `lock_head`, they
/// leave it only if that commits. PostgreSQL: one `DELETE … RETURNING`.
pub fn take_queued(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<QueuedEntry>> {
    if let DbConnection::Postgres(pg) = conn {
        let mut taken: Vec<QueuedEntry> = diesel::sql_query(
            "DELETE FROM log_queue WHERE id IN \
             (SELECT id FROM log_queue ORDER BY id LIMIT $1) \
             RETURNING id, kind, consultation_id, member_state, record_id, entry, queued_at",
        )
        .bind::<diesel::sql_types::BigInt, _>(limit)
        .load(pg)?;
        // RETURNING keeps no order.
        taken.sort_by_key(|q| q.id);
        return Ok(taken);
    }
    let taken = queued(conn, limit)?;
    let ids: Vec<i64> = taken.iter().map(|q| q.id).collect();
    for chunk in ids.chunks(1000) {
        diesel::delete(log_queue::table.filter(log_queue::id.eq_any(chunk))).execute(conn)?;
    }
    Ok(taken)
}

/// Stores appended entries, under `lock_head`.
pub fn append(conn: &mut DbConnection, rows: &[LogEntryRow]) -> QueryResult<()> {
    match conn {
        // One statement per chunk: one round trip, under the lock.
        DbConnection::Postgres(pg) => {
            for chunk in rows.chunks(500) {
                diesel::insert_into(log_entries::table)
                    .values(chunk)
                    .execute(pg)?;
            }
        }
        // In process: a statement per row costs little (on SQLite's own
        // connection: `on_backend!` says why).
        DbConnection::Sqlite(sqlite) => {
            for row in rows {
                diesel::insert_into(log_entries::table)
                    .values(row)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// Moves the head to the tree the appended entries make, under `lock_head`.
pub fn set_head(conn: &mut DbConnection, tree_size: i64, frontier: &[u8]) -> QueryResult<()> {
    diesel::update(log_head::table.find(1))
        .set((
            log_head::tree_size.eq(tree_size),
            log_head::frontier.eq(frontier),
        ))
        .execute(conn)?;
    Ok(())
}

/// The stored hashes of these entries, by leaf index.
pub fn hashes(conn: &mut DbConnection, leaf_indexes: &[i64]) -> QueryResult<Vec<(i64, Vec<u8>)>> {
    log_entries::table
        .filter(log_entries::leaf_index.eq_any(leaf_indexes))
        .select((log_entries::leaf_index, log_entries::hashes))
        .load(conn)
}

pub fn entry(conn: &mut DbConnection, leaf_index: i64) -> QueryResult<Option<LogEntryRow>> {
    log_entries::table
        .find(leaf_index)
        .select(LogEntryRow::as_select())
        .first(conn)
        .optional()
}

/// The latest entry recording this row (a revision, consultation or decision).
pub fn latest_of_record(
    conn: &mut DbConnection,
    record_id: &str,
) -> QueryResult<Option<LogEntryRow>> {
    log_entries::table
        .filter(log_entries::record_id.eq(record_id))
        .order(log_entries::leaf_index.desc())
        .select(LogEntryRow::as_select())
        .first(conn)
        .optional()
}

/// The entries about one consultation, in log order.
pub fn of_consultation(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<LogEntryRow>> {
    log_entries::table
        .filter(log_entries::consultation_id.eq(consultation_id))
        .order(log_entries::leaf_index)
        .select(LogEntryRow::as_select())
        .load(conn)
}

/// Entries from `from`, at most `limit`, in log order.
pub fn page(conn: &mut DbConnection, from: i64, limit: i64) -> QueryResult<Vec<LogEntryRow>> {
    log_entries::table
        .filter(log_entries::leaf_index.ge(from))
        .order(log_entries::leaf_index)
        .limit(limit)
        .select(LogEntryRow::as_select())
        .load(conn)
}

/// How many entries are stored (the tree's size, if none is missing).
pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    log_entries::table.count().get_result(conn)
}

/// The latest entry about a consultation, of one kind.
pub fn latest_of_consultation(
    conn: &mut DbConnection,
    consultation_id: &str,
    kind: &str,
) -> QueryResult<Option<LogEntryRow>> {
    log_entries::table
        .filter(log_entries::consultation_id.eq(consultation_id))
        .filter(log_entries::kind.eq(kind))
        .order(log_entries::leaf_index.desc())
        .select(LogEntryRow::as_select())
        .first(conn)
        .optional()
}

/// Every record id in the log of one kind (consultations and decisions are
/// few; for the start-up's backfill).
pub fn record_ids(conn: &mut DbConnection, kind: &str) -> QueryResult<Vec<String>> {
    let mut ids: Vec<String> = log_entries::table
        .filter(log_entries::kind.eq(kind))
        .select(log_entries::record_id)
        .distinct()
        .load(conn)?;
    ids.extend(
        log_queue::table
            .filter(log_queue::kind.eq(kind))
            .select(log_queue::record_id)
            .load::<String>(conn)?,
    );
    Ok(ids)
}

/// Whether an entry recording this row waits for its place in the tree.
pub fn record_queued(conn: &mut DbConnection, record_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        log_queue::table.filter(log_queue::record_id.eq(record_id)),
    ))
    .get_result(conn)
}

/// The revisions that no entry records (stored before the log began), in
/// the order they were entered.
pub fn revisions_not_logged(
    conn: &mut DbConnection,
) -> QueryResult<Vec<super::models::RevisionRow>> {
    use super::schema::reply_revisions;
    // The queue by an anti-join, not a correlated NOT EXISTS: `log_queue`
    // has no index on `record_id`, so SQLite would read the whole queue for
    // each revision (start-up after a stop that left a large queue did not
    // end); nor NOT IN, which PostgreSQL runs per row once the queue
    // outgrows its hash memory. As a join, SQLite indexes the queue for the
    // query and PostgreSQL hashes it (`tests/api/query_plans.rs`).
    reply_revisions::table
        .left_join(log_queue::table.on(log_queue::record_id.eq(reply_revisions::id)))
        .filter(log_queue::id.nullable().is_null())
        .filter(diesel::dsl::not(diesel::dsl::exists(
            log_entries::table.filter(log_entries::record_id.eq(reply_revisions::id)),
        )))
        .order((reply_revisions::entered_at, reply_revisions::revision))
        .select(super::models::RevisionRow::as_select())
        .load(conn)
}
