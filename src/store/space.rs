//! The disk space beside an SQLite file: what `/readyz` and the writer's
//! checkpointer look at, so that a disk that runs full is seen before the
//! write-ahead log holds the space a checkpoint needs.

use std::path::{Path, PathBuf};

use diesel::{QueryResult, QueryableByName, RunQueryDsl, SqliteConnection};

/// The length a write-ahead log file keeps when SQLite starts it afresh
/// (`journal_size_limit`): the rest goes back to the file system. Without a
/// limit the file keeps the length of its longest run between two restarts,
/// e.g. while a full disk stopped checkpoints, and that space is then
/// missing when the database file must grow.
pub const WAL_KEPT_BYTES: u64 = 4 << 20;

/// The pragma that makes a connection cut the WAL file back to
/// `WAL_KEPT_BYTES` when it starts afresh, or keep its length.
pub fn wal_size_limit(cut_back: bool) -> String {
    if cut_back {
        format!("PRAGMA journal_size_limit = {WAL_KEPT_BYTES}")
    } else {
        "PRAGMA journal_size_limit = -1".to_owned()
    }
}

#[derive(QueryableByName)]
struct DatabaseFile {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    file: String,
}

/// The folder of the connection's database file; None for a database in
/// memory.
pub fn folder_of(c: &mut SqliteConnection) -> QueryResult<Option<PathBuf>> {
    let files: Vec<DatabaseFile> = diesel::sql_query("PRAGMA database_list").load(c)?;
    Ok(files
        .iter()
        .find(|f| f.name == "main" && !f.file.is_empty())
        .and_then(|f| Path::new(&f.file).parent().map(Path::to_owned)))
}

/// The bytes this process may still write in `folder`'s file system; None
/// when the system does not say.
pub fn free_bytes(folder: &Path) -> Option<u64> {
    let fs = rustix::fs::statvfs(folder).ok()?;
    Some(fs.f_bavail.saturating_mul(fs.f_frsize))
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::Connection;

    #[test]
    fn the_folder_is_the_database_files_and_has_free_space() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut c = SqliteConnection::establish(&path.display().to_string()).unwrap();
        let folder = folder_of(&mut c).unwrap().unwrap();
        assert_eq!(
            folder.canonicalize().unwrap(),
            dir.path().canonicalize().unwrap()
        );
        assert!(free_bytes(&folder).unwrap() > 0);
        let mut memory = SqliteConnection::establish(":memory:").unwrap();
        assert_eq!(folder_of(&mut memory).unwrap(), None);
    }
}
