//! Signing in: passwords checked against a throttle shared by every instance,
//! tokens turned back into actors, revocation, and the token-signing secret.

use diesel::Connection;

use super::audit::{self, user_subject, AuditAction, By};
use super::users::{normalize_email, MAX_EMAIL_BYTES};
use super::ErrorCode;
use super::{new_id, to_naive, ServiceError, ServiceResult};
use crate::auth::password::{verify_password, MAX_PASSWORD_CHARS};
use crate::auth::{Actor, Role};
use crate::clock::Clock;
use crate::domain::ids::UserId;
use crate::store::models::User;
use crate::store::{self, DbConnection};

/// Failed sign-ins allowed per address within `SIGN_IN_WINDOW_MINUTES`.
pub const MAX_SIGN_IN_FAILURES: i64 = 10;
pub const SIGN_IN_WINDOW_MINUTES: i64 = 15;
/// Where an attempt to prove a password comes from, and the failures its
/// client address is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// The client address (the peer, or what a trusted proxy forwarded); None where there is
    /// none (the command line), so nothing is counted by address.
    pub client: Option<std::net::IpAddr>,
    /// Failures allowed per client address in the window
    /// (`TAPBALLOT_SIGN_IN_FAILURES_PER_CLIENT`).
    pub max_client_failures: i64,
}

impl Origin {
    /// An attempt with no client address (command line, tests of a use case).
    pub fn unknown() -> Self {
        Origin {
            client: None,
            max_client_failures: i64::MAX,
        }
    }
}

/// Checks an email and password; the same answer for an unknown email, a wrong
/// password and a deactivated account. After too many failures for one address
/// (known or not), or from one client address, further attempts are refused
/// for a while without checking, which slows password guessing on every
/// instance alike.
pub fn authenticate(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    origin: Origin,
    email: &str,
    password: &str,
) -> ServiceResult<User> {
    let email = normalize_email(email);
    let refused = || {
        ServiceError::new(
            ErrorCode::InvalidCredentials,
            "the email or password is not correct",
        )
    };
    // No account has such an address or password, so nothing is checked and
    // nothing is recorded: input is bounded before any write.
    if email.len() > MAX_EMAIL_BYTES || password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(refused());
    }
    let attempt = record_attempt(conn, clock, origin, &email)?;
    let user = store::users::find_by_email(conn, &email)?;
    let ok = verify_password(
        user.as_ref().and_then(|u| u.password_hash.as_deref()),
        password,
    );
    match user {
        Some(u) if ok && u.deactivated_at.is_none() => {
            attempt.succeeded(conn)?;
            Ok(u)
        }
        // The attempt stays recorded: it is a failure.
        _ => Err(refused()),
    }
}

/// An attempt to prove a password, recorded before the password is checked.
pub(crate) struct Attempt {
    id: String,
    email: String,
    by_client: bool,
}

impl Attempt {
    /// The password was right: the account's failures are forgotten, and
    /// this attempt is no failure of its client (whose earlier ones stay:
    /// one account's success must not let a client guess on at others).
    pub(crate) fn succeeded(self, conn: &mut DbConnection) -> ServiceResult<()> {
        store::users::clear_failures(conn, &self.email)?;
        if self.by_client {
            store::users::forget_client_attempt(conn, &self.id)?;
        }
        Ok(())
    }
}

/// Records an attempt for an account and for its client address, then
/// counts the attempts of the window; past `MAX_SIGN_IN_FAILURES` for the
/// account, or `origin.max_client_failures` for the client, the attempt is
/// refused unchecked (and forgotten: it must not prolong the wait). Each
/// record is committed before its count (no transaction around them), so of
/// any number of parallel attempts, on any instance, the one whose record is
/// the n-th committed sees at least n: never more than a limit are checked.
pub(crate) fn record_attempt(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    origin: Origin,
    email: &str,
) -> ServiceResult<Attempt> {
    let now = clock.now();
    let window_start = to_naive(now - chrono::Duration::minutes(SIGN_IN_WINDOW_MINUTES));
    let id = new_id();
    let client = origin.client.map(|a| a.to_string());
    if let Some(client) = &client {
        store::users::record_client_failure(conn, &id, client, to_naive(now), window_start)?;
    }
    store::users::record_failure(conn, &id, email, to_naive(now), window_start)?;
    let too_many_for_client = match &client {
        Some(client) => {
            store::users::recent_client_failures(conn, client, window_start)?
                > origin.max_client_failures
        }
        None => false,
    };
    let too_many_for_account =
        store::users::recent_failures(conn, email, window_start)? > MAX_SIGN_IN_FAILURES;
    if too_many_for_client || too_many_for_account {
        store::users::forget_attempt(conn, &id)?;
        if client.is_some() {
            store::users::forget_client_attempt(conn, &id)?;
        }
        let whose = if too_many_for_account {
            "this address"
        } else {
            "your network address"
        };
        return Err(ServiceError::new(
            ErrorCode::TooManyAttempts,
            format!("too many failed sign-ins for {whose}; try again in {SIGN_IN_WINDOW_MINUTES} minutes"),
        ));
    }
    Ok(Attempt {
        id,
        email: email.to_owned(),
        by_client: client.is_some(),
    })
}

