use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::models::User;
use super::schema::users;
use super::DbConnection;

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

/// The focal points of a Member State.
pub fn focal_points(conn: &mut DbConnection, iso3: &str) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::member_state.eq(iso3))
        .filter(users::deactivated_at.is_null())
        .select(User::as_select())
        .load(conn)
}

pub fn set_language(conn: &mut DbConnection, id: &str, language: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::language.eq(language))
        .execute(conn)
}
