//! Writes promised emails into the outbox, inside the caller's transaction.
//! What each email's templates read is fixed now, in its reader's language,
//! so it states what was true when it was promised: the context is stored as
//! JSON; the subject and bodies are rendered from it when the email is read
//! (`subject`) or sent (`with_bodies`), outside the transaction that
//! promised it (a reply's transaction runs in SQLite's one writer, where
//! rendering the subject took 5 % of its time). Who gets which email, and when, is decided
//! by the service layer (`service::notices`); this only stores.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::render::{EmailKind, RenderError};
use super::Mail;
use crate::error::{ServiceError, ServiceResult};
use crate::store::emails::{self as emails_store, EmailRow, EmailStatus};
use crate::store::models::User;
use crate::store::{new_id, to_naive, DbConnection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub email: String,
    pub name: String,
    pub language: String,
}

impl From<&User> for Recipient {
    fn from(u: &User) -> Self {
        Recipient {
            email: u.email.clone(),
            name: u.name.clone(),
            language: u.language.clone(),
        }
    }
}

/// A file an email carries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub body: String,
}

/// The verifiable receipt an email carries (`"receipt_of"` in its stored
/// context): the file is made from the log when the email is sent, since
/// the entry takes its place in the tree only after the commit that queued
/// the email.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ReceiptOf {
    /// The row whose entry the receipt is of (a revision).
    pub record_id: String,
    /// The file's name (`receipt-<code>.json`).
    pub name: String,
}

/// A moment an email states, kept in its stored context as an instant and
/// written out in the reader's language when the email is rendered (ICU's
/// date formatting was a twentieth of the writer's time per reply when every
/// recipient's labels were made in the reply's transaction). The context's
/// `"times"` object maps a template field to one: `"received"` becomes the
/// field `received`, "21 August 2024 — 2024-08-21 11:30 Geneva (CEST, UTC+2)
/// = 09:30 UTC" in English.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct DatedTime {
    pub at: chrono::DateTime<chrono::Utc>,
    /// Written to the second (a cut-off set to the second), else to the
    /// minute unless the instant has seconds.
    pub seconds: bool,
}

impl DatedTime {
    /// Written out in `lang` (`mail::dated_time_label`).
    pub fn label(&self, catalogue: &crate::i18n::Catalogue, lang: &str) -> String {
        super::dated_time_label(catalogue, lang, self.at, self.seconds)
    }
}

/// Files kept whole in an email's stored context (`"attachments"`): how
/// emails queued by an earlier version carried the receipt.
pub fn attachments_of(context: Option<&str>) -> Vec<Attachment> {
    #[derive(serde::Deserialize)]
    struct Carried {
        #[serde(default)]
        attachments: Vec<Attachment>,
    }
    context
        .and_then(|c| serde_json::from_str::<Carried>(c).ok())
        .map(|c| c.attachments)
        .unwrap_or_default()
}

/// The receipt an email's stored context asks to attach, if any.
pub fn receipt_of(context: Option<&str>) -> Option<ReceiptOf> {
    #[derive(serde::Deserialize)]
    struct Carried {
        receipt_of: Option<ReceiptOf>,
    }
    context
        .and_then(|c| serde_json::from_str::<Carried>(c).ok())
        .and_then(|c| c.receipt_of)
}

/// One email for one recipient, before rendering.
pub struct Outgoing<'a, C: Serialize> {
    pub kind: EmailKind,
    pub to: &'a Recipient,
    /// What the templates of `kind` read.
    pub context: &'a C,
    pub consultation_id: Option<&'a str>,
    /// An email with the same key is queued only once.
    pub dedupe_key: Option<String>,
    /// A calendar entry to attach.
    pub ics: Option<String>,
}

/// Stores one email, due now. Returns false when it was not queued: the mail
/// is silenced, or an email with the same `dedupe_key` was already queued.
pub fn queue<C: Serialize>(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    email: Outgoing<'_, C>,
) -> ServiceResult<bool> {
    if mail.silent {
        return Ok(false);
    }
    let context = serde_json::to_string(email.context).map_err(ServiceError::internal)?;
    let row = stored(mail, now, &email, context, None);
    Ok(emails_store::insert(conn, &row)?)
}

