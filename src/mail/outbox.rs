//! Writes promised emails into the outbox, inside the caller's transaction.
//! Each email is rendered now, in its reader's language, so it states what was
//! true when it was promised.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use diesel::Connection;
use fluent_bundle::FluentValue;
use serde::Serialize;

use super::render::EmailKind;
use super::{dated_time_label, ics, reminder_at, Mail};
use crate::domain::deadline::{Precision, GENEVA};
use crate::domain::reply::Response;
use crate::service::consultations::ConsultationView;
use crate::service::tally::Tally;
use crate::service::{new_id, to_naive, to_utc, ServiceError, ServiceResult};
use crate::store::emails::{self as emails_store, EmailRow, QUEUED};
use crate::store::models::User;
use crate::store::{self, DbConnection};

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

/// One email for one recipient, rendered and stored. Returns false when an
/// email with the same `dedupe_key` was already queued.
#[allow(clippy::too_many_arguments)]
fn queue<C: Serialize>(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    kind: EmailKind,
    to: &Recipient,
    context: &C,
    consultation_id: Option<&str>,
    dedupe_key: Option<String>,
    ics: Option<String>,
) -> ServiceResult<bool> {
    if mail.silent {
        return Ok(false);
    }
    let rendered = mail
        .renderer
        .render(kind, &to.language, context)
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let id = new_id();
    let row = EmailRow {
        message_id: format!("<{id}@{}>", mail.message_id_domain()),
        id,
        kind: kind.as_str().to_owned(),
        dedupe_key,
        recipient: to.email.clone(),
        language: crate::i18n::supported(&to.language).to_owned(),
        subject: rendered.subject,
        body_text: rendered.text,
        body_html: rendered.html,
        ics,
        consultation_id: consultation_id.map(str::to_owned),
        status: QUEUED.to_owned(),
        attempts: 0,
        next_attempt_at: to_naive(now),
        locked_until: None,
        last_error: None,
        smtp_response: None,
        created_at: to_naive(now),
        sent_at: None,
    };
    Ok(emails_store::insert(conn, &row)?)
}

/// The deadline as a reader sees it: the last included minute (or second).
fn deadline_text(mail: &Mail, lang: &str, c: &ConsultationView) -> String {
    let (last, precision) = c.last_included();
    dated_time_label(
        mail.renderer.catalogue(),
        lang,
        last,
        precision == Precision::Second,
    )
}

/// The TSB copy address, as a recipient writing in English.
fn tsb_copy(mail: &Mail) -> Option<Recipient> {
    mail.settings.tsb_copy_to.as_ref().map(|email| Recipient {
        email: email.clone(),
        name: "TSB".into(),
        language: "en".into(),
    })
}

/// Adds recipients once per address (case-insensitive).
fn unique(recipients: impl IntoIterator<Item = Recipient>) -> Vec<Recipient> {
    let mut seen = HashSet::new();
    recipients
        .into_iter()
        .filter(|r| seen.insert(r.email.to_lowercase()))
        .collect()
}

#[derive(Serialize, Clone, Copy)]
struct DraftLine<'a> {
    number: &'a str,
    provisional_name: &'a str,
    title: &'a str,
    text_url: Option<&'a str>,
    position: Option<&'static str>,
    reasons: Option<&'a str>,
    comments: Option<&'a str>,
}

/// A new revision (or withdrawal) of a Member State's reply, as stored.
pub struct ReplyNotice<'a> {
    pub consultation: &'a ConsultationView,
    pub member_state_iso3: &'a str,
    pub member_state_name: &'a str,
    pub revision: i32,
    pub received_at: DateTime<Utc>,
    pub receipt: &'a str,
    pub submitter: &'a Recipient,
    pub on_behalf: bool,
    pub source: Option<&'a str>,
    pub responses: &'a [Response],
}

#[derive(Serialize)]
struct ConfirmationContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    member_state: &'a str,
    revision: i32,
    withdrawn: bool,
    received: String,
    receipt: &'a str,
    entered_by: &'a str,
    on_behalf: bool,
    source: Option<&'a str>,
    drafts: Vec<DraftLine<'a>>,
    deadline: String,
}

