//! The audit trail: every change records who made it, in the transaction of
//! the change, so a change is never stored without its author.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::paging::{Cursor, Page};
use super::ErrorCode;
use super::{new_id, to_naive, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::store::audit::{self as store_audit, AuditRow};
use crate::store::DbConnection;

/// Who made a change.
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    /// A signed-in user (web or API).
    User(&'a Actor),
    /// A user acting through an emailed link, without signing in.
    Account { id: &'a str, email: &'a str },
    /// The operator, on the server's command line.
    CommandLine,
}

impl By<'_> {
    fn id(&self) -> Option<String> {
        match self {
            By::User(a) => Some(a.user_id.to_string()),
            By::Account { id, .. } => Some((*id).to_owned()),
            By::CommandLine => None,
        }
    }

    fn label(&self) -> String {
        match self {
            By::User(a) => format!("{} <{}>", a.name, a.email),
            By::Account { email, .. } => format!("<{email}>"),
            By::CommandLine => "command line".to_owned(),
        }
    }
}

/// What a change was, as stored in `action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    ConsultationCreated,
    ConsultationChanged,
    ConsultationCancelled,
    ResultCertified,
    DecisionRecorded,
    DecisionsNotified,
    ReplySubmitted,
    ReplyWithdrawn,
    UserAdded,
    UserDeactivated,
    UserReactivated,
    UserChanged,
    InvitationResent,
    TokensRevoked,
    PasswordResetRequested,
    PasswordSetFromLink,
    PasswordChanged,
    EmailRetryRequested,
}

impl AuditAction {
    pub const ALL: [AuditAction; 18] = [
        AuditAction::ConsultationCreated,
        AuditAction::ConsultationChanged,
        AuditAction::ConsultationCancelled,
        AuditAction::ResultCertified,
        AuditAction::DecisionRecorded,
        AuditAction::DecisionsNotified,
        AuditAction::ReplySubmitted,
        AuditAction::ReplyWithdrawn,
        AuditAction::UserAdded,
        AuditAction::UserDeactivated,
        AuditAction::UserReactivated,
        AuditAction::UserChanged,
        AuditAction::InvitationResent,
        AuditAction::TokensRevoked,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordSetFromLink,
        AuditAction::PasswordChanged,
        AuditAction::EmailRetryRequested,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::ConsultationCreated => "consultation_created",
            AuditAction::ConsultationChanged => "consultation_changed",
            AuditAction::ConsultationCancelled => "consultation_cancelled",
            AuditAction::ResultCertified => "result_certified",
            AuditAction::DecisionRecorded => "decision_recorded",
            AuditAction::DecisionsNotified => "decisions_notified",
            AuditAction::ReplySubmitted => "reply_submitted",
            AuditAction::ReplyWithdrawn => "reply_withdrawn",
            AuditAction::UserAdded => "user_added",
            AuditAction::UserDeactivated => "user_deactivated",
            AuditAction::UserReactivated => "user_reactivated",
            AuditAction::UserChanged => "user_changed",
            AuditAction::InvitationResent => "invitation_resent",
            AuditAction::TokensRevoked => "tokens_revoked",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordSetFromLink => "password_set_from_link",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::EmailRetryRequested => "email_retry_requested",
        }
    }
}

/// What was changed, as stored in `subject`.
pub fn consultation_subject(id: &str) -> String {
    format!("consultation/{id}")
}

pub fn reply_subject(consultation_id: &str, iso3: &str) -> String {
    format!("consultation/{consultation_id}/reply/{iso3}")
}

pub fn user_subject(id: &str) -> String {
    format!("user/{id}")
}

pub fn email_subject(id: &str) -> String {
    format!("email/{id}")
}

/// A subject read back: the consultation, or one Member State's reply to it.
#[derive(Debug, PartialEq, Eq)]
pub enum Subject<'a> {
    Consultation(&'a str),
    Reply {
        consultation: &'a str,
        iso3: &'a str,
    },
    Other,
}

/// The inverse of `consultation_subject` and `reply_subject`.
pub fn parse_subject(subject: &str) -> Subject<'_> {
    match subject.split('/').collect::<Vec<_>>()[..] {
        ["consultation", id] => Subject::Consultation(id),
        ["consultation", consultation, "reply", iso3] => Subject::Reply { consultation, iso3 },
        _ => Subject::Other,
    }
}

/// Appends one event; call it inside the transaction of the change.
pub fn record(
    conn: &mut DbConnection,
    at: DateTime<Utc>,
    by: By<'_>,
    action: AuditAction,
    subject: &str,
    detail: &str,
) -> ServiceResult<()> {
    store_audit::insert(
        conn,
        &AuditRow {
            id: new_id(),
            at: to_naive(at),
            actor_id: by.id(),
            actor: by.label(),
            action: action.as_str().to_owned(),
            subject: subject.to_owned(),
            detail: detail.to_owned(),
        },
    )?;
    Ok(())
}

