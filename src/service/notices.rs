//! Who gets which email, and when: the notification policy of a
//! consultation. Confirmations of every reply revision, invitations when a
//! consultation opens, reminders before the cut-off, the closing summary after
//! it, and the emails of accounts. `mail` renders, queues and sends what is
//! decided here.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, TimeZone, Utc};
use diesel::Connection;
use fluent_bundle::FluentValue;
use serde::Serialize;

use super::changes::Change;
use super::consultations::{ConsultationView, DraftView};
use super::tally::{DraftTally, Tally};
use super::{to_naive, to_utc, ServiceError, ServiceResult};
use crate::auth::Role;
use crate::clock::Clock;
use crate::domain::deadline::{Precision, GENEVA};
use crate::domain::reply::Response;
use crate::mail::outbox::{self, Outgoing, Recipient};
use crate::mail::render::EmailKind;
use crate::mail::{dated_time_label, ics, Mail};
use crate::store::emails as emails_store;
use crate::store::models::User;
use crate::store::{self, DbConnection};

/// The deadline as a reader sees it: the last included minute (or second).
fn deadline_text(mail: &Mail, lang: &str, c: &ConsultationView) -> String {
    deadline_time(c).label(mail.renderer.catalogue(), lang)
}

/// The last moment a consultation takes replies, as its emails state it.
fn deadline_time(c: &ConsultationView) -> outbox::DatedTime {
    let (at, precision) = c.last_included();
    outbox::DatedTime {
        at,
        seconds: precision == Precision::Second,
    }
}

/// The page of a Member State's reply on the site (`tail` after it, e.g.
/// "/receipt?revision=2"), for links in emails.
fn reply_link(mail: &Mail, consultation_id: &str, iso3: &str, tail: &str) -> String {
    format!(
        "{}/consultations/{consultation_id}/replies/{iso3}{tail}",
        mail.settings.public_url
    )
}

