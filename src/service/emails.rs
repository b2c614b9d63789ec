//! Delivery status of the outbox, for TSB staff.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use diesel::Connection;

use super::audit::{self, By};
use super::{to_naive, to_utc, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::store::emails::{self as store, EmailFilter, EmailRow, SENT};
use crate::store::DbConnection;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmailView {
    pub id: String,
    pub message_id: String,
    /// reply_confirmation, invitation, reminder, closing_summary, account_invitation, password_reset.
    pub kind: String,
    pub recipient: String,
    pub language: String,
    pub subject: String,
    pub consultation_id: Option<String>,
    /// queued, sent, failing (will be retried) or failed (gave up; TSB may retry).
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// The SMTP server's answer (or the file written).
    pub server_response: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl From<EmailRow> for EmailView {
    fn from(e: EmailRow) -> Self {
        let sent = e.status == SENT;
        EmailView {
            next_attempt_at: (!sent).then(|| to_utc(e.next_attempt_at)),
            id: e.id,
            message_id: e.message_id,
            kind: e.kind,
            recipient: e.recipient,
            language: e.language,
            subject: e.subject,
            consultation_id: e.consultation_id,
            status: e.status,
            attempts: e.attempts,
            last_error: e.last_error,
            server_response: e.smtp_response,
            created_at: to_utc(e.created_at),
            sent_at: e.sent_at.map(to_utc),
        }
    }
}

pub const MAX_LIST: i64 = 1000;

pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    filter: &EmailFilter,
    limit: Option<i64>,
) -> ServiceResult<Vec<EmailView>> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let limit = limit.unwrap_or(200).clamp(1, MAX_LIST);
    Ok(store::list(conn, filter, limit)?
        .into_iter()
        .map(EmailView::from)
        .collect())
}

fn not_found() -> ServiceError {
    ServiceError::not_found("email_not_found", "no email has this id")
}

pub fn get(conn: &mut DbConnection, actor: &Actor, id: &str) -> ServiceResult<EmailView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    Ok(store::find(conn, id)?.ok_or_else(not_found)?.into())
}

/// Puts a failing or failed email back in the queue, due now.
pub fn retry(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    id: &str,
) -> ServiceResult<EmailView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let now = clock.now();
    let email = store::find(conn, id)?.ok_or_else(not_found)?;
    conn.transaction(|conn| {
        if store::retry(conn, id, to_naive(now))? == 0 {
            return Err(ServiceError::Conflict {
                code: "not_retryable",
                message: format!(
                    "this email is {}; only failing or failed emails can be retried",
                    email.status
                ),
            });
        }
        audit::record(
            conn,
            now,
            By::User(actor),
            "email_retry_requested",
            &audit::email_subject(id),
            &format!("{} to {}", email.subject, email.recipient),
        )
    })?;
    tracing::info!(email = %id, by = %actor.user_id, "email retry requested");
    Ok(store::find(conn, id)?.ok_or_else(not_found)?.into())
}
