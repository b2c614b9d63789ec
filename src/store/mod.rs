//! Persistence: one diesel connection type over SQLite and PostgreSQL, the pool,
//! the embedded migrations, and the queries of each aggregate. Knows nothing of
//! HTTP, pages or mail.

pub mod audit;
pub mod backup;
pub mod consultations;
pub mod decisions;
pub mod emails;
mod health;
pub mod log;
pub mod member_states;
pub mod models;
pub mod replies;
pub mod schema;
pub mod settings;
pub mod space;
mod sqlite_global;
pub mod users;

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};

use diesel::connection::SimpleConnection;
use diesel::r2d2::{
    CustomizeConnection, HandleError, ManageConnection, Pool, PooledConnection, R2D2Connection,
};
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

/// Runs `$body` with `$c` bound to the backend's own connection, the body
/// compiled once for each backend. Diesel's `MultiConnection` builds a
/// query's whole SQL text at every execution, for each of its passes (is it
/// cacheable, its text, its binds), even when the prepared statement is
/// cached: a fifth of SQLite's writer time went to it. Used on the paths
/// every reply takes (`docs/architecture.md`); elsewhere the cost does not
/// count and one generic body is kept.
macro_rules! on_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::store::DbConnection::Sqlite($c) => $body,
            $crate::store::DbConnection::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_backend;

/// A value bound to a `KeptSql` statement.
pub enum Bind<'a> {
    Text(&'a str),
    OptionalText(Option<&'a str>),
    Integer(i32),
    Timestamp(&'a chrono::NaiveDateTime),
    OptionalTimestamp(Option<&'a chrono::NaiveDateTime>),
    OptionalBlob(Option<&'a [u8]>),
}

/// What a `KeptSql` statement says around its bound values.
pub enum KeptText {
    /// `parts` surround the values: one more part than values.
    Parts(&'static [&'static str]),
    /// `INSERT INTO table (columns) VALUES (?, …)`: one value per column.
    Insert {
        table: &'static str,
        columns: &'static [&'static str],
    },
}

/// A statement written out, kept prepared for the connection's life, and
/// found again by its type alone. Diesel prepares every UPDATE and every
/// `sql_query` again at each execution (it marks them unsafe to cache, since
/// their text may vary, and no wrapper can lift that: the mark is made while
/// the statement is walked); and it finds a cached INSERT by its text, built
/// again at each execution, and keeps none whose text varies with the fields
/// that are None. On SQLite that is a prepare per execution; on PostgreSQL
/// a parse, analysis and plan in the server per execution (a tenth of its
/// time per reply: docs/benchmarks.md). For the statements every reply runs,
/// whose text is fixed. `Q` names the statement in diesel's cache: made by
/// `kept_sql!`, one type per place in the code, so that two texts never
/// share one.
pub struct KeptSql<'a, Q> {
    pub text: KeptText,
    pub binds: &'a [Bind<'a>],
    pub statement: std::marker::PhantomData<Q>,
}

/// `kept_sql!(parts: [...], binds)` or `kept_sql!(insert: table, [columns], binds)`:
/// a `KeptSql` whose type names this place in the code.
macro_rules! kept_sql {
    (parts: $parts:expr, $binds:expr) => {
        $crate::store::kept_sql!(@ $crate::store::KeptText::Parts($parts), $binds)
    };
    (insert: $table:expr, $columns:expr, $binds:expr) => {
        $crate::store::kept_sql!(@ $crate::store::KeptText::Insert { table: $table, columns: $columns }, $binds)
    };
    (@ $text:expr, $binds:expr) => {{
        enum Statement {}
        $crate::store::KeptSql::<Statement> {
            text: $text,
            binds: $binds,
            statement: std::marker::PhantomData,
        }
    }};
}
pub(crate) use kept_sql;

/// Writes a kept statement's text and binds: the same for both backends
/// (diesel writes each bound value's placeholder: `?` on SQLite, `$1`… on
/// PostgreSQL).
pub(crate) trait WalkKept<DB: diesel::backend::Backend> {
    fn walk<'b>(
        &self,
        binds: &'b [Bind<'_>],
        out: &mut diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()>;
}