/// Confirms a reply revision to its submitter, every focal point of the
/// Member State, and TSB's copy address.
pub fn queue_reply_confirmation(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    n: &ReplyNotice<'_>,
) -> ServiceResult<usize> {
    let focal_points = store::users::focal_points(conn, n.member_state_iso3)?;
    let recipients = unique(
        std::iter::once(n.submitter.clone())
            .chain(focal_points.iter().map(Recipient::from))
            .chain(tsb_copy(mail)),
    );
    let c = n.consultation;
    let drafts: Vec<DraftLine<'_>> = c
        .drafts
        .iter()
        .map(|d| {
            let r = n.responses.iter().find(|r| r.draft == d.number);
            DraftLine {
                number: &d.number,
                provisional_name: &d.provisional_name,
                title: &d.title,
                text_url: d.text_url.as_deref(),
                position: r.map(|r| r.position.as_str()),
                reasons: r.and_then(|r| r.reasons.as_deref()),
                comments: r.and_then(|r| r.comments.as_deref()),
            }
        })
        .collect();
    let mut queued = 0;
    for to in &recipients {
        let ctx = ConfirmationContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            member_state: n.member_state_name,
            revision: n.revision,
            withdrawn: n.responses.is_empty(),
            received: dated_time_label(
                mail.renderer.catalogue(),
                &to.language,
                n.received_at,
                false,
            ),
            receipt: n.receipt,
            entered_by: &n.submitter.name,
            on_behalf: n.on_behalf,
            source: n.source,
            drafts: drafts.clone(),
            deadline: deadline_text(mail, &to.language, c),
        };
        if queue(
            conn,
            mail,
            now,
            EmailKind::ReplyConfirmation,
            to,
            &ctx,
            Some(&c.id),
            None,
            None,
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

#[derive(Serialize)]
struct InvitationContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    title: &'a str,
    drafts: &'a [crate::service::consultations::DraftView],
    deadline: String,
    public_url: &'a str,
}

/// Invites every focal point to a consultation that has just opened, with the
/// deadline as a calendar entry. Once per consultation.
pub fn queue_invitations(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
) -> ServiceResult<usize> {
    if !c.is_open() || !emails_store::record_notice(conn, &c.id, "invitation", to_naive(now))? {
        return Ok(0);
    }
    let users = store::users::list(conn)?;
    let mut queued = 0;
    for u in users
        .iter()
        .filter(|u| u.role == "member" && u.deactivated_at.is_none())
    {
        let to = Recipient::from(u);
        let deadline = deadline_text(mail, &to.language, c);
        let ctx = InvitationContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            title: &c.title,
            drafts: &c.drafts,
            deadline: deadline.clone(),
            public_url: &mail.settings.public_url,
        };
        let cat = mail.renderer.catalogue();
        let summary = cat.text(
            &to.language,
            "ics-summary",
            &[
                ("reference", FluentValue::from(c.reference.clone())),
                ("study_group", FluentValue::from(c.study_group.clone())),
            ],
        );
        let description = cat.text(
            &to.language,
            "invitation-deadline",
            &[("deadline", FluentValue::from(deadline))],
        );
        let uid = format!("{}@{}", c.id, mail.message_id_domain());
        let calendar = ics::deadline_event(
            &uid,
            &summary,
            &description,
            &mail.settings.public_url,
            c.closes_at,
        );
        let key = format!("invitation:{}:{}", c.id, u.id);
        if queue(
            conn,
            mail,
            now,
            EmailKind::Invitation,
            &to,
            &ctx,
            Some(&c.id),
            Some(key),
            Some(calendar),
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

#[derive(Serialize)]
struct ReminderContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    member_state: &'a str,
    missing: Vec<&'a crate::service::consultations::DraftView>,
    deadline: String,
    deadline_date: String,
    public_url: &'a str,
}

/// Reminds the focal points of every Member State that has not replied to
/// every draft. Never to those that have.
fn queue_reminders(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
    days: u32,
) -> ServiceResult<usize> {
    let responses = store::replies::current_responses(conn, &c.id)?;
    let revisions = store::replies::current_revisions(conn, &c.id)?;
    let mut answered: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    for rev in &revisions {
        let drafts: HashSet<&str> = responses
            .iter()
            .filter(|r| r.row.revision_id == rev.id)
            .map(|r| r.draft_number.as_str())
            .collect();
        answered.insert(rev.member_state.as_str(), drafts);
    }
    let names: BTreeMap<String, String> = store::member_states::all(conn)?
        .into_iter()
        .map(|m| (m.iso3, m.name_en))
        .collect();
    let users = store::users::list(conn)?;
    let deadline_date = (c.closes_at - Duration::seconds(1))
        .with_timezone(&GENEVA)
        .format("%Y-%m-%d")
        .to_string();
    let mut queued = 0;
    for u in users
        .iter()
        .filter(|u| u.role == "member" && u.deactivated_at.is_none())
    {
        let Some(iso3) = u.member_state.as_deref() else {
            continue;
        };
        let done = answered.get(iso3);
        let missing: Vec<_> = c
            .drafts
            .iter()
            .filter(|d| !done.is_some_and(|s| s.contains(d.number.as_str())))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let to = Recipient::from(u);
        let ctx = ReminderContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            member_state: names.get(iso3).map(String::as_str).unwrap_or(iso3),
            missing,
            deadline: deadline_text(mail, &to.language, c),
            deadline_date: deadline_date.clone(),
            public_url: &mail.settings.public_url,
        };
        let key = format!(
            "reminder:{}:{days}:{}:{}",
            c.id,
            c.closes_at.timestamp(),
            u.id
        );
        if queue(
            conn,
            mail,
            now,
            EmailKind::Reminder,
            &to,
            &ctx,
            Some(&c.id),
            Some(key),
            None,
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

#[derive(Serialize)]
struct SummaryContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    deadline: String,
    member_states_replied: u32,
    drafts: &'a [crate::service::tally::DraftTally],
}

fn queue_closing_summary(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
    tally: &Tally,
) -> ServiceResult<usize> {
    let recipients: Vec<Recipient> = match tsb_copy(mail) {
        Some(r) => vec![r],
        None => store::users::list(conn)?
            .iter()
            .filter(|u| u.role == "tsb" && u.deactivated_at.is_none())
            .map(Recipient::from)
            .collect(),
    };
    let mut queued = 0;
    for to in &recipients {
        let ctx = SummaryContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            deadline: deadline_text(mail, &to.language, c),
            member_states_replied: tally.member_states_replied,
            drafts: &tally.drafts,
        };
        let key = format!("closing_summary:{}:{}", c.id, to.email.to_lowercase());
        if queue(
            conn,
            mail,
            now,
            EmailKind::ClosingSummary,
            to,
            &ctx,
            Some(&c.id),
            Some(key),
            None,
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues whatever time has made due: reminders before each cut-off and the
/// summary after it. Each round goes out once, even with several workers: the
/// notice and its emails commit together.
pub fn schedule(conn: &mut DbConnection, mail: &Mail, now: DateTime<Utc>) -> ServiceResult<usize> {
    let mut days = mail.settings.reminder_days.clone();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    let mut queued = 0;
    for (row, drafts) in store::consultations::list(conn)? {
        let closes_at = to_utc(row.closes_at);
        let created_at = to_utc(row.created_at);
        // Old consultations need nothing more.
        if now - closes_at > Duration::days(30) {
            continue;
        }
        let c = ConsultationView::from_rows(row, drafts, now);
        if c.is_open() {
            let due: Vec<u32> = days
                .iter()
                .copied()
                .filter(|d| {
                    let at = reminder_at(closes_at, *d);
                    now >= at && created_at < at
                })
                .collect();
            for (i, d) in due.iter().enumerate() {
                // Keyed by the cut-off too, so that an extended deadline re-arms its reminders.
                let notice = format!("reminder:{d}:{}", closes_at.timestamp());
                if emails_store::has_notice(conn, &c.id, &notice)? {
                    continue;
                }
                // A later round also due (the service was down) supersedes this one.
                let superseded = i + 1 < due.len();
                queued += conn.transaction(|conn| {
                    if !emails_store::record_notice(conn, &c.id, &notice, to_naive(now))?
                        || superseded
                    {
                        return Ok::<_, ServiceError>(0);
                    }
                    queue_reminders(conn, mail, now, &c, *d)
                })?;
            }
        } else if created_at < closes_at
            && !emails_store::has_notice(conn, &c.id, "closing_summary")?
        {
            let responses = store::replies::current_responses(conn, &c.id)?;
            let tally = crate::service::tally::count(&c, &responses);
            queued += conn.transaction(|conn| {
                if !emails_store::record_notice(conn, &c.id, "closing_summary", to_naive(now))? {
                    return Ok::<_, ServiceError>(0);
                }
                queue_closing_summary(conn, mail, now, &c, &tally)
            })?;
        }
    }
    Ok(queued)
}

#[derive(Serialize)]
struct AccountContext<'a> {
    recipient_name: &'a str,
    role: String,
    link: &'a str,
    expires: String,
}

/// An invitation to set a password, or a password reset, with its link.
pub fn queue_account_email(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    kind: EmailKind,
    user: &User,
    link: &str,
    expires_at: DateTime<Utc>,
) -> ServiceResult<bool> {
    let to = Recipient::from(user);
    let cat = mail.renderer.catalogue();
    let role = match user.member_state.as_deref() {
        Some(ms) => {
            let name = store::member_states::find(conn, ms)?
                .map(|m| m.name_en)
                .unwrap_or_else(|| ms.to_owned());
            cat.text(
                &to.language,
                "role-member",
                &[("member_state", FluentValue::from(name))],
            )
        }
        None => cat.text(&to.language, "role-tsb", &[]),
    };
    let ctx = AccountContext {
        recipient_name: &to.name,
        role,
        link,
        expires: dated_time_label(cat, &to.language, expires_at, false),
    };
    queue(conn, mail, now, kind, &to, &ctx, None, None, None)
}
