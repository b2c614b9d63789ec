use chrono::Utc;
use diesel::Connection;

pub use super::audit::By;
use super::audit::{self, user_subject};
use super::notices;
use super::ErrorCode;
use super::{new_id, to_naive, ServiceError, ServiceResult};
use crate::auth::password::{hash_password, verify_password, PasswordError};
use crate::auth::{Actor, Role};
use crate::clock::Clock;
use crate::domain::consultation::MAX_FIELD_CHARS;
use crate::mail::render::EmailKind;
use crate::mail::Mail;
use crate::store::models::User;
use crate::store::{self, DbConnection};

pub const LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub member_state: Option<String>,
    pub password: Option<String>,
    pub language: String,
}

impl From<PasswordError> for ServiceError {
    fn from(e: PasswordError) -> Self {
        match e {
            PasswordError::Hash => ServiceError::internal(e.to_string()),
            _ => ServiceError::new(ErrorCode::WeakPassword, e.to_string()),
        }
    }
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !email.contains(char::is_whitespace)
}

/// Adds a user (command line, demo, and later the TSB pages).
pub fn add(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    by: By<'_>,
    new: NewUser,
) -> ServiceResult<User> {
    let email = normalize_email(&new.email);
    // 254: the longest address SMTP can carry (RFC 5321).
    if email.len() > 254 || !looks_like_email(&email) {
        return Err(ServiceError::new(
            ErrorCode::InvalidEmail,
            format!("{email:?} is not an email address"),
        ));
    }
    let name = new.name.trim().to_owned();
    if name.is_empty() {
        return Err(ServiceError::new(
            ErrorCode::MissingField,
            "name must not be empty",
        ));
    }
    if name.chars().count() > MAX_FIELD_CHARS {
        return Err(ServiceError::new(
            ErrorCode::FieldTooLong,
            format!("name is longer than {MAX_FIELD_CHARS} characters"),
        ));
    }
    if !LANGUAGES.contains(&new.language.as_str()) {
        return Err(ServiceError::new(
            ErrorCode::UnknownLanguage,
            "language must be one of ar, zh, en, fr, ru, es",
        ));
    }
    let member_state = match (new.role, new.member_state) {
        (Role::Member, Some(ms)) => {
            let iso3 = ms.trim().to_ascii_uppercase();
            if store::member_states::find(conn, &iso3)?.is_none() {
                return Err(ServiceError::new(
                    ErrorCode::UnknownMemberState,
                    format!("{iso3} is not an ITU Member State"),
                ));
            }
            Some(iso3)
        }
        (Role::Member, None) => {
            return Err(ServiceError::new(
                ErrorCode::MemberStateRequired,
                "a focal point needs --member-state",
            ))
        }
        (Role::Tsb, Some(_)) => {
            return Err(ServiceError::new(
                ErrorCode::MemberStateRefused,
                "TSB staff have no Member State",
            ))
        }
        (Role::Tsb, None) => None,
    };
    if store::users::find_by_email(conn, &email)?.is_some() {
        return Err(ServiceError::new(
            ErrorCode::EmailTaken,
            format!("a user with email {email} exists"),
        ));
    }
    let password_hash = new.password.as_deref().map(hash_password).transpose()?;
    let user = User {
        id: new_id(),
        email,
        name,
        role: new.role.as_str().to_owned(),
        member_state,
        password_hash,
        language: new.language,
        token_version: 0,
        created_at: to_naive(clock.now()),
        deactivated_at: None,
    };
    conn.transaction(|conn| {
        store::users::insert(conn, &user)?;
        audit::record(
            conn,
            clock.now(),
            by,
            "user_added",
            &user_subject(&user.id),
            &format!(
                "{} <{}>, {}{}",
                user.name,
                user.email,
                user.role,
                user.member_state
                    .as_deref()
                    .map(|m| format!(" of {m}"))
                    .unwrap_or_default()
            ),
        )
    })?;
    tracing::info!(user = %user.id, role = %user.role, "user added");
    Ok(user)
}

/// Failed sign-ins allowed per address within `SIGN_IN_WINDOW_MINUTES`.
pub const MAX_SIGN_IN_FAILURES: i64 = 10;
pub const SIGN_IN_WINDOW_MINUTES: i64 = 15;