/// How long a web session lasts from signing in, enforced by the server
/// whatever the cookie's own lifetime says.
pub const SESSION_HOURS: i64 = 12;

/// What a web session cookie holds of its user (encrypted and signed by the
/// session middleware). It is checked against the user on every request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WebSession {
    pub user_id: UserId,
    /// Revoking tokens, a new password or deactivation moves it on.
    pub token_version: i32,
    /// Signing out moves it on.
    pub session_version: i32,
    /// Unix seconds, by the server's clock.
    pub signed_in_at: i64,
}

/// Signs a user in to the pages: the checks of `authenticate`, and the
/// session that then lasts `SESSION_HOURS`.
pub fn open_session(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    origin: Origin,
    email: &str,
    password: &str,
) -> ServiceResult<(Actor, WebSession)> {
    let user = authenticate(conn, clock, origin, email, password)?;
    let session = WebSession {
        user_id: UserId::from(user.id.clone()),
        token_version: user.token_version,
        session_version: user.session_version,
        signed_in_at: clock.now().timestamp(),
    };
    Ok((actor_of(user)?, session))
}

/// The actor of a web session, if it has not ended: by time, by signing
/// out, by revocation or by deactivation.
pub fn actor_for_session(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    session: &WebSession,
) -> ServiceResult<Actor> {
    let ended = || ServiceError::new(ErrorCode::InvalidToken, "the session has ended");
    let age = clock.now().timestamp() - session.signed_in_at;
    if !(0..SESSION_HOURS * 3600).contains(&age) {
        return Err(ended());
    }
    let user = store::users::find(conn, session.user_id.as_str())?.ok_or_else(ended)?;
    if user.deactivated_at.is_some()
        || user.token_version != session.token_version
        || user.session_version != session.session_version
    {
        return Err(ended());
    }
    actor_of(user)
}

/// Signing out of the pages ends every web session of the user, on every
/// browser and instance; API tokens are revoked apart (`revoke_tokens`).
pub fn close_sessions(conn: &mut DbConnection, user_id: &UserId) -> ServiceResult<()> {
    store::users::bump_session_version(conn, user_id.as_str())?;
    tracing::info!(user = %user_id, "signed out");
    Ok(())
}

/// The actor behind a token: the user must exist, be active, and the token's
/// version must be the user's current one (otherwise it was revoked).
pub fn actor_for_token(
    conn: &mut DbConnection,
    user_id: &UserId,
    token_version: i32,
) -> ServiceResult<Actor> {
    let user_id = user_id.as_str();
    let revoked = || {
        ServiceError::new(
            ErrorCode::InvalidToken,
            "the token has been revoked or its user deactivated",
        )
    };
    let user = store::users::find(conn, user_id)?.ok_or_else(revoked)?;
    if user.deactivated_at.is_some() || user.token_version != token_version {
        return Err(revoked());
    }
    actor_of(user)
}

pub fn actor_of(user: User) -> ServiceResult<Actor> {
    let role = Role::parse(&user.role)
        .ok_or_else(|| ServiceError::internal(format!("user {} has unknown role", user.id)))?;
    Ok(Actor {
        user_id: UserId::from(user.id),
        name: user.name,
        email: user.email,
        role,
        member_state: user.member_state,
        language: user.language,
    })
}

/// Revokes every token of a user.
pub fn revoke_tokens(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    by: By<'_>,
    user_id: &UserId,
) -> ServiceResult<()> {
    let user_id = user_id.as_str();
    conn.transaction(|conn| {
        store::users::bump_token_version(conn, user_id)?;
        audit::record(
            conn,
            clock.now(),
            by,
            AuditAction::TokensRevoked,
            &user_subject(user_id),
            "",
        )
    })?;
    tracing::info!(user = %user_id, "tokens revoked");
    Ok(())
}

/// The token-signing secret: the configured one, or one generated once and
/// kept in the database so that every instance signs alike.
pub fn jwt_secret(conn: &mut DbConnection) -> ServiceResult<String> {
    use rand::Rng;
    let candidate: String = rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(64)
        .map(char::from)
        .collect();
    Ok(store::settings::get_or_insert(
        conn,
        "jwt_secret",
        &candidate,
    )?)
}

/// The token version of a user (for a new web session).
pub fn token_version(conn: &mut DbConnection, user_id: &UserId) -> ServiceResult<i32> {
    let user_id = user_id.as_str();
    Ok(store::users::find(conn, user_id)?
        .map(|u| u.token_version)
        .unwrap_or(0))
}
