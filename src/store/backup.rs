//! A consistent copy of a SQLite database while the service runs
//! (`tapballot backup FILE`), checked before it is kept.

use std::path::{Path, PathBuf};

use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};

use super::{DbConnection, StoreError};

/// What a copy holds, as read back from the copy itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub bytes: u64,
    pub consultations: i64,
    pub revisions: i64,
    pub log_entries: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} exists: a backup never overwrites a file; choose a new name")]
    Exists(PathBuf),
    #[error("PostgreSQL is backed up with its own tools: pg_dump --format=custom --file=FILE DATABASE (see docs/operations.md)")]
    Postgres,
    #[error("the copy failed its check ({0}); it was removed")]
    Check(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Copies the database to `to` with `VACUUM INTO`: one read transaction,
/// so the copy is the database at one moment, whatever commits meanwhile
/// (in WAL mode writers go on). Written beside `to` under a temporary name,
/// checked (`PRAGMA integrity_check`, then read), made durable, and only
/// then renamed to `to`: a failed or interrupted backup leaves no file that
/// looks like one.
pub fn sqlite(conn: &mut DbConnection, to: &Path) -> Result<Copied, BackupError> {
    if matches!(conn, DbConnection::Postgres(_)) {
        return Err(BackupError::Postgres);
    }
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    let dir = match to.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".to_owned());
    let partial = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let result = copy_and_check(conn, &partial, &dir, to);
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn copy_and_check(
    conn: &mut DbConnection,
    partial: &Path,
    dir: &Path,
    to: &Path,
) -> Result<Copied, BackupError> {
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(partial.to_string_lossy())
        .execute(conn)
        .map_err(StoreError::from)?;
    let copied = check(partial)?;
    std::fs::File::open(partial)?.sync_all()?;
    // Refused if `to` appeared meanwhile (no overwrite, even then).
    std::fs::hard_link(partial, to).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => BackupError::Exists(to.to_owned()),
        _ => BackupError::Io(e),
    })?;
    std::fs::remove_file(partial)?;
    std::fs::File::open(dir)?.sync_all()?;
    Ok(copied)
}

/// Opens a copy and checks it: SQLite's integrity check, then its contents.
pub fn check(path: &Path) -> Result<Copied, BackupError> {
    // Plainly, read only: the service's settings (WAL) would write to it.
    let mut copy = DbConnection::Sqlite(
        <diesel::SqliteConnection as diesel::Connection>::establish(&path.to_string_lossy())
            .map_err(StoreError::from)?,
    );
    let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut copy)
        .map_err(StoreError::from)?;
    let verdict: Vec<String> = lines.into_iter().map(|l| l.integrity_check).collect();
    if verdict != ["ok"] {
        return Err(BackupError::Check(verdict.join("; ")));
    }
    let mut count = |table: &str| -> Result<i64, BackupError> {
        let c: Count = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result(&mut copy)
            .map_err(|e| BackupError::Check(format!("{table}: {e}")))?;
        Ok(c.n)
    };
    Ok(Copied {
        bytes: std::fs::metadata(path)?.len(),
        consultations: count("consultations")?,
        revisions: count("reply_revisions")?,
        log_entries: count("log_entries")?,
    })
}