/// One email per recipient of the same moment, each reading `shared` and its
/// own fields (`own`, whose names must differ from `shared`'s): `shared` is
/// stored once (`email_contexts`) and each email keeps only its own fields,
/// so that a reply confirmed to five people does not store its drafts and
/// responses five times. A single recipient's email keeps its whole context,
/// as `queue` does. Returns how many were queued (none when mail is silenced).
pub fn queue_shared<S: Serialize, O: Serialize>(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    kind: EmailKind,
    consultation_id: Option<&str>,
    shared: &S,
    each: &[(&Recipient, O)],
) -> ServiceResult<usize> {
    #[derive(Serialize)]
    struct Whole<'a, S, O> {
        #[serde(flatten)]
        shared: &'a S,
        #[serde(flatten)]
        own: &'a O,
    }
    if mail.silent || each.is_empty() {
        return Ok(0);
    }
    // `stored` reads only what addresses an email: no context needed.
    let addressed = |to| Outgoing {
        kind,
        to,
        context: &(),
        consultation_id,
        dedupe_key: None,
        ics: None,
    };
    if let [(to, own)] = each {
        let whole = Whole { shared, own };
        let context = serde_json::to_string(&whole).map_err(ServiceError::internal)?;
        let row = stored(mail, now, &addressed(to), context, None);
        emails_store::insert(conn, &row)?;
        return Ok(1);
    }
    let shared_id = new_id();
    let common = serde_json::to_string(shared).map_err(ServiceError::internal)?;
    emails_store::insert_shared_context(conn, &shared_id, &common)?;
    let rows = each
        .iter()
        .map(|(to, own)| {
            let context = serde_json::to_string(own).map_err(ServiceError::internal)?;
            Ok(stored(
                mail,
                now,
                &addressed(to),
                context,
                Some(shared_id.clone()),
            ))
        })
        .collect::<ServiceResult<Vec<EmailRow>>>()?;
    emails_store::insert_all(conn, &rows)?;
    Ok(rows.len())
}

/// The outbox row of one email, due now, its context as stored.
fn stored<C: Serialize>(
    mail: &Mail,
    now: DateTime<Utc>,
    email: &Outgoing<'_, C>,
    context: String,
    shared_context_id: Option<String>,
) -> EmailRow {
    let language = crate::i18n::supported(&email.to.language);
    let id = new_id();
    EmailRow {
        message_id: format!("<{id}@{}>", mail.message_id_domain()),
        id,
        kind: email.kind.as_str().to_owned(),
        dedupe_key: email.dedupe_key.clone(),
        recipient: email.to.email.clone(),
        language: language.to_owned(),
        // Rendered from the context when read or sent (`subject`).
        subject: String::new(),
        body_text: String::new(),
        body_html: String::new(),
        ics: email.ics.clone(),
        consultation_id: email.consultation_id.map(str::to_owned),
        status: EmailStatus::Queued.as_str().to_owned(),
        attempts: 0,
        next_attempt_at: to_naive(now),
        locked_until: None,
        last_error: None,
        smtp_response: None,
        created_at: to_naive(now),
        sent_at: None,
        lease_token: None,
        priority: email.kind.priority(),
        context: Some(context),
        shared_context_id,
    }
}

/// An email's subject: rendered from its stored context (emails queued
/// before subjects were deferred, or without a context, carry theirs).
pub fn subject(mail: &Mail, email: &EmailRow) -> Result<String, RenderError> {
    match &email.context {
        Some(context) if email.subject.is_empty() => {
            mail.renderer
                .subject_from_json(kind_of(email)?, &email.language, context)
        }
        _ => Ok(email.subject.clone()),
    }
}

fn kind_of(email: &EmailRow) -> Result<EmailKind, RenderError> {
    EmailKind::parse(&email.kind).ok_or_else(|| RenderError {
        kind: "unknown",
        detail: format!("email {} has kind {:?}", email.id, email.kind),
    })
}

/// The email as it goes out: its subject and bodies rendered from its
/// stored context (emails queued before bodies were deferred carry theirs
/// already).
pub fn with_bodies(mail: &Mail, mut email: EmailRow) -> Result<EmailRow, RenderError> {
    email.subject = subject(mail, &email)?;
    if let Some(context) = &email.context {
        let (text, html) = mail.renderer.bodies_from_json(
            kind_of(&email)?,
            &email.language,
            &email.subject,
            context,
        )?;
        email.body_text = text;
        email.body_html = html;
    }
    Ok(email)
}