macro_rules! kept_sql_for {
    ($backend:ty) => {
        impl WalkKept<$backend> for KeptText {
            fn walk<'b>(
                &self,
                binds: &'b [Bind<'_>],
                out: &mut diesel::query_builder::AstPass<'_, 'b, $backend>,
            ) -> diesel::QueryResult<()> {
                use diesel::sql_types::{Binary, Integer, Nullable, Text, Timestamp};
                let bind = |out: &mut diesel::query_builder::AstPass<'_, 'b, $backend>,
                            value: &'b Bind<'_>| match value {
                    Bind::Text(v) => out.push_bind_param::<Text, _>(*v),
                    Bind::OptionalText(v) => out.push_bind_param::<Nullable<Text>, _>(v),
                    Bind::Integer(v) => out.push_bind_param::<Integer, _>(v),
                    Bind::Timestamp(v) => out.push_bind_param::<Timestamp, _>(*v),
                    Bind::OptionalTimestamp(v) => out.push_bind_param::<Nullable<Timestamp>, _>(v),
                    Bind::OptionalBlob(v) => out.push_bind_param::<Nullable<Binary>, _>(v),
                };
                match self {
                    KeptText::Parts(parts) => {
                        debug_assert_eq!(parts.len(), binds.len() + 1);
                        for (i, part) in parts.iter().enumerate() {
                            out.push_sql(part);
                            if let Some(value) = binds.get(i) {
                                bind(out, value)?;
                            }
                        }
                    }
                    // A row per `columns.len()` values.
                    KeptText::Insert { table, columns } => {
                        debug_assert_eq!(binds.len() % columns.len(), 0);
                        out.push_sql("INSERT INTO ");
                        out.push_sql(table);
                        for (i, column) in columns.iter().enumerate() {
                            out.push_sql(if i == 0 { " (" } else { ", " });
                            out.push_sql(column);
                        }
                        out.push_sql(") VALUES ");
                        for (r, row) in binds.chunks(columns.len()).enumerate() {
                            out.push_sql(if r == 0 { "(" } else { ", (" });
                            for (i, value) in row.iter().enumerate() {
                                if i > 0 {
                                    out.push_sql(", ");
                                }
                                bind(out, value)?;
                            }
                            out.push_sql(")");
                        }
                    }
                }
                Ok(())
            }
        }

        impl<Q> diesel::query_builder::QueryFragment<$backend> for KeptSql<'_, Q> {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, $backend>,
            ) -> diesel::QueryResult<()> {
                // One text per type: an INSERT of one row only.
                if let KeptText::Insert { columns, .. } = &self.text {
                    debug_assert_eq!(columns.len(), self.binds.len());
                }
                self.text.walk(self.binds, &mut out)
            }
        }

        impl diesel::query_builder::QueryFragment<$backend> for KeptRows<'_> {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, $backend>,
            ) -> diesel::QueryResult<()> {
                let text = KeptText::Insert {
                    table: self.table,
                    columns: self.columns,
                };
                text.walk(self.binds, &mut out)
            }
        }
    };
}
kept_sql_for!(diesel::sqlite::Sqlite);
kept_sql_for!(diesel::pg::Pg);

/// `INSERT INTO table (columns) VALUES (…), (…), …`: several rows in one
/// statement, a row per `columns.len()` values. Its text varies with the
/// number of rows, so diesel finds it kept prepared by its text (one per
/// number of rows), unlike its own multi-row INSERT, which it never keeps
/// when a value may be None (`KeptSql` says why).
pub struct KeptRows<'a> {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub binds: &'a [Bind<'a>],
}

impl diesel::query_builder::QueryId for KeptRows<'_> {
    // Found by its text, which varies with the number of rows.
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Conn> RunQueryDsl<Conn> for KeptRows<'_> {}

