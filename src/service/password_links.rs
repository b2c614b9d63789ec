//! Setting a password: single-use links sent by email (invitations and
//! resets), of which only a hash is stored, and changing one's own password.

use chrono::Utc;
use diesel::Connection;

use super::audit::{self, user_subject, AuditAction, By};
use super::notices;
use super::users::{normalize_email, MAX_EMAIL_BYTES};
use super::ErrorCode;
use super::{to_naive, ServiceError, ServiceResult};
use crate::auth::password::{hash_password, verify_password, MAX_PASSWORD_CHARS};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::mail::render::EmailKind;
use crate::mail::Mail;
use crate::store::{self, DbConnection};

/// How long an invitation link stays valid.
pub const INVITATION_HOURS: i64 = 7 * 24;
/// Reset links sent to one address in an hour, at most: more would only fill
/// its mailbox for whoever keeps asking.
pub const MAX_RESETS_PER_HOUR: i64 = 3;
/// How long a password-reset link stays valid.
pub const RESET_HOURS: i64 = 2;

fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// Makes a single-use link for setting a password; only its hash is stored.
pub(crate) fn make(
    conn: &mut DbConnection,
    mail: &Mail,
    user_id: &str,
    purpose: &str,
    now: chrono::DateTime<Utc>,
    hours: i64,
) -> ServiceResult<(String, chrono::DateTime<Utc>)> {
    use rand::Rng;
    let token: String = rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(43)
        .map(char::from)
        .collect();
    let expires = now + chrono::Duration::hours(hours);
    store::emails::insert_password_token(
        conn,
        &token_hash(&token),
        user_id,
        purpose,
        to_naive(now),
        to_naive(expires),
    )?;
    Ok((
        format!("{}/set-password?token={token}", mail.settings.public_url),
        expires,
    ))
}

/// Sends a reset link if the email belongs to an active user; says nothing
/// either way, so that the answer does not reveal who has an account.
pub fn request_password_reset(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    mail: &Mail,
    email: &str,
) -> ServiceResult<()> {
    let email = normalize_email(email);
    if email.len() > MAX_EMAIL_BYTES {
        return Ok(()); // no account has such an address
    }
    let Some(user) = store::users::find_by_email(conn, &email)? else {
        return Ok(());
    };
    if user.deactivated_at.is_some() {
        return Ok(());
    }
    let now = clock.now();
    let hour_ago = to_naive(now - chrono::Duration::hours(1));
    if store::emails::password_tokens_since(conn, &user.id, "reset", hour_ago)?
        >= MAX_RESETS_PER_HOUR
    {
        // Enough links are on their way; the answer says nothing either way.
        tracing::info!(user = %user.id, "password reset not sent: hourly limit reached");
        return Ok(());
    }
    conn.transaction(|conn| {
        let (link, expires) = make(conn, mail, &user.id, "reset", now, RESET_HOURS)?;
        notices::queue_account_email(
            conn,
            mail,
            now,
            EmailKind::PasswordReset,
            &user,
            &link,
            expires,
        )?;
        audit::record(
            conn,
            now,
            By::Account {
                id: &user.id,
                email: &user.email,
            },
            AuditAction::PasswordResetRequested,
            &user_subject(&user.id),
            "",
        )?;
        tracing::info!(user = %user.id, "password reset requested");
        Ok(())
    })
}

/// Sets a password from an emailed link, once. Every earlier token is revoked.
pub fn set_password_with_token(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    token: &str,
    password: &str,
) -> ServiceResult<()> {
    let hash = hash_password(password)?;
    let invalid = || {
        ServiceError::new(
            ErrorCode::InvalidLink,
            "this link is unknown, already used or expired; ask for a new one",
        )
    };
    conn.transaction(|conn| {
        let user_id = store::emails::use_password_token(
            conn,
            &token_hash(token.trim()),
            to_naive(clock.now()),
        )?
        .ok_or_else(invalid)?;
        let user = store::users::find(conn, &user_id)?.ok_or_else(invalid)?;
        if user.deactivated_at.is_some() {
            return Err(invalid());
        }
        store::users::set_password_hash(conn, &user_id, &hash)?;
        store::emails::revoke_password_tokens(conn, &user_id, to_naive(clock.now()))?;
        store::users::bump_token_version(conn, &user_id)?;
        audit::record(
            conn,
            clock.now(),
            By::Account {
                id: &user.id,
                email: &user.email,
            },
            AuditAction::PasswordSetFromLink,
            &user_subject(&user_id),
            "",
        )?;
        tracing::info!(user = %user_id, "password set from link");
        Ok(())
    })
}

/// A signed-in user changes their password, giving the current one. Earlier
/// tokens and sessions are revoked; the new token version is returned.
pub fn change_password(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    origin: super::sign_in::Origin,
    current: &str,
    new: &str,
) -> ServiceResult<i32> {
    let user = store::users::find(conn, actor.user_id.as_str())?
        .ok_or_else(|| ServiceError::new(ErrorCode::UserNotFound, "no such user"))?;
    if current.chars().count() > MAX_PASSWORD_CHARS {
        return Err(ServiceError::new(
            ErrorCode::WrongPassword,
            "the current password is not correct",
        ));
    }
    // Guessing the current password from a stolen session is throttled like
    // signing in, on the same count.
    let attempt = super::sign_in::record_attempt(conn, clock, origin, &user.email)?;
    if !verify_password(user.password_hash.as_deref(), current) {
        return Err(ServiceError::new(
            ErrorCode::WrongPassword,
            "the current password is not correct",
        ));
    }
    attempt.succeeded(conn)?;
    let hash = hash_password(new)?;
    conn.transaction(|conn| {
        store::users::set_password_hash(conn, &user.id, &hash)?;
        store::emails::revoke_password_tokens(conn, &user.id, to_naive(clock.now()))?;
        store::users::bump_token_version(conn, &user.id)?;
        audit::record(
            conn,
            clock.now(),
            By::User(actor),
            AuditAction::PasswordChanged,
            &user_subject(&user.id),
            "",
        )
    })?;
    tracing::info!(user = %user.id, "password changed");
    Ok(user.token_version + 1)
}
