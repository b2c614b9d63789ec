//! The database's own limit, for `scripts/bench.sh`: durable single-row
//! commits, as fast as the database takes them, with the service's settings
//! (SQLite: WAL, `synchronous = FULL`, a file beside the service's; PostgreSQL:
//! one connection per worker, each INSERT its own transaction). Prints one
//! Markdown table row: label, connections, commits, seconds, commits/s.
//!
//! Usage: raw_commit DATABASE_URL CONNECTIONS SECONDS LABEL
//! (for SQLite, DATABASE_URL names the file to create for the measurement).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};

enum Db {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

impl Db {
    fn open(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Db::Pg(PgConnection::establish(url)?))
        } else {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            let mut c = SqliteConnection::establish(path)?;
            // The service's own settings (src/store/mod.rs).
            c.batch_execute(
                "PRAGMA busy_timeout = 15000; PRAGMA journal_mode = WAL; \
                 PRAGMA synchronous = FULL;",
            )?;
            Ok(Db::Sqlite(c))
        }
    }

    fn setup(&mut self) -> Result<(), diesel::result::Error> {
        match self {
            Db::Sqlite(c) => c.batch_execute(
                "CREATE TABLE IF NOT EXISTS raw_commit (id INTEGER PRIMARY KEY, at TEXT NOT NULL)",
            ),
            Db::Pg(c) => c.batch_execute(
                "DROP TABLE IF EXISTS raw_commit; \
                 CREATE TABLE raw_commit (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL)",
            ),
        }
    }

    /// One durable single-row transaction.
    fn commit_one(&mut self) -> Result<(), diesel::result::Error> {
        let insert =
            diesel::sql_query("INSERT INTO raw_commit (at) VALUES ('2024-08-21T21:59:00Z')");
        match self {
            // BEGIN IMMEDIATE, as the service's writers do: no upgrade deadlock.
            Db::Sqlite(c) => c.immediate_transaction(|c| insert.execute(c)).map(|_| ()),
            Db::Pg(c) => insert.execute(c).map(|_| ()),
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, connections, seconds, label] = args.as_slice() else {
        return Err("usage: raw_commit DATABASE_URL CONNECTIONS SECONDS LABEL".into());
    };
    let connections: usize = connections.parse()?;
    let seconds: f64 = seconds.parse()?;
    Db::open(url)?.setup()?;
    let commits = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut dbs = Vec::with_capacity(connections);
    for _ in 0..connections {
        dbs.push(Db::open(url)?);
    }
    let started = Instant::now();
    let workers: Vec<_> = dbs
        .into_iter()
        .map(|mut db| {
            let (commits, stop) = (commits.clone(), stop.clone());
            std::thread::spawn(move || -> Result<(), diesel::result::Error> {
                while !stop.load(Ordering::Relaxed) {
                    db.commit_one()?;
                    commits.fetch_add(1, Ordering::Relaxed);
                }
                Ok(())
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs_f64(seconds));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().map_err(|_| "a worker panicked")??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let n = commits.load(Ordering::Relaxed);
    println!(
        "| {label} | {connections} | {n} | {elapsed:.1} | {:.0} |",
        n as f64 / elapsed
    );
    Ok(())
}