/// One change, as TSB staff see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEvent {
    pub id: String,
    pub at: DateTime<Utc>,
    /// The user's id; null for the command line.
    pub actor_id: Option<String>,
    /// "Name <email>" when it happened, or "command line".
    pub actor: String,
    /// e.g. `consultation_created`, `reply_submitted`, `user_deactivated`.
    pub action: String,
    /// e.g. `consultation/ID`, `consultation/ID/reply/CHE`, `user/ID`, `email/ID`.
    pub subject: String,
    pub detail: String,
}

pub const MAX_EVENTS: i64 = 1000;

/// One page of events, newest first (at most `limit`, up to `MAX_EVENTS`),
/// after `cursor` when given, optionally of one subject and what lies under
/// it. TSB staff only.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    subject: Option<&str>,
    limit: Option<i64>,
    cursor: Option<&str>,
) -> ServiceResult<Page<AuditEvent>> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let limit = match limit {
        None => 200,
        Some(n) if (1..=MAX_EVENTS).contains(&n) => n,
        Some(_) => {
            return Err(ServiceError::new(
                ErrorCode::InvalidLimit,
                format!("limit must be between 1 and {MAX_EVENTS}"),
            ))
        }
    };
    let cursor = cursor.map(Cursor::parse).transpose()?;
    let rows = store_audit::list(
        conn,
        subject,
        cursor.as_ref().map(|c| (c.at, c.id.as_str())),
        limit + 1,
    )?;
    Ok(Page::from_rows(rows, limit, |r| Cursor {
        at: r.at,
        id: r.id.clone(),
    })
    .map(|r| AuditEvent {
        at: r.at.and_utc(),
        id: r.id,
        actor_id: r.actor_id,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        detail: r.detail,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_read_back_as_written() {
        assert_eq!(
            parse_subject(&consultation_subject("c1")),
            Subject::Consultation("c1")
        );
        assert_eq!(
            parse_subject(&reply_subject("c1", "CHE")),
            Subject::Reply {
                consultation: "c1",
                iso3: "CHE"
            }
        );
        assert_eq!(parse_subject(&user_subject("u1")), Subject::Other);
        assert_eq!(parse_subject(&email_subject("e1")), Subject::Other);
    }
}

/// One event as TSB's activity page shows it, its subject named: the
/// consultation's reference, the Member State, the account.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityItem {
    pub event: AuditEvent,
    /// The consultation's reference, when the subject is one or a reply to one.
    pub consultation: Option<String>,
    /// The Member State's name, when the subject is a reply.
    pub member_state: Option<String>,
    /// The account's name and address, when the subject is a user.
    pub user: Option<String>,
}

/// TSB's page of activity: the latest events (of one subject, if given),
/// each with its subject named, in a fixed number of queries.
pub fn activity(
    conn: &mut DbConnection,
    actor: &Actor,
    subject: Option<&str>,
    limit: i64,
) -> ServiceResult<Vec<ActivityItem>> {
    use std::collections::HashMap;
    let events = list(conn, actor, subject, Some(limit), None)?.items;
    let references: HashMap<String, String> = crate::store::consultations::list(conn)?
        .into_iter()
        .map(|(c, _)| (c.id, c.reference))
        .collect();
    let states: HashMap<String, String> = crate::store::member_states::all(conn)?
        .into_iter()
        .map(|m| (m.iso3, m.name_en))
        .collect();
    let mut user_ids: Vec<&str> = events
        .iter()
        .filter_map(|e| e.subject.strip_prefix("user/"))
        .collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let users: HashMap<String, String> = crate::store::users::by_ids(conn, &user_ids)?
        .into_iter()
        .map(|u| (u.id, format!("{} <{}>", u.name, u.email)))
        .collect();
    Ok(events
        .into_iter()
        .map(|event| {
            let (consultation, member_state) = match parse_subject(&event.subject) {
                Subject::Consultation(id) => (references.get(id).cloned(), None),
                Subject::Reply { consultation, iso3 } => (
                    references.get(consultation).cloned(),
                    Some(states.get(iso3).cloned().unwrap_or_else(|| iso3.to_owned())),
                ),
                Subject::Other => (None, None),
            };
            let user = event
                .subject
                .strip_prefix("user/")
                .and_then(|id| users.get(id).cloned());
            ActivityItem {
                event,
                consultation,
                member_state,
                user,
            }
        })
        .collect())
}
