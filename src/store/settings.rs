use diesel::prelude::*;

use super::schema::app_settings;
use super::{is_unique_violation, DbConnection};

pub fn get(conn: &mut DbConnection, key: &str) -> QueryResult<Option<String>> {
    app_settings::table
        .find(key)
        .select(app_settings::value)
        .first(conn)
        .optional()
}

/// Returns the stored value, storing `candidate` first if there is none. When
/// several instances race, the first insert wins and all read the same value.
pub fn get_or_insert(conn: &mut DbConnection, key: &str, candidate: &str) -> QueryResult<String> {
    if let Some(v) = get(conn, key)? {
        return Ok(v);
    }
    match diesel::insert_into(app_settings::table)
        .values((app_settings::key.eq(key), app_settings::value.eq(candidate)))
        .execute(conn)
    {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {}
        Err(e) => return Err(e),
    }
    get(conn, key)?.ok_or(diesel::result::Error::NotFound)
}

/// The write probe of `/readyz`: one small durable commit, bounded in time
/// (a second of waiting for a lock, on either database), so that a full disk
/// or a database that takes no writes shows as not ready.
pub fn write_probe(conn: &mut DbConnection, now: chrono::NaiveDateTime) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    use diesel::sql_types::Text;
    let value = now.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    match conn {
        DbConnection::Postgres(pg) => pg.transaction(|c| {
            c.batch_execute("SET LOCAL statement_timeout = 1000; SET LOCAL lock_timeout = 1000")?;
            diesel::sql_query(
                "INSERT INTO app_settings (key, value) VALUES ('readyz_probe', $1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind::<Text, _>(&value)
            .execute(c)
            .map(|_| ())
        }),
        DbConnection::Sqlite(c) => {
            ensure_free_space(c)?;
            c.batch_execute("PRAGMA busy_timeout = 1000")?;
            let written = diesel::sql_query(
                "INSERT INTO app_settings (key, value) VALUES ('readyz_probe', ?) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind::<Text, _>(&value)
            .execute(c)
            .map(|_| ());
            c.batch_execute("PRAGMA busy_timeout = 15000")?;
            written
        }
    }
}

/// Below this much free space beside the SQLite file, the probe fails: a
/// small write may still fit in the space the write-ahead log keeps, while
/// replies (and checkpoints) no longer do.
const MIN_FREE_BYTES: u64 = 1024 * 1024;

fn ensure_free_space(c: &mut diesel::SqliteConnection) -> QueryResult<()> {
    let Some(dir) = super::space::folder_of(c)? else {
        return Ok(());
    };
    let Some(free) = super::space::free_bytes(&dir) else {
        return Ok(());
    };
    if free < MIN_FREE_BYTES {
        return Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new(format!(
                "database or disk is full: {free} bytes free beside {}",
                dir.display()
            )),
        ));
    }
    Ok(())
}
