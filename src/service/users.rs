//! User administration: TSB staff add, invite, list and deactivate users.
//! Signing in is `sign_in`; setting passwords through emailed links is
//! `password_links`.

use chrono::Utc;
use diesel::Connection;

pub use super::audit::By;
use super::audit::{self, user_subject, AuditAction};
use super::notices;
use super::password_links::{self, INVITATION_HOURS};
use super::ErrorCode;
use super::{new_id, to_naive, ServiceError, ServiceResult};
use crate::auth::password::{hash_password, PasswordError};
use crate::auth::{Actor, Role};
use crate::clock::Clock;
use crate::domain::consultation::{is_single_line, MAX_FIELD_CHARS};
use crate::domain::ids::UserId;
use crate::i18n::Language;
use crate::mail::render::EmailKind;
use crate::mail::Mail;
use crate::store::models::User;
use crate::store::{self, DbConnection};

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

/// The longest address SMTP can carry (RFC 5321).
pub const MAX_EMAIL_BYTES: usize = 254;

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
        && is_single_line(email)
}

/// A person's name: one line, not blank, bounded.
fn check_name(name: &str) -> ServiceResult<String> {
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(ServiceError::new(
            ErrorCode::MissingField,
            "name must not be empty",
        ));
    }
    if !is_single_line(&name) {
        return Err(ServiceError::new(
            ErrorCode::ControlCharacters,
            "name must be one line, without control characters",
        ));
    }
    if name.chars().count() > MAX_FIELD_CHARS {
        return Err(ServiceError::new(
            ErrorCode::FieldTooLong,
            format!("name is longer than {MAX_FIELD_CHARS} characters"),
        ));
    }
    Ok(name)
}

fn check_language(language: &str) -> ServiceResult<()> {
    if Language::parse(language).is_none() {
        return Err(ServiceError::new(
            ErrorCode::UnknownLanguage,
            "language must be one of ar, zh, en, fr, ru, es",
        ));
    }
    Ok(())
}

/// A focal point has one Member State, which ITU has; TSB staff have none.
fn check_member_state(
    conn: &mut DbConnection,
    role: Role,
    member_state: Option<String>,
) -> ServiceResult<Option<String>> {
    Ok(match (role, member_state) {
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
    })
}

/// What TSB staff may change of a user; a field left out stays as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub name: Option<String>,
    pub language: Option<String>,
    pub member_state: Option<String>,
}

/// TSB staff change a user's name, language or (for a focal point) Member
/// State. The change applies at once: what a user may do is read from the
/// account on every request.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    user_id: &UserId,
    change: UserChange,
) -> ServiceResult<UserView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let now = clock.now();
    let user = conn.transaction(|conn| {
        if !store::users::lock(conn, user_id.as_str())? {
            return Err(user_not_found());
        }
        let old = store::users::find(conn, user_id.as_str())?.ok_or_else(user_not_found)?;
        let role = Role::parse(&old.role).ok_or_else(|| ServiceError::internal("unknown role"))?;
        let name = match &change.name {
            Some(n) => check_name(n)?,
            None => old.name.clone(),
        };
        let language = match &change.language {
            Some(l) => {
                check_language(l)?;
                l.clone()
            }
            None => old.language.clone(),
        };
        let member_state = match change.member_state.clone() {
            Some(ms) => check_member_state(conn, role, Some(ms))?,
            None => old.member_state.clone(),
        };
        let mut changed = Vec::new();
        if name != old.name {
            changed.push(format!("name {:?} -> {:?}", old.name, name));
        }
        if language != old.language {
            changed.push(format!("language {} -> {language}", old.language));
        }
        if member_state != old.member_state {
            changed.push(format!(
                "Member State {} -> {}",
                old.member_state.as_deref().unwrap_or("-"),
                member_state.as_deref().unwrap_or("-")
            ));
        }
        if !changed.is_empty() {
            store::users::update_profile(conn, &old.id, &name, &language, member_state.as_deref())?;
            audit::record(
                conn,
                now,
                By::User(actor),
                AuditAction::UserChanged,
                &user_subject(&old.id),
                &changed.join(", "),
            )?;
            tracing::info!(user = %old.id, by = %actor.user_id, "user changed");
        }
        store::users::find(conn, &old.id)?.ok_or_else(user_not_found)
    })?;
    Ok(UserView::from(user))
}

