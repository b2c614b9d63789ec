use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::models::User;
use super::schema::users;
use super::DbConnection;
use crate::auth::Role;

pub fn insert(conn: &mut DbConnection, user: &User) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<User>> {
    users::table
        .order(users::email)
        .select(User::as_select())
        .load(conn)
}

/// Ends every web session of the user.
pub fn bump_session_version(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::session_version.eq(users::session_version + 1))
        .execute(conn)
}

/// Revokes every token issued so far to the user.
pub fn bump_token_version(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::token_version.eq(users::token_version + 1))
        .execute(conn)
}

pub fn set_password_hash(conn: &mut DbConnection, id: &str, hash: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)
}

pub fn deactivate(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((
            users::deactivated_at.eq(at),
            users::token_version.eq(users::token_version + 1),
        ))
        .execute(conn)
}

/// Takes the write lock on a user for the rest of the transaction, as its
/// first statement (on SQLite a write first, so the transaction waits for the
/// database lock instead of failing on a stale snapshot; on PostgreSQL the
/// row lock). Returns false when there is no such user.
pub fn lock(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    let n = diesel::update(users::table.find(id))
        .set(users::token_version.eq(users::token_version))
        .execute(conn)?;
    Ok(n > 0)
}

/// Makes a deactivated account usable again. Its tokens stay revoked (the
/// deactivation moved their version on): the user signs in afresh.
pub fn reactivate(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    diesel::update(
        users::table
            .find(id)
            .filter(users::deactivated_at.is_not_null()),
    )
    .set(users::deactivated_at.eq(None::<NaiveDateTime>))
    .execute(conn)
}

pub fn update_profile(
    conn: &mut DbConnection,
    id: &str,
    name: &str,
    language: &str,
    member_state: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((
            users::name.eq(name),
            users::language.eq(language),
            users::member_state.eq(member_state),
        ))
        .execute(conn)
}

/// Every active user of a role, by email.
pub fn active_with_role(conn: &mut DbConnection, role: Role) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::role.eq(role.as_str()))
        .filter(users::deactivated_at.is_null())
        .order(users::email)
        .select(User::as_select())
        .load(conn)
}

/// The users with these ids (the authors of revisions, say).
pub fn by_ids(conn: &mut DbConnection, ids: &[&str]) -> QueryResult<Vec<User>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    users::table
        .filter(users::id.eq_any(ids))
        .select(User::as_select())
        .load(conn)
}

/// The focal points of a Member State.
pub fn focal_points(conn: &mut DbConnection, iso3: &str) -> QueryResult<Vec<User>> {
    // Every reply's confirmation reads them: on the backend's own connection.
    super::on_backend!(conn, c => users::table
        .filter(users::member_state.eq(iso3))
        .filter(users::deactivated_at.is_null())
        .select(User::as_select())
        .load(c))
}

pub fn set_language(conn: &mut DbConnection, id: &str, language: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::language.eq(language))
        .execute(conn)
}

/// Failed sign-ins for an address since `since`.
pub fn recent_failures(
    conn: &mut DbConnection,
    email: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    use super::schema::sign_in_failures;
    sign_in_failures::table
        .filter(sign_in_failures::email.eq(email))
        .filter(sign_in_failures::failed_at.gt(since))
        .count()
        .get_result(conn)
}

/// Records a failed sign-in and forgets those older than `forget_before`.
pub fn record_failure(
    conn: &mut DbConnection,
    id: &str,
    email: &str,
    at: NaiveDateTime,
    forget_before: NaiveDateTime,
) -> QueryResult<()> {
    use super::schema::sign_in_failures;
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::failed_at.lt(forget_before)))
        .execute(conn)?;
    diesel::insert_into(sign_in_failures::table)
        .values((
            sign_in_failures::id.eq(id),
            sign_in_failures::email.eq(email),
            sign_in_failures::failed_at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Forgets one recorded attempt (one refused unchecked, which must not
/// prolong the wait of the address).
pub fn forget_attempt(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    use super::schema::sign_in_failures;
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::id.eq(id))).execute(conn)
}

/// Failed sign-ins from a client address since `since`.
pub fn recent_client_failures(
    conn: &mut DbConnection,
    client: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    use super::schema::sign_in_client_failures as f;
    f::table
        .filter(f::client.eq(client))
        .filter(f::failed_at.gt(since))
        .count()
        .get_result(conn)
}

/// Records a failed sign-in from a client address (under the id of the
/// attempt's record by email) and forgets those older than `forget_before`.
pub fn record_client_failure(
    conn: &mut DbConnection,
    id: &str,
    client: &str,
    at: NaiveDateTime,
    forget_before: NaiveDateTime,
) -> QueryResult<()> {
    use super::schema::sign_in_client_failures as f;
    diesel::delete(f::table.filter(f::failed_at.lt(forget_before))).execute(conn)?;
    diesel::insert_into(f::table)
        .values((f::id.eq(id), f::client.eq(client), f::failed_at.eq(at)))
        .execute(conn)
        .map(|_| ())
}

/// Forgets one attempt's record by client address: one refused unchecked,
/// or one that succeeded (which is no failure; the client's earlier
/// failures stay counted, a success with one account must not clear them).
pub fn forget_client_attempt(conn: &mut DbConnection, id: &str) -> QueryResult<usize> {
    use super::schema::sign_in_client_failures as f;
    diesel::delete(f::table.filter(f::id.eq(id))).execute(conn)
}

/// Forgets the failures of an address after a successful sign-in.
pub fn clear_failures(conn: &mut DbConnection, email: &str) -> QueryResult<usize> {
    use super::schema::sign_in_failures;
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::email.eq(email))).execute(conn)
}