/// Checks an email and password; the same answer for an unknown email, a wrong
/// password and a deactivated account. After too many failures for one address
/// (known or not), further attempts are refused for a while without checking,
/// which slows password guessing on every instance alike.
pub fn authenticate(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    email: &str,
    password: &str,
) -> ServiceResult<User> {
    let email = normalize_email(email);
    let now = clock.now();
    let window_start = to_naive(now - chrono::Duration::minutes(SIGN_IN_WINDOW_MINUTES));
    if store::users::recent_failures(conn, &email, window_start)? >= MAX_SIGN_IN_FAILURES {
        return Err(ServiceError::new(ErrorCode::TooManyAttempts, format!("too many failed sign-ins for this address; try again in {SIGN_IN_WINDOW_MINUTES} minutes")));
    }
    let user = store::users::find_by_email(conn, &email)?;
    let ok = verify_password(
        user.as_ref().and_then(|u| u.password_hash.as_deref()),
        password,
    );
    match user {
        Some(u) if ok && u.deactivated_at.is_none() => {
            store::users::clear_failures(conn, &email)?;
            Ok(u)
        }
        _ => {
            store::users::record_failure(conn, &new_id(), &email, to_naive(now), window_start)?;
            Err(ServiceError::new(
                ErrorCode::InvalidCredentials,
                "the email or password is not correct",
            ))
        }
    }
}

/// The actor behind a token: the user must exist, be active, and the token's
/// version must be the user's current one (otherwise it was revoked).
pub fn actor_for_token(
    conn: &mut DbConnection,
    user_id: &str,
    token_version: i32,
) -> ServiceResult<Actor> {
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
        user_id: user.id,
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
    user_id: &str,
) -> ServiceResult<()> {
    conn.transaction(|conn| {
        store::users::bump_token_version(conn, user_id)?;
        audit::record(
            conn,
            clock.now(),
            by,
            "tokens_revoked",
            &user_subject(user_id),
            "",
        )
    })?;
    tracing::info!(user = %user_id, "tokens revoked");
    Ok(())
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> ServiceResult<User> {
    store::users::find_by_email(conn, &normalize_email(email))?.ok_or_else(|| {
        ServiceError::new(
            ErrorCode::UserNotFound,
            format!("no user has email {email}"),
        )
    })
}

pub fn deactivate(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    by: By<'_>,
    user_id: &str,
) -> ServiceResult<()> {
    let now = clock.now();
    conn.transaction(|conn| {
        store::users::deactivate(conn, user_id, to_naive(now))?;
        audit::record(
            conn,
            now,
            by,
            "user_deactivated",
            &user_subject(user_id),
            "",
        )
    })?;
    tracing::info!(user = %user_id, "user deactivated");
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

/// How long an invitation link stays valid.
pub const INVITATION_HOURS: i64 = 7 * 24;
/// How long a password-reset link stays valid.
pub const RESET_HOURS: i64 = 2;

fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// Makes a single-use link for setting a password; only its hash is stored.
fn password_link(
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

/// TSB staff invite a user: the account has no password until the user sets
/// one through the emailed link.
pub fn invite(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    new: NewUser,
) -> ServiceResult<User> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let now = clock.now();
    conn.transaction(|conn| {
        let user = add(
            conn,
            clock,
            By::User(actor),
            NewUser {
                password: None,
                ..new
            },
        )?;
        let (link, expires) =
            password_link(conn, mail, &user.id, "invitation", now, INVITATION_HOURS)?;
        notices::queue_account_email(
            conn,
            mail,
            now,
            EmailKind::AccountInvitation,
            &user,
            &link,
            expires,
        )?;
        tracing::info!(user = %user.id, by = %actor.user_id, "user invited");
        Ok(user)
    })
}

/// Sends a reset link if the email belongs to an active user; says nothing
/// either way, so that the answer does not reveal who has an account.
pub fn request_password_reset(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    mail: &Mail,
    email: &str,
) -> ServiceResult<()> {
    let Some(user) = store::users::find_by_email(conn, &normalize_email(email))? else {
        return Ok(());
    };
    if user.deactivated_at.is_some() {
        return Ok(());
    }
    let now = clock.now();
    conn.transaction(|conn| {
        let (link, expires) = password_link(conn, mail, &user.id, "reset", now, RESET_HOURS)?;
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
            "password_reset_requested",
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
        store::users::bump_token_version(conn, &user_id)?;
        audit::record(
            conn,
            clock.now(),
            By::Account {
                id: &user.id,
                email: &user.email,
            },
            "password_set_from_link",
            &user_subject(&user_id),
            "",
        )?;
        tracing::info!(user = %user_id, "password set from link");
        Ok(())
    })
}

/// A user as TSB staff see it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub member_state: Option<String>,
    pub language: String,
    /// False until the user has set a password.
    pub has_password: bool,
    pub active: bool,
    pub created_at: chrono::DateTime<Utc>,
}

impl From<User> for UserView {
    fn from(u: User) -> Self {
        UserView {
            role: Role::parse(&u.role).unwrap_or(Role::Member),
            has_password: u.password_hash.is_some(),
            active: u.deactivated_at.is_none(),
            created_at: u.created_at.and_utc(),
            id: u.id,
            email: u.email,
            name: u.name,
            member_state: u.member_state,
            language: u.language,
        }
    }
}

pub fn list(conn: &mut DbConnection, actor: &Actor) -> ServiceResult<Vec<UserView>> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    Ok(store::users::list(conn)?
        .into_iter()
        .map(UserView::from)
        .collect())
}