/// Adds a user (command line, demo, and later the TSB pages).
pub fn add(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    by: By<'_>,
    new: NewUser,
) -> ServiceResult<User> {
    let email = normalize_email(&new.email);
    if email.len() > MAX_EMAIL_BYTES || !looks_like_email(&email) {
        return Err(ServiceError::new(
            ErrorCode::InvalidEmail,
            format!("{email:?} is not an email address"),
        ));
    }
    let name = check_name(&new.name)?;
    check_language(&new.language)?;
    let member_state = check_member_state(conn, new.role, new.member_state)?;
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
        session_version: 0,
        created_at: to_naive(clock.now()),
        deactivated_at: None,
    };
    conn.transaction(|conn| {
        store::users::insert(conn, &user)?;
        audit::record(
            conn,
            clock.now(),
            by,
            AuditAction::UserAdded,
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

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> ServiceResult<UserView> {
    let user = store::users::find_by_email(conn, &normalize_email(email))?.ok_or_else(|| {
        ServiceError::new(
            ErrorCode::UserNotFound,
            format!("no user has email {email}"),
        )
    })?;
    Ok(UserView::from(user))
}

pub fn deactivate(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    by: By<'_>,
    user_id: &UserId,
) -> ServiceResult<()> {
    let user_id = user_id.as_str();
    let now = clock.now();
    conn.transaction(|conn| {
        store::users::deactivate(conn, user_id, to_naive(now))?;
        store::emails::revoke_password_tokens(conn, user_id, to_naive(now))?;
        audit::record(
            conn,
            now,
            by,
            AuditAction::UserDeactivated,
            &user_subject(user_id),
            "",
        )
    })?;
    tracing::info!(user = %user_id, "user deactivated");
    Ok(())
}

/// A new invitation link for `user`, and the email that carries it.
fn send_invitation(
    conn: &mut DbConnection,
    mail: &Mail,
    user: &User,
    now: chrono::DateTime<Utc>,
) -> ServiceResult<()> {
    let (link, expires) =
        password_links::make(conn, mail, &user.id, "invitation", now, INVITATION_HOURS)?;
    notices::queue_account_email(
        conn,
        mail,
        now,
        EmailKind::AccountInvitation,
        user,
        &link,
        expires,
    )?;
    Ok(())
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
        send_invitation(conn, mail, &user, now)?;
        tracing::info!(user = %user.id, by = %actor.user_id, "user invited");
        Ok(user)
    })
}

/// A user as TSB staff see it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct UserView {
    #[schema(value_type = String)]
    pub id: UserId,
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
            id: UserId::from(u.id),
            email: u.email,
            name: u.name,
            member_state: u.member_state,
            language: u.language,
        }
    }
}

/// Who is asking: the signed-in user's own account.
pub fn me(conn: &mut DbConnection, actor: &Actor) -> ServiceResult<UserView> {
    let user = store::users::find(conn, actor.user_id.as_str())?.ok_or_else(|| {
        ServiceError::new(ErrorCode::InvalidToken, "the account no longer exists")
    })?;
    Ok(UserView::from(user))
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
    user_id: &UserId,
) -> ServiceResult<UserView> {
    let user_id = user_id.as_str();
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    if store::users::find(conn, user_id)?.is_none() {
        return Err(ServiceError::new(
            ErrorCode::UserNotFound,
            "no user has this id",
        ));
    }
    if actor.user_id.as_str() == user_id {
        return Err(ServiceError::new(
            ErrorCode::CannotDeactivateSelf,
            "you cannot deactivate your own account",
        ));
    }
    deactivate(conn, clock, By::User(actor), &UserId::from(user_id))?;
    tracing::info!(user = %user_id, by = %actor.user_id, "user deactivated");
    let user = store::users::find(conn, user_id)?
        .ok_or_else(|| ServiceError::internal("user vanished"))?;
    Ok(UserView::from(user))
}

fn user_not_found() -> ServiceError {
    ServiceError::new(ErrorCode::UserNotFound, "no user has this id")
}

/// TSB staff make a deactivated account usable again (its old tokens and
/// sessions stay ended). Reactivating an active account changes nothing.
pub fn reactivate(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    user_id: &UserId,
) -> ServiceResult<UserView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let now = clock.now();
    let user = conn.transaction(|conn| {
        if !store::users::lock(conn, user_id.as_str())? {
            return Err(user_not_found());
        }
        if store::users::reactivate(conn, user_id.as_str())? > 0 {
            audit::record(
                conn,
                now,
                By::User(actor),
                AuditAction::UserReactivated,
                &user_subject(user_id.as_str()),
                "",
            )?;
            tracing::info!(user = %user_id, by = %actor.user_id, "user reactivated");
        }
        store::users::find(conn, user_id.as_str())?.ok_or_else(user_not_found)
    })?;
    Ok(UserView::from(user))
}

/// TSB staff send an invitation again to a user who has not set a password
/// yet: a new link, and every earlier unused link revoked.
pub fn resend_invitation(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    user_id: &UserId,
) -> ServiceResult<UserView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let now = clock.now();
    let user = conn.transaction(|conn| {
        if !store::users::lock(conn, user_id.as_str())? {
            return Err(user_not_found());
        }
        let user = store::users::find(conn, user_id.as_str())?.ok_or_else(user_not_found)?;
        if user.deactivated_at.is_some() {
            return Err(ServiceError::new(
                ErrorCode::UserInactive,
                "the account is deactivated; reactivate it first",
            ));
        }
        if user.password_hash.is_some() {
            return Err(ServiceError::new(
                ErrorCode::PasswordAlreadySet,
                "the user has set a password already; a password reset is what they need",
            ));
        }
        store::emails::revoke_password_tokens(conn, &user.id, to_naive(now))?;
        send_invitation(conn, mail, &user, now)?;
        audit::record(
            conn,
            now,
            By::User(actor),
            AuditAction::InvitationResent,
            &user_subject(&user.id),
            "",
        )?;
        Ok::<_, ServiceError>(user)
    })?;
    tracing::info!(user = %user_id, by = %actor.user_id, "invitation sent again");
    Ok(UserView::from(user))
}

/// Records a user's preferred language (emails follow it).
pub fn set_language(
    conn: &mut DbConnection,
    user_id: &UserId,
    language: &str,
) -> ServiceResult<()> {
    let user_id = user_id.as_str();
    if Language::parse(language).is_none() {
        return Err(ServiceError::new(
            ErrorCode::UnknownLanguage,
            "language must be one of ar, zh, en, fr, ru, es",
        ));
    }
    store::users::set_language(conn, user_id, language)?;
    Ok(())
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