impl<Q: 'static> diesel::query_builder::QueryId for KeptSql<'_, Q> {
    // The statement's own type: diesel finds it by type, without its text.
    type QueryId = Q;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<Conn, Q> RunQueryDsl<Conn> for KeptSql<'_, Q> {}

pub type DbPool = Pool<DbManager>;
pub type PooledDb = PooledConnection<DbManager>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Opens connections for the pool, for the backend the URL names. Diesel's
/// own manager for a `MultiConnection` tries each backend in turn and, when
/// all fail, reports only "Invalid connection url for multiconnection",
/// dropping the real reason (e.g. "connection refused" while PostgreSQL is
/// down); this one reports the backend's own error.
#[derive(Debug, Clone)]
pub struct DbManager {
    url: String,
    backend: Backend,
}

impl DbManager {
    pub fn new(database_url: &str) -> Result<Self, StoreError> {
        let backend = if database_url.starts_with("sqlite://") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        Ok(DbManager {
            url: diesel_url(database_url)?,
            backend,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    fn establish(&self) -> Result<DbConnection, diesel::ConnectionError> {
        let mut conn = match self.backend {
            Backend::Sqlite => SqliteConnection::establish(&self.url).map(DbConnection::Sqlite),
            Backend::Postgres => PgConnection::establish(&self.url).map(DbConnection::Postgres),
        }?;
        conn.set_instrumentation(health::Health::default());
        Ok(conn)
    }
}

impl ManageConnection for DbManager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.establish()
            .map_err(diesel::r2d2::Error::ConnectionError)
    }

    /// Tests the connection unless it answered a moment ago (`health`).
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        if health_of(conn).is_some_and(|h| h.trusted(std::time::Instant::now())) {
            return Ok(());
        }
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || conn.is_broken() || health_of(conn).is_some_and(|h| h.closed())
    }
}

fn health_of(conn: &mut DbConnection) -> Option<&health::Health> {
    conn.instrumentation().downcast_ref::<health::Health>()
}

/// Logs why a connection could not be opened, with the backend's own words
/// (libpq's messages name the host and port, never the password).
#[derive(Debug, Clone, Copy)]
struct LogConnectionErrors;

impl HandleError<diesel::r2d2::Error> for LogConnectionErrors {
    fn handle_error(&self, error: diesel::r2d2::Error) {
        tracing::error!(error = %error, "cannot open a database connection");
    }
}

/// A database fault, as opposed to a refused or mistaken request: the
/// client may retry later; nothing was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Unreachable, shutting down, restarting, busy, or an I/O failure.
    Unavailable,
    /// The disk is full.
    StorageFull,
}

