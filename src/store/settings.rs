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
