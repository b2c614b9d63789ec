//! Persistence: one diesel connection type over SQLite and PostgreSQL, the pool,
//! the embedded migrations, and the queries of each aggregate. Knows nothing of
//! HTTP, pages or mail.

pub mod audit;
pub mod consultations;
pub mod emails;
pub mod member_states;
pub mod models;
pub mod replies;
pub mod schema;
pub mod settings;
pub mod users;

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;
pub type PooledDb = PooledConnection<ConnectionManager<DbConnection>>;

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
/// fsync so that an acknowledged reply survives a power cut.
#[derive(Debug, Clone, Copy)]
struct ConnectionSetup;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(c) = conn {
            c.batch_execute(
                "PRAGMA busy_timeout = 15000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

pub fn build_pool(database_url: &str, max_size: u32) -> Result<DbPool, StoreError> {
    let url = diesel_url(database_url)?;
    if database_url.starts_with("sqlite://") {
        // The journal mode is kept in the file; setting it once, before the pool
        // opens connections in parallel, avoids them racing to change it.
        SqliteConnection::establish(&url)?
            .batch_execute("PRAGMA busy_timeout = 15000; PRAGMA journal_mode = WAL;")?;
    }
    let manager = ConnectionManager::<DbConnection>::new(url);
    Ok(Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ConnectionSetup))
        .build(manager)?)
}

/// Opens a single connection (for the command line), with the same setup as the pool.
pub fn connect(database_url: &str) -> Result<DbConnection, StoreError> {
    let mut conn = DbConnection::establish(&diesel_url(database_url)?)?;
    ConnectionSetup
        .on_acquire(&mut conn)
        .map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok(conn)
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