/// Tells a database fault from a bug. Diesel does not expose PostgreSQL's
/// SQLSTATE, so the servers' (English) messages are matched; a connection
/// that died mid-transaction also shows as a broken transaction manager.
pub fn fault_of(e: &diesel::result::Error) -> Option<Fault> {
    use diesel::result::{DatabaseErrorKind, Error};
    const FULL: &[&str] = &[
        "database or disk is full",
        "no space left on device",
        "could not extend file",
        "disk full",
    ];
    const UNAVAILABLE: &[&str] = &[
        // SQLite
        "database is locked",
        "database table is locked",
        "disk i/o error",
        "unable to open database",
        "readonly database",
        "database disk image is malformed",
        // PostgreSQL and libpq
        "terminating connection",
        "server closed the connection",
        "connection to server",
        "could not connect",
        "no connection to the server",
        "the database system is",
        "could not receive data",
        "could not send data",
        "lost synchronization",
        "connection reset",
        "broken pipe",
        "ssl syscall",
        "ssl error",
        "too many connections",
        "remaining connection slots",
        "canceling statement due to",
        "deadlock detected",
        "could not serialize",
        "out of memory",
        "could not write",
        "could not fsync",
        "could not open file",
    ];
    match e {
        Error::DatabaseError(
            DatabaseErrorKind::SerializationFailure
            | DatabaseErrorKind::ClosedConnection
            | DatabaseErrorKind::ReadOnlyTransaction,
            _,
        ) => Some(Fault::Unavailable),
        Error::DatabaseError(_, info) => {
            let message = info.message().to_lowercase();
            if FULL.iter().any(|m| message.contains(m)) {
                Some(Fault::StorageFull)
            } else if UNAVAILABLE.iter().any(|m| message.contains(m)) {
                Some(Fault::Unavailable)
            } else {
                None
            }
        }
        Error::BrokenTransactionManager | Error::AlreadyInTransaction => Some(Fault::Unavailable),
        Error::RollbackErrorOnCommit { commit_error, .. } => {
            Some(fault_of(commit_error).unwrap_or(Fault::Unavailable))
        }
        Error::RollbackTransaction => Some(Fault::Unavailable),
        _ => None,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database URL must start with sqlite:// or postgres://")]
    UnsupportedUrl,
    #[error("cannot open the database: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("cannot connect to the database: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migrations failed: {0}")]
    Migration(String),
}

/// Diesel wants a bare path for SQLite; the settings use `sqlite://PATH`.
pub fn diesel_url(database_url: &str) -> Result<String, StoreError> {
    if let Some(path) = database_url.strip_prefix("sqlite://") {
        sqlite_global::configure();
        Ok(path.to_owned())
    } else if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        init_openssl();
        Ok(database_url.to_owned())
    } else {
        Err(StoreError::UnsupportedUrl)
    }
}

/// Initialises OpenSSL without its exit-time cleanup; call it before libpq
/// opens its first connection (every URL passes `diesel_url`, which does).
///
/// libpq initialises OpenSSL with the defaults, which register a cleanup that
/// runs at process exit while pool threads may still be using their TLS
/// connections: the process then crashes on its way out ("free(): invalid
/// pointer", SIGSEGV) after a clean shutdown. OpenSSL keeps the options of
/// its first initialisation, so initialising it first, as rust-openssl does
/// (without the exit handler), settles it.
pub fn init_openssl() {
    openssl_sys::init();
}

/// Every SQLite connection: write-ahead log so readers never block the writer,
/// foreign keys enforced, a wait instead of "database is locked", and full
/// fsync so that an acknowledged reply survives a power cut; the WAL file
/// cut back to `space::WAL_KEPT_BYTES` when it starts afresh (the writer
/// keeps its length while space is plentiful, see `writer`).
/// `read_only`: the connection refuses every change (`query_only`), so a
/// read that would write fails loudly instead of competing with the writer.
#[derive(Debug, Clone, Copy)]
struct ConnectionSetup {
    read_only: bool,
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(c) = conn {
            c.batch_execute(&format!(
                "PRAGMA busy_timeout = 15000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; {};",
                space::wal_size_limit(true)
            ))
            .map_err(diesel::r2d2::Error::QueryError)?;
            if self.read_only {
                c.batch_execute("PRAGMA query_only = ON;")
                    .map_err(diesel::r2d2::Error::QueryError)?;
            }
        }
        Ok(())
    }
}

/// How long a request waits for a pooled connection before it is answered
/// 503 (the database is down, or every connection is busy).
const POOL_WAIT: Duration = Duration::from_secs(10);

pub fn build_pool(database_url: &str, max_size: u32) -> Result<DbPool, StoreError> {
    pool_of(database_url, max_size, false)
}

/// On SQLite, a pool of read-only connections for the use cases that only
/// read (the writes go to `writer::Writer`); on PostgreSQL, None: reads and
/// writes share one pool there.
pub fn build_read_pool(database_url: &str, max_size: u32) -> Result<Option<DbPool>, StoreError> {
    if DbManager::new(database_url)?.backend != Backend::Sqlite {
        return Ok(None);
    }
    pool_of(database_url, max_size, true).map(Some)
}