pub fn deactivate_by(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    user_id: &str,
) -> ServiceResult<UserView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    if store::users::find(conn, user_id)?.is_none() {
        return Err(ServiceError::new(
            ErrorCode::UserNotFound,
            "no user has this id",
        ));
    }
    if actor.user_id == user_id {
        return Err(ServiceError::new(
            ErrorCode::CannotDeactivateSelf,
            "you cannot deactivate your own account",
        ));
    }
    deactivate(conn, clock, By::User(actor), user_id)?;
    tracing::info!(user = %user_id, by = %actor.user_id, "user deactivated");
    let user = store::users::find(conn, user_id)?
        .ok_or_else(|| ServiceError::internal("user vanished"))?;
    Ok(UserView::from(user))
}

/// A signed-in user changes their password, giving the current one. Earlier
/// tokens and sessions are revoked; the new token version is returned.
pub fn change_password(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    current: &str,
    new: &str,
) -> ServiceResult<i32> {
    let user = store::users::find(conn, &actor.user_id)?
        .ok_or_else(|| ServiceError::new(ErrorCode::UserNotFound, "no such user"))?;
    if !verify_password(user.password_hash.as_deref(), current) {
        return Err(ServiceError::new(
            ErrorCode::WrongPassword,
            "the current password is not correct",
        ));
    }
    let hash = hash_password(new)?;
    conn.transaction(|conn| {
        store::users::set_password_hash(conn, &user.id, &hash)?;
        store::users::bump_token_version(conn, &user.id)?;
        audit::record(
            conn,
            clock.now(),
            By::User(actor),
            "password_changed",
            &user_subject(&user.id),
            "",
        )
    })?;
    tracing::info!(user = %user.id, "password changed");
    Ok(user.token_version + 1)
}

/// Records a user's preferred language (emails follow it).
pub fn set_language(conn: &mut DbConnection, user_id: &str, language: &str) -> ServiceResult<()> {
    if !LANGUAGES.contains(&language) {
        return Err(ServiceError::new(
            ErrorCode::UnknownLanguage,
            "language must be one of ar, zh, en, fr, ru, es",
        ));
    }
    store::users::set_language(conn, user_id, language)?;
    Ok(())
}

/// The token version of a user (for a new web session).
pub fn token_version(conn: &mut DbConnection, user_id: &str) -> ServiceResult<i32> {
    Ok(store::users::find(conn, user_id)?
        .map(|u| u.token_version)
        .unwrap_or(0))
}

/// TSB's page of users: every user, and the Member States a new focal point
/// may belong to.
#[derive(Debug, Clone)]
pub struct UserDirectory {
    pub users: Vec<UserView>,
    pub member_states: Vec<super::member_states::MemberStateView>,
}

pub fn directory(conn: &mut DbConnection, actor: &Actor) -> ServiceResult<UserDirectory> {
    Ok(UserDirectory {
        users: list(conn, actor)?,
        member_states: super::member_states::list(conn)?,
    })
}
