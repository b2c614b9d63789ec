//! Delivery status of the outbox, for TSB staff.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use diesel::Connection;

use super::audit::{self, AuditAction, By};
use super::paging::{Cursor, Page};
use super::ErrorCode;
use super::{to_naive, to_utc, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::ids::EmailId;
pub use crate::mail::render::EmailKind;
use crate::mail::Mail;
pub use crate::store::emails::EmailStatus;
use crate::store::emails::{self as store, EmailRow};
use crate::store::DbConnection;

/// Which emails to list; every field narrows the list.
#[derive(Debug, Default, Clone)]
pub struct EmailFilter {
    /// As the client wrote it: a status that does not exist matches no email.
    pub status: Option<String>,
    pub consultation_id: Option<String>,
    pub recipient: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmailView {
    pub id: String,
    pub message_id: String,
    pub kind: EmailKind,
    pub recipient: String,
    pub language: String,
    pub subject: String,
    pub consultation_id: Option<String>,
    /// failing will be retried; failed was given up (TSB may retry it).
    pub status: EmailStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// The SMTP server's answer (or the file written).
    pub server_response: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// An email's subject as it reads: rendered from its stored context, which
/// cannot fail for an email the service queued; should it fail (a template
/// changed since), the list still shows the email, without a subject, and
/// its delivery reports the error.
fn subject_of(mail: &Mail, e: &EmailRow) -> String {
    crate::mail::outbox::subject(mail, e).unwrap_or_else(|error| {
        tracing::warn!(email = %e.id, %error, "an email's subject could not be rendered");
        String::new()
    })
}

impl EmailView {
    fn of(mail: &Mail, e: EmailRow) -> ServiceResult<Self> {
        let subject = subject_of(mail, &e);
        let status = EmailStatus::parse(&e.status).ok_or_else(|| {
            ServiceError::internal(format!("email {} has status {:?}", e.id, e.status))
        })?;
        let kind = EmailKind::parse(&e.kind).ok_or_else(|| {
            ServiceError::internal(format!("email {} has kind {:?}", e.id, e.kind))
        })?;
        Ok(EmailView {
            next_attempt_at: (status != EmailStatus::Sent).then(|| to_utc(e.next_attempt_at)),
            id: e.id,
            message_id: e.message_id,
            kind,
            recipient: e.recipient,
            language: e.language,
            subject,
            consultation_id: e.consultation_id,
            status,
            attempts: e.attempts,
            last_error: e.last_error,
            server_response: e.smtp_response,
            created_at: to_utc(e.created_at),
            sent_at: e.sent_at.map(to_utc),
        })
    }
}

pub const MAX_LIST: i64 = 1000;

/// One page of emails, newest first, after `cursor` when given (TSB staff).
pub fn list(
    conn: &mut DbConnection,
    mail: &Mail,
    actor: &Actor,
    filter: &EmailFilter,
    limit: Option<i64>,
    cursor: Option<&str>,
) -> ServiceResult<Page<EmailView>> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let limit = limit.unwrap_or(200).clamp(1, MAX_LIST);
    let cursor = cursor.map(Cursor::parse).transpose()?;
    let status = match filter.status.as_deref() {
        None => None,
        Some(s) => match EmailStatus::parse(s) {
            Some(status) => Some(status),
            None => {
                return Ok(Page {
                    items: Vec::new(),
                    next: None,
                })
            }
        },
    };
    let filter = store::EmailFilter {
        status,
        consultation_id: filter.consultation_id.clone(),
        recipient: filter.recipient.clone(),
    };
    let rows = store::list(
        conn,
        &filter,
        cursor.as_ref().map(|c| (c.at, c.id.as_str())),
        limit + 1,
    )?;
    let page = Page::from_rows(rows, limit, |e| Cursor {
        at: e.created_at,
        id: e.id.clone(),
    });
    let next = page.next;
    Ok(Page {
        items: page
            .items
            .into_iter()
            .map(|e| EmailView::of(mail, e))
            .collect::<ServiceResult<_>>()?,
        next,
    })
}

fn not_found() -> ServiceError {
    ServiceError::new(ErrorCode::EmailNotFound, "no email has this id")
}

pub fn get(
    conn: &mut DbConnection,
    mail: &Mail,
    actor: &Actor,
    id: &EmailId,
) -> ServiceResult<EmailView> {
    let id = id.as_str();
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    EmailView::of(mail, store::find(conn, id)?.ok_or_else(not_found)?)
}

/// Puts a failing or failed email back in the queue, due now.
pub fn retry(
    conn: &mut DbConnection,
    mail: &Mail,
    actor: &Actor,
    clock: &dyn Clock,
    id: &EmailId,
) -> ServiceResult<EmailView> {
    let id = id.as_str();
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let now = clock.now();
    let email = store::find(conn, id)?.ok_or_else(not_found)?;
    conn.transaction(|conn| {
        if store::retry(conn, id, to_naive(now))? == 0 {
            return Err(ServiceError::new(
                ErrorCode::NotRetryable,
                format!(
                    "this email is {}; only failing or failed emails can be retried",
                    email.status
                ),
            ));
        }
        audit::record(
            conn,
            now,
            By::User(actor),
            AuditAction::EmailRetryRequested,
            &audit::email_subject(id),
            &format!("{} to {}", subject_of(mail, &email), email.recipient),
        )
    })?;
    tracing::info!(email = %id, by = %actor.user_id, "email retry requested");
    EmailView::of(mail, store::find(conn, id)?.ok_or_else(not_found)?)
}