/// The consultation's meeting in the reader's language (None if unknown).
fn meeting_text(mail: &Mail, lang: &str, c: &ConsultationView) -> Option<String> {
    crate::mail::meeting_label(
        mail.renderer.catalogue(),
        lang,
        c.meeting_starts_on,
        c.meeting_ends_on,
        c.meeting_place.as_deref(),
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

/// A Member State's reply in force: its revision and the drafts it answers
/// (none if withdrawn).
struct Answered {
    revision: i32,
    drafts: HashSet<String>,
}

/// The current reply of every Member State that has replied, by code.
fn answered_drafts(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> ServiceResult<BTreeMap<String, Answered>> {
    let responses = store::replies::current_responses(conn, consultation_id)?;
    let mut by_revision: BTreeMap<&str, HashSet<String>> = BTreeMap::new();
    for r in &responses {
        by_revision
            .entry(r.row.revision_id.as_str())
            .or_default()
            .insert(r.draft_number.clone());
    }
    Ok(store::replies::current_revisions(conn, consultation_id)?
        .into_iter()
        .map(|rev| {
            let drafts = by_revision.remove(rev.id.as_str()).unwrap_or_default();
            (
                rev.member_state,
                Answered {
                    revision: rev.revision,
                    drafts,
                },
            )
        })
        .collect())
}

/// The calendar entry of a consultation's deadline for one reader: same
/// `UID` for the consultation's whole life, `sequence` raised by each notice.
fn calendar(
    mail: &Mail,
    lang: &str,
    c: &ConsultationView,
    sequence: i32,
    stamp: DateTime<Utc>,
) -> String {
    let cat = mail.renderer.catalogue();
    let summary = cat.text(
        lang,
        "ics-summary",
        &[
            ("reference", FluentValue::from(c.reference.clone())),
            ("study_group", FluentValue::from(c.study_group.clone())),
        ],
    );
    let description = if c.is_cancelled() {
        cat.text(
            lang,
            "cancellation-intro",
            &[("reference", FluentValue::from(c.reference.clone()))],
        )
    } else {
        cat.text(
            lang,
            "invitation-deadline",
            &[("deadline", FluentValue::from(deadline_text(mail, lang, c)))],
        )
    };
    let uid = format!("{}@{}", c.id, mail.message_id_domain());
    ics::deadline_event(&ics::DeadlineEntry {
        uid: &uid,
        sequence: u32::try_from(sequence).unwrap_or(0),
        summary: &summary,
        description: &description,
        url: &mail.settings.public_url,
        closes_at: c.closes_at,
        stamp,
        cancelled: c.is_cancelled(),
    })
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
    pub revision: i32,
    pub received_at: DateTime<Utc>,
    /// Later than `received_at` when TSB attests when a fax or email came.
    pub entered_at: DateTime<Utc>,
    pub late: bool,
    pub receipt: &'a str,
    pub submitter: &'a Recipient,
    pub on_behalf: bool,
    pub source: Option<&'a str>,
    pub responses: &'a [Response],
    /// The revision's id: its verifiable receipt (`receipt-<code>.json`)
    /// is attached when the email is sent (`mail::outbox::ReceiptOf`).
    pub log_record: &'a str,
}

/// What a reply's confirmation says to every recipient alike (stored once:
/// `outbox::queue_shared`).
#[derive(Serialize)]
struct ConfirmationContext<'a> {
    reference: &'a str,
    study_group: &'a str,
    revision: i32,
    withdrawn: bool,
    /// `received`, `entered` (when TSB attests an earlier reception, else
    /// None) and `deadline`, written out when the email is rendered.
    times: &'a BTreeMap<&'static str, Option<outbox::DatedTime>>,
    late: bool,
    /// The consultation still takes revisions (so the email says until when).
    open: bool,
    receipt: &'a str,
    entered_by: &'a str,
    on_behalf: bool,
    source: Option<&'a str>,
    drafts: Vec<DraftLine<'a>>,
    /// The receipt page of this revision.
    link: String,
    /// The verifiable receipt the email carries, made when it is sent.
    receipt_of: outbox::ReceiptOf,
}

/// What a reply's confirmation says to one recipient only.
#[derive(Serialize)]
struct ConfirmationReader<'a> {
    recipient_name: &'a str,
    /// The Member State's name in the reader's language.
    member_state: String,
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
    let dated = |at| outbox::DatedTime { at, seconds: false };
    let times = BTreeMap::from([
        ("received", Some(dated(n.received_at))),
        (
            "entered",
            (n.entered_at != n.received_at).then(|| dated(n.entered_at)),
        ),
        ("deadline", Some(deadline_time(c))),
    ]);
    let shared = ConfirmationContext {
        reference: &c.reference,
        study_group: &c.study_group,
        revision: n.revision,
        withdrawn: n.responses.is_empty(),
        times: &times,
        late: n.late,
        open: c.is_open(),
        receipt: n.receipt,
        entered_by: &n.submitter.name,
        on_behalf: n.on_behalf,
        source: n.source,
        drafts,
        link: reply_link(
            mail,
            c.id.as_str(),
            n.member_state_iso3,
            &format!("/receipt?revision={}", n.revision),
        ),
        receipt_of: outbox::ReceiptOf {
            record_id: n.log_record.to_owned(),
            name: format!("receipt-{}.json", n.receipt),
        },
    };
    let each: Vec<(&Recipient, ConfirmationReader<'_>)> = recipients
        .iter()
        .map(|to| {
            let reader = ConfirmationReader {
                recipient_name: &to.name,
                member_state: crate::i18n::names::name_of(&to.language, n.member_state_iso3),
            };
            (to, reader)
        })
        .collect();
    outbox::queue_shared(
        conn,
        mail,
        now,
        EmailKind::ReplyConfirmation,
        Some(c.id.as_str()),
        &shared,
        &each,
    )
}

#[derive(Serialize)]
struct InvitationContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    title: &'a str,
    drafts: &'a [DraftView],
    deadline: String,
    /// The study group's meeting, written out (None if unknown).
    meeting: Option<String>,
    /// The recipient's reply form.
    link: String,
}

/// Invites every focal point to a consultation that has just opened, with the
/// deadline as a calendar entry. Once per consultation.
pub fn queue_invitations(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
) -> ServiceResult<usize> {
    if !c.is_open()
        || !emails_store::record_notice(conn, c.id.as_str(), "invitation", to_naive(now))?
    {
        return Ok(0);
    }
    let focal_points = store::users::active_with_role(conn, Role::Member)?;
    let mut queued = 0;
    for u in &focal_points {
        let to = Recipient::from(u);
        let deadline = deadline_text(mail, &to.language, c);
        let ctx = InvitationContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            title: &c.title,
            drafts: &c.drafts,
            deadline,
            meeting: meeting_text(mail, &to.language, c),
            link: match u.member_state.as_deref() {
                Some(iso3) => reply_link(mail, c.id.as_str(), iso3, ""),
                None => mail.settings.public_url.clone(),
            },
        };
        let calendar = calendar(mail, &to.language, c, c.notice_sequence, now);
        let key = format!("invitation:{}:{}", c.id, u.id);
        if outbox::queue(
            conn,
            mail,
            now,
            Outgoing {
                kind: EmailKind::Invitation,
                to: &to,
                context: &ctx,
                consultation_id: Some(c.id.as_str()),
                dedupe_key: Some(key),
                ics: Some(calendar),
            },
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

#[derive(Serialize)]
struct ChangeLine {
    label: String,
    old: String,
    new: String,
}

/// The lines of a notice of change in the reader's language: what, old → new.
fn change_lines(
    mail: &Mail,
    lang: &str,
    old: &ConsultationView,
    new: &ConsultationView,
    changes: &[Change],
) -> Vec<ChangeLine> {
    let cat = mail.renderer.catalogue();
    let t = |key: &str| cat.text(lang, key, &[]);
    let none = || t("change-none");
    let or_none = |v: Option<&str>| v.map(str::to_owned).unwrap_or_else(none);
    let draft = |c: &ConsultationView, n: &str| c.drafts.iter().find(|d| d.number == n).cloned();
    let of_draft = |n: &str, what: &str| {
        cat.text(
            lang,
            "change-of-draft",
            &[
                ("draft", FluentValue::from(n.to_owned())),
                ("what", FluentValue::from(t(what))),
            ],
        )
    };
    let dates = |c: &ConsultationView| {
        crate::mail::meeting_label(cat, lang, c.meeting_starts_on, c.meeting_ends_on, None)
    };
    let described = |d: Option<DraftView>| {
        d.map(|d| format!("{} ({}): {}", d.number, d.provisional_name, d.title))
            .unwrap_or_else(none)
    };
    changes
        .iter()
        .map(|c| {
            let (label, o, n) = match c {
                Change::Reference => (
                    t("label-reference"),
                    old.reference.clone(),
                    new.reference.clone(),
                ),
                Change::StudyGroup => (
                    t("label-study-group"),
                    old.study_group.clone(),
                    new.study_group.clone(),
                ),
                Change::Title => (t("label-title"), old.title.clone(), new.title.clone()),
                Change::Deadline => (
                    t("label-deadline"),
                    deadline_text(mail, lang, old),
                    deadline_text(mail, lang, new),
                ),
                Change::TimeZone => (
                    t("label-time-zone"),
                    old.time_zone.clone(),
                    new.time_zone.clone(),
                ),
                Change::MeetingDates => (
                    t("label-meeting"),
                    or_none(dates(old).as_deref()),
                    or_none(dates(new).as_deref()),
                ),
                Change::MeetingPlace => (
                    t("label-meeting-place"),
                    or_none(old.meeting_place.as_deref()),
                    or_none(new.meeting_place.as_deref()),
                ),
                Change::DraftAdded(d) => {
                    (t("change-draft-added"), none(), described(draft(new, d)))
                }
                Change::DraftRemoved(d) => {
                    (t("change-draft-removed"), described(draft(old, d)), none())
                }
                Change::DraftName(d) => (
                    of_draft(d, "label-provisional-name"),
                    or_none(draft(old, d).map(|x| x.provisional_name).as_deref()),
                    or_none(draft(new, d).map(|x| x.provisional_name).as_deref()),
                ),
                Change::DraftTitle(d) => (
                    of_draft(d, "label-title"),
                    or_none(draft(old, d).map(|x| x.title).as_deref()),
                    or_none(draft(new, d).map(|x| x.title).as_deref()),
                ),
                Change::DraftLink(d) => (
                    of_draft(d, "label-text-url"),
                    or_none(draft(old, d).and_then(|x| x.text_url).as_deref()),
                    or_none(draft(new, d).and_then(|x| x.text_url).as_deref()),
                ),
            };
            ChangeLine {
                label,
                old: o,
                new: n,
            }
        })
        .collect()
}

/// What becomes of a Member State's reply after a change: it stands, unless
/// a draft it answered was removed; or there is none yet.
fn reply_after_change(
    mail: &Mail,
    lang: &str,
    member_state: &str,
    answered: Option<&Answered>,
    changes: &[Change],
    new: &ConsultationView,
) -> String {
    let cat = mail.renderer.catalogue();
    let ms = ("member_state", FluentValue::from(member_state.to_owned()));
    match answered.filter(|a| !a.drafts.is_empty()) {
        None => cat.text(
            lang,
            "notice-no-reply",
            &[
                ms,
                (
                    "deadline",
                    FluentValue::from(deadline_text(mail, lang, new)),
                ),
            ],
        ),
        Some(a) => {
            let removed: Vec<&str> = changes
                .iter()
                .filter_map(|c| match c {
                    Change::DraftRemoved(d) if a.drafts.contains(d) => Some(d.as_str()),
                    _ => None,
                })
                .collect();
            if removed.is_empty() {
                cat.text(
                    lang,
                    "notice-reply-stands",
                    &[ms, ("revision", FluentValue::from(a.revision))],
                )
            } else {
                cat.text(
                    lang,
                    "notice-reply-partly",
                    &[ms, ("drafts", FluentValue::from(removed.join(", ")))],
                )
            }
        }
    }
}

#[derive(Serialize)]
struct ChangeNoticeContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    title: &'a str,
    changes: Vec<ChangeLine>,
    /// The deadline now.
    deadline: String,
    meeting: Option<String>,
    /// What becomes of the recipient's Member State's reply (None for TSB's copy).
    reply: Option<String>,
    /// The recipient's reply form, or the site for TSB's copy.
    link: String,
}

/// Tells every focal point (and TSB's copy address) what changed in a
/// consultation, old → new, whether its reply still stands, with the
/// calendar entry updated (`sequence`). Once per focal point and notice.
pub fn queue_change_notices(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    old: &ConsultationView,
    new: &ConsultationView,
    changes: &[Change],
    sequence: i32,
) -> ServiceResult<usize> {
    let answered = answered_drafts(conn, new.id.as_str())?;
    let focal_points = store::users::active_with_role(conn, Role::Member)?;
    let recipients = focal_points
        .iter()
        .map(|u| (Recipient::from(u), u.member_state.as_deref()))
        .chain(tsb_copy(mail).map(|r| (r, None)));
    let mut queued = 0;
    for (to, iso3) in recipients {
        let lang = to.language.as_str();
        let ctx = ChangeNoticeContext {
            recipient_name: &to.name,
            reference: &new.reference,
            study_group: &new.study_group,
            title: &new.title,
            changes: change_lines(mail, lang, old, new, changes),
            deadline: deadline_text(mail, lang, new),
            meeting: meeting_text(mail, lang, new),
            reply: iso3.map(|iso3| {
                let name = crate::i18n::names::name_of(lang, iso3);
                reply_after_change(mail, lang, &name, answered.get(iso3), changes, new)
            }),
            link: match iso3 {
                Some(iso3) => reply_link(mail, new.id.as_str(), iso3, ""),
                None => format!("{}/tsb/consultations/{}", mail.settings.public_url, new.id),
            },
        };
        let key = format!("change:{}:{sequence}:{}", new.id, to.email.to_lowercase());
        if outbox::queue(
            conn,
            mail,
            now,
            Outgoing {
                kind: EmailKind::ChangeNotice,
                to: &to,
                context: &ctx,
                consultation_id: Some(new.id.as_str()),
                dedupe_key: Some(key),
                ics: Some(calendar(mail, lang, new, sequence, now)),
            },
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

#[derive(Serialize)]
struct CancellationContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    title: &'a str,
    reason: &'a str,
    /// When it was cancelled, in Geneva and UTC.
    cancelled: String,
    link: String,
}

/// Tells every focal point (and TSB's copy address) that a consultation
/// was cancelled and why, with a calendar entry that withdraws the deadline.
pub fn queue_cancellation_notices(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
    sequence: i32,
) -> ServiceResult<usize> {
    let focal_points = store::users::active_with_role(conn, Role::Member)?;
    let recipients = focal_points
        .iter()
        .map(|u| (Recipient::from(u), u.member_state.as_deref()))
        .chain(tsb_copy(mail).map(|r| (r, None)));
    let mut queued = 0;
    for (to, iso3) in recipients {
        let lang = to.language.as_str();
        let ctx = CancellationContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            title: &c.title,
            reason: c.cancellation_reason.as_deref().unwrap_or_default(),
            cancelled: dated_time_label(
                mail.renderer.catalogue(),
                lang,
                c.cancelled_at.unwrap_or(now),
                false,
            ),
            link: match iso3 {
                Some(iso3) => reply_link(mail, c.id.as_str(), iso3, ""),
                None => format!("{}/tsb/consultations/{}", mail.settings.public_url, c.id),
            },
        };
        let key = format!("cancellation:{}:{}", c.id, to.email.to_lowercase());
        if outbox::queue(
            conn,
            mail,
            now,
            Outgoing {
                kind: EmailKind::Cancellation,
                to: &to,
                context: &ctx,
                consultation_id: Some(c.id.as_str()),
                dedupe_key: Some(key),
                ics: Some(calendar(mail, lang, c, sequence, now)),
            },
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
    missing: Vec<&'a DraftView>,
    deadline: String,
    deadline_date: String,
    /// The study group's meeting, written out (None if unknown).
    meeting: Option<String>,
    /// The recipient's reply form.
    link: String,
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
    let answered = answered_drafts(conn, c.id.as_str())?;
    let focal_points = store::users::active_with_role(conn, Role::Member)?;
    let deadline_date = (c.closes_at - Duration::seconds(1))
        .with_timezone(&GENEVA)
        .format("%Y-%m-%d")
        .to_string();
    let mut queued = 0;
    for u in &focal_points {
        let Some(iso3) = u.member_state.as_deref() else {
            continue;
        };
        let done = answered.get(iso3);
        let missing: Vec<_> = c
            .drafts
            .iter()
            .filter(|d| !done.is_some_and(|a| a.drafts.contains(d.number.as_str())))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let to = Recipient::from(u);
        let name = crate::i18n::names::name_of(&to.language, iso3);
        let ctx = ReminderContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            member_state: &name,
            missing,
            deadline: deadline_text(mail, &to.language, c),
            deadline_date: deadline_date.clone(),
            meeting: meeting_text(mail, &to.language, c),
            link: reply_link(mail, c.id.as_str(), iso3, ""),
        };
        let key = format!(
            "reminder:{}:{days}:{}:{}",
            c.id,
            c.closes_at.timestamp(),
            u.id
        );
        if outbox::queue(
            conn,
            mail,
            now,
            Outgoing {
                kind: EmailKind::Reminder,
                to: &to,
                context: &ctx,
                consultation_id: Some(c.id.as_str()),
                dedupe_key: Some(key),
                ics: None,
            },
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
    drafts: &'a [DraftTally],
    /// A focal point's reply page, where the result is shown with its reply.
    link: Option<String>,
}

/// Who is told a result: TSB (its copy address, or every TSB account) and
/// every focal point, once each, with the link of a focal point's reply
/// page of the consultation.
fn result_recipients(
    conn: &mut DbConnection,
    mail: &Mail,
    c: &ConsultationView,
) -> ServiceResult<Vec<(Recipient, Option<String>)>> {
    let tsb: Vec<(Recipient, Option<String>)> = match tsb_copy(mail) {
        Some(r) => vec![(r, None)],
        None => store::users::active_with_role(conn, Role::Tsb)?
            .iter()
            .map(|u| (Recipient::from(u), None))
            .collect(),
    };
    let focal_points = store::users::active_with_role(conn, Role::Member)?
        .into_iter()
        .filter_map(|u| {
            let link = reply_link(mail, c.id.as_str(), u.member_state.as_deref()?, "");
            Some((Recipient::from(&u), Some(link)))
        });
    let mut seen = HashSet::new();
    Ok(tsb
        .into_iter()
        .chain(focal_points)
        .filter(|(r, _)| seen.insert(r.email.to_lowercase()))
        .collect())
}

#[derive(Serialize)]
struct CertifiedContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    deadline: String,
    certified: String,
    member_states_replied: u32,
    late_replies: u32,
    drafts: &'a [DraftTally],
    link: Option<String>,
}

/// The certified result (9.4.6), to every focal point and TSB's copy, each
/// in its language, in the transaction that certifies it.
pub fn queue_certified_result(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
    tally: &Tally,
) -> ServiceResult<usize> {
    let mut queued = 0;
    for (to, link) in &result_recipients(conn, mail, c)? {
        let ctx = CertifiedContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            deadline: deadline_text(mail, &to.language, c),
            certified: dated_time_label(mail.renderer.catalogue(), &to.language, now, false),
            member_states_replied: tally.member_states_replied,
            late_replies: tally.late_replies,
            drafts: &tally.drafts,
            link: link.clone(),
        };
        let key = format!("certified_result:{}:{}", c.id, to.email.to_lowercase());
        if outbox::queue(
            conn,
            mail,
            now,
            Outgoing {
                kind: EmailKind::CertifiedResult,
                to,
                context: &ctx,
                consultation_id: Some(c.id.as_str()),
                dedupe_key: Some(key),
                ics: None,
            },
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

#[derive(Serialize)]
struct DecisionLine<'a> {
    draft: &'a str,
    provisional_name: &'a str,
    outcome: &'static str,
    decided_on: String,
    deferred_until: Option<String>,
    reservations: Vec<(String, &'a str)>,
    abstentions: Vec<String>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct DecisionsContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    decisions: Vec<DecisionLine<'a>>,
    link: Option<String>,
}

/// The notification of the meeting's decisions (9.6.1) to every focal
/// point and TSB's copy, each in its language.
pub fn queue_decision_notices(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
    decisions: &[super::decisions::DecisionView],
) -> ServiceResult<usize> {
    let mut queued = 0;
    for (to, link) in &result_recipients(conn, mail, c)? {
        let date = |d: chrono::NaiveDate| crate::i18n::format::long_date(&to.language, d);
        let ctx = DecisionsContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            decisions: decisions
                .iter()
                .map(|d| DecisionLine {
                    draft: &d.draft,
                    provisional_name: &d.provisional_name,
                    outcome: d.outcome.as_str(),
                    decided_on: date(d.decided_on),
                    deferred_until: d.deferred_until.map(date),
                    reservations: d
                        .reservations
                        .iter()
                        .map(|r| {
                            (
                                crate::i18n::names::name_of(&to.language, &r.member_state.iso3),
                                r.text.as_str(),
                            )
                        })
                        .collect(),
                    abstentions: d
                        .abstentions
                        .iter()
                        .map(|m| crate::i18n::names::name_of(&to.language, &m.iso3))
                        .collect(),
                    note: d.note.as_deref(),
                })
                .collect(),
            link: link.clone(),
        };
        if outbox::queue(
            conn,
            mail,
            now,
            Outgoing {
                kind: EmailKind::DecisionNotice,
                to,
                context: &ctx,
                consultation_id: Some(c.id.as_str()),
                dedupe_key: None,
                ics: None,
            },
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

#[derive(Serialize)]
struct DeferralContext<'a> {
    recipient_name: &'a str,
    reference: &'a str,
    study_group: &'a str,
    draft: &'a str,
    deferred_until: String,
    link: String,
}

/// Tells TSB (its copy address, or every TSB account) that a deferral has
/// ended, once per deferral.
pub fn queue_deferral_reminder(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
    draft: &str,
    until: chrono::NaiveDate,
) -> ServiceResult<usize> {
    let tsb: Vec<Recipient> = match tsb_copy(mail) {
        Some(r) => vec![r],
        None => store::users::active_with_role(conn, Role::Tsb)?
            .iter()
            .map(Recipient::from)
            .collect(),
    };
    let mut queued = 0;
    for to in &tsb {
        let ctx = DeferralContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            draft,
            deferred_until: crate::i18n::format::long_date(&to.language, until),
            link: format!(
                "{}/tsb/consultations/{}/decisions",
                mail.settings.public_url, c.id
            ),
        };
        let key = format!(
            "deferral:{}:{draft}:{until}:{}",
            c.id,
            to.email.to_lowercase()
        );
        if outbox::queue(
            conn,
            mail,
            now,
            Outgoing {
                kind: EmailKind::DeferralReminder,
                to,
                context: &ctx,
                consultation_id: Some(c.id.as_str()),
                dedupe_key: Some(key),
                ics: None,
            },
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// The final tally, once sealed, to TSB (its copy address, or every TSB
/// account) and to every focal point, each in its language; a focal
/// point's copy links to its Member State's page of the consultation.
fn queue_closing_summary(
    conn: &mut DbConnection,
    mail: &Mail,
    now: DateTime<Utc>,
    c: &ConsultationView,
    tally: &Tally,
) -> ServiceResult<usize> {
    let recipients = result_recipients(conn, mail, c)?;
    let mut queued = 0;
    for (to, link) in &recipients {
        let ctx = SummaryContext {
            recipient_name: &to.name,
            reference: &c.reference,
            study_group: &c.study_group,
            deadline: deadline_text(mail, &to.language, c),
            member_states_replied: tally.member_states_replied,
            drafts: &tally.drafts,
            link: link.clone(),
        };
        let key = format!("closing_summary:{}:{}", c.id, to.email.to_lowercase());
        if outbox::queue(
            conn,
            mail,
            now,
            Outgoing {
                kind: EmailKind::ClosingSummary,
                to,
                context: &ctx,
                consultation_id: Some(c.id.as_str()),
                dedupe_key: Some(key),
                ics: None,
            },
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// When the reminder `days` before the cut-off is due: the same Geneva
/// wall-clock time, that many calendar days earlier (so a clock change in
/// between does not shift it by an hour).
pub fn reminder_at(closes_at: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    let local = closes_at.with_timezone(&GENEVA).naive_local() - Duration::days(i64::from(days));
    match GENEVA.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        // In the spring-forward gap: the first instant after it.
        chrono::LocalResult::None => GENEVA
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(closes_at - Duration::days(i64::from(days))),
    }
}

/// Queues whatever time has made due: reminders before each cut-off and the
/// summary after it, once the cut-off is sealed. Each round goes out once,
/// even with several workers: the notice and its emails commit together.
pub fn schedule(conn: &mut DbConnection, mail: &Mail, clock: &dyn Clock) -> ServiceResult<usize> {
    let now = clock.now();
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
        let sealed = row.sealed_at.is_some();
        let c = ConsultationView::from_rows(row, drafts, now);
        // Cancelled: no reminders, no result to send.
        if c.is_cancelled() {
            continue;
        }
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
                if emails_store::has_notice(conn, c.id.as_str(), &notice)? {
                    continue;
                }
                // A later round also due (the service was down) supersedes this one.
                let superseded = i + 1 < due.len();
                queued += conn.transaction(|conn| {
                    if !emails_store::record_notice(conn, c.id.as_str(), &notice, to_naive(now))?
                        || superseded
                    {
                        return Ok::<_, ServiceError>(0);
                    }
                    queue_reminders(conn, mail, now, &c, *d)
                })?;
            }
        } else if created_at < closes_at
            && !emails_store::has_notice(conn, c.id.as_str(), "closing_summary")?
        {
            // The summary states the final tally: seal first (waits for any
            // reply still in flight).
            let c = if sealed {
                c
            } else {
                super::consultations::get_sealed(conn, clock, &c.id)?
            };
            let tally = super::tally::read(conn, &c)?;
            queued += conn.transaction(|conn| {
                if !emails_store::record_notice(
                    conn,
                    c.id.as_str(),
                    "closing_summary",
                    to_naive(now),
                )? {
                    return Ok::<_, ServiceError>(0);
                }
                queue_closing_summary(conn, mail, now, &c, &tally)
            })?;
        }
    }
    // The end of each deferral of a meeting decision, to TSB.
    queued += super::decisions::queue_deferral_reminders(conn, mail, clock)?;
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
    outbox::queue(
        conn,
        mail,
        now,
        Outgoing {
            kind,
            to: &to,
            context: &ctx,
            consultation_id: None,
            dedupe_key: None,
            ics: None,
        },
    )
}

/// The files an email carries, made as it is sent: for a reply's
/// confirmation, the revision's verifiable receipt (`receipt-<code>.json`),
/// the same file the receipt page gives. Its entry is appended a moment
/// after the commit that queued the email; one still queued (a process
/// stopped in between) is appended here first.
pub fn attachments(
    conn: &mut DbConnection,
    key: &crate::tlog::LogKey,
    clock: &dyn Clock,
    email: &store::emails::EmailRow,
) -> ServiceResult<Vec<outbox::Attachment>> {
    let Some(of) = outbox::receipt_of(email.context.as_deref()) else {
        return Ok(Vec::new());
    };
    let mut log = super::log::receipt_of_record(conn, &of.record_id)?;
    if log.is_none() && store::log::record_queued(conn, &of.record_id)? {
        super::log::settle(conn, key, clock.now())?;
        log = super::log::receipt_of_record(conn, &of.record_id)?;
    }
    let Some(log) = log else {
        // A revision stored before the log began (none since the
        // start-up's backfill): no receipt to attach.
        return Ok(Vec::new());
    };
    let file = crate::tlog::ReceiptFile {
        log,
        key: key.verifier_key().to_owned(),
    };
    Ok(vec![outbox::Attachment {
        name: of.name,
        content_type: "application/json".to_owned(),
        body: file.to_text()?,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn reminders_keep_the_geneva_wall_clock_time() {
        // 21 Aug 2024 23:59 Geneva: closes 22:00 UTC; 7 days before is 15 Aug, same local time.
        let closes = utc("2024-08-21T22:00:00Z");
        assert_eq!(reminder_at(closes, 7), utc("2024-08-14T22:00:00Z"));
        assert_eq!(reminder_at(closes, 1), utc("2024-08-20T22:00:00Z"));
        // Deadline 2 April 2024 12:00 CEST; 7 days earlier is 26 March 12:00 CET = 11:00 UTC.
        let closes = utc("2024-04-02T10:00:00Z");
        assert_eq!(reminder_at(closes, 7), utc("2024-03-26T11:00:00Z"));
    }
}