fn pool_of(database_url: &str, max_size: u32, read_only: bool) -> Result<DbPool, StoreError> {
    let manager = DbManager::new(database_url)?;
    if manager.backend == Backend::Sqlite {
        // The journal mode is kept in the file; setting it once, before the pool
        // opens connections in parallel, avoids them racing to change it.
        SqliteConnection::establish(&manager.url)?
            .batch_execute("PRAGMA busy_timeout = 15000; PRAGMA journal_mode = WAL;")?;
    }
    Ok(Pool::builder()
        .max_size(max_size)
        .connection_timeout(POOL_WAIT)
        .connection_customizer(Box::new(ConnectionSetup { read_only }))
        .error_handler(Box::new(LogConnectionErrors))
        .build(manager)?)
}

/// Opens a single connection (for the command line), with the same setup as the pool.
pub fn connect(database_url: &str) -> Result<DbConnection, StoreError> {
    let mut conn = DbManager::new(database_url)?.establish()?;
    ConnectionSetup { read_only: false }
        .on_acquire(&mut conn)
        .map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok(conn)
}

/// Deletes every consultation, reply, email, audit event and user, keeping
/// the Member States and the service's settings: a fresh start for the
/// demo. One transaction, children before parents.
pub fn clear_data(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    conn.transaction(|conn| {
        diesel::delete(schema::decision_positions::table).execute(conn)?;
        diesel::delete(schema::decisions::table).execute(conn)?;
        diesel::delete(schema::reply_responses::table).execute(conn)?;
        // The slots name their current revision: unlink them first.
        diesel::update(schema::replies::table)
            .set(diesel::ExpressionMethods::eq(
                schema::replies::current_revision_id,
                None::<String>,
            ))
            .execute(conn)?;
        diesel::delete(schema::reply_revisions::table).execute(conn)?;
        diesel::delete(schema::replies::table).execute(conn)?;
        diesel::delete(schema::drafts::table).execute(conn)?;
        diesel::delete(schema::consultation_notices::table).execute(conn)?;
        diesel::delete(schema::emails::table).execute(conn)?;
        diesel::delete(schema::email_contexts::table).execute(conn)?;
        diesel::delete(schema::consultations::table).execute(conn)?;
        diesel::delete(schema::audit_events::table).execute(conn)?;
        diesel::delete(schema::password_tokens::table).execute(conn)?;
        diesel::delete(schema::sign_in_failures::table).execute(conn)?;
        diesel::delete(schema::users::table).execute(conn)?;
        // The demo's log goes with the data it recorded: a new log.
        diesel::delete(schema::log_entries::table).execute(conn)?;
        diesel::delete(schema::log_queue::table).execute(conn)?;
        diesel::update(schema::log_head::table)
            .set((
                diesel::ExpressionMethods::eq(schema::log_head::tree_size, 0_i64),
                diesel::ExpressionMethods::eq(schema::log_head::frontier, Vec::<u8>::new()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Runs pending migrations, then makes sure reference data is present.
/// On PostgreSQL an advisory lock lets several instances start at once.
pub fn migrate(conn: &mut DbConnection) -> Result<(), StoreError> {
    const LOCK: i64 = 0x0074_6170_6261_6c6c; // "tapball"
    match conn {
        DbConnection::Sqlite(c) => {
            c.run_pending_migrations(SQLITE_MIGRATIONS)
                .map_err(|e| StoreError::Migration(e.to_string()))?;
        }
        DbConnection::Postgres(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({LOCK})")).execute(c)?;
            let result = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|_| ())
                .map_err(|e| StoreError::Migration(e.to_string()));
            diesel::sql_query(format!("SELECT pg_advisory_unlock({LOCK})")).execute(c)?;
            result?;
        }
    }
    member_states::seed(conn)?;
    Ok(())
}

/// Instants are stored as UTC without zone (`TIMESTAMP`), to the microsecond.
pub fn to_naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub fn to_utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Ids are UUIDv7 made by the application: time-ordered, and no `RETURNING`
/// needed (MultiConnection lacks it).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Whether an error is a unique-constraint violation (a lost race, not a fault).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}
