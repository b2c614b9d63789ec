use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use super::audit::{self, consultation_subject, AuditAction, By};
use super::changes;
use super::member_states::MemberStateView;
use super::notices;
use super::replies::CurrentReply;
use super::tally::Tally;
use super::ErrorCode;
use super::{new_id, to_naive, to_utc, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::consultation::{
    check_cancellation_reason, check_consultation, CheckedConsultation, ConsultationError,
    ProposedConsultation, ProposedDraft,
};
use crate::domain::deadline::{
    deadline_label, is_open, parse_deadline, parse_time_zone, DeadlineError, Precision,
};
use crate::domain::ids::ConsultationId;
use crate::domain::log_entry;
use crate::mail::Mail;
use crate::store::models::{ConsultationRow, DraftRow};
use crate::store::{self, DbConnection};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Closed,
    /// TSB cancelled it before its deadline: no more replies, no result.
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Open, Status::Closed, Status::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DraftView {
    /// Recommendation number, e.g. "X.1237".
    pub number: String,
    /// Name used while it is a draft, e.g. "X.tsfpp".
    pub provisional_name: String,
    pub title: String,
    pub text_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsultationView {
    #[schema(value_type = String)]
    pub id: ConsultationId,
    /// E.g. "TSB Circular 195".
    pub reference: String,
    pub study_group: String,
    pub title: String,
    /// The deadline as stated, in local time of `time_zone`.
    pub deadline: String,
    /// IANA time zone of the deadline.
    pub time_zone: String,
    /// First instant at which replies are refused (UTC, exclusive).
    pub closes_at: DateTime<Utc>,
    /// The deadline as people read it: "2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC".
    pub deadline_geneva: String,
    /// From the server clock at the time of the request; `cancelled` once
    /// TSB has cancelled it.
    pub status: Status,
    /// When the cut-off was sealed: every reply decided before `closes_at`
    /// had committed, and none could start. From then on the tally is final.
    /// Null until the first tally read or worker pass after `closes_at`.
    pub sealed_at: Option<DateTime<Utc>>,
    pub meeting_starts_on: Option<NaiveDate>,
    pub meeting_ends_on: Option<NaiveDate>,
    pub meeting_place: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When TSB cancelled the consultation (null unless `cancelled`).
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The user id of who cancelled it.
    pub cancelled_by: Option<String>,
    /// Why, as TSB wrote it to the Member States.
    pub cancellation_reason: Option<String>,
    /// When TSB certified the result to the study-group chairman: from then
    /// on no reply can be entered, for any time.
    pub certified_at: Option<DateTime<Utc>>,
    /// The user id of who certified it.
    pub certified_by: Option<String>,
    pub drafts: Vec<DraftView>,
    /// The calendar entry's SEQUENCE (internal: emails carry it).
    #[serde(skip)]
    pub notice_sequence: i32,
}

impl ConsultationView {
    pub fn from_rows(c: ConsultationRow, drafts: Vec<DraftRow>, now: DateTime<Utc>) -> Self {
        let closes_at = to_utc(c.closes_at);
        ConsultationView {
            status: if c.cancelled_at.is_some() {
                Status::Cancelled
            } else if is_open(closes_at, now) && c.sealed_at.is_none() {
                Status::Open
            } else {
                Status::Closed
            },
            deadline_geneva: deadline_label_of(&c.deadline, &c.time_zone, closes_at),
            id: ConsultationId::from(c.id),
            reference: c.reference,
            study_group: c.study_group,
            title: c.title,
            deadline: c.deadline,
            time_zone: c.time_zone,
            closes_at,
            meeting_starts_on: c.meeting_starts_on,
            meeting_ends_on: c.meeting_ends_on,
            meeting_place: c.meeting_place,
            created_at: to_utc(c.created_at),
            sealed_at: c.sealed_at.map(to_utc),
            cancelled_at: c.cancelled_at.map(to_utc),
            cancelled_by: c.cancelled_by,
            cancellation_reason: c.cancellation_reason,
            certified_at: c.certified_at.map(to_utc),
            certified_by: c.certified_by,
            notice_sequence: c.notice_sequence,
            drafts: drafts
                .into_iter()
                .map(|d| DraftView {
                    number: d.number,
                    provisional_name: d.provisional_name,
                    title: d.title,
                    text_url: d.text_url,
                })
                .collect(),
        }
    }

    pub fn is_open(&self) -> bool {
        self.status == Status::Open
    }

    pub fn is_cancelled(&self) -> bool {
        self.status == Status::Cancelled
    }

    /// TSB may still enter replies received in time and late ones: the
    /// cut-off has passed, nothing is certified or cancelled.
    pub fn takes_entries_after_cut_off(&self) -> bool {
        !self.is_open() && !self.is_cancelled() && self.certified_at.is_none()
    }

    /// The last instant the deadline includes, as people read it ("23:59"
    /// means until 23:59:59), and whether it was written to the second.
    pub fn last_included(&self) -> (DateTime<Utc>, Precision) {
        let precision = precision_of(&self.deadline, &self.time_zone);
        (self.closes_at - precision.span(), precision)
    }
}

/// Precision is re-read from the deadline as stored ("23:59" or "23:59:30").
fn precision_of(deadline: &str, time_zone: &str) -> Precision {
    parse_time_zone(time_zone)
        .and_then(|tz| parse_deadline(deadline, tz))
        .map(|d| d.precision)
        .unwrap_or(Precision::Minute)
}

fn deadline_label_of(deadline: &str, time_zone: &str, closes_at: DateTime<Utc>) -> String {
    deadline_label(closes_at, precision_of(deadline, time_zone))
}

impl From<ConsultationError> for ServiceError {
    fn from(e: ConsultationError) -> Self {
        let code = match &e {
            ConsultationError::Missing(_) => ErrorCode::MissingField,
            ConsultationError::TooLong(_) => ErrorCode::FieldTooLong,
            ConsultationError::ControlCharacter(_)
            | ConsultationError::ControlCharacterInText(_) => ErrorCode::ControlCharacters,
            ConsultationError::NoDrafts => ErrorCode::NoDrafts,
            ConsultationError::TooManyDrafts => ErrorCode::TooManyDrafts,
            ConsultationError::RepeatedDraft(_) => ErrorCode::RepeatedDraft,
            ConsultationError::MeetingDates | ConsultationError::MeetingBeforeDeadline { .. } => {
                ErrorCode::InvalidMeetingDates
            }
            ConsultationError::BadTextUrl(_) => ErrorCode::InvalidTextUrl,
            ConsultationError::Deadline(DeadlineError::UnknownTimeZone(_)) => {
                ErrorCode::UnknownTimeZone
            }
            ConsultationError::Deadline(DeadlineError::Malformed(_)) => ErrorCode::InvalidDeadline,
            ConsultationError::Deadline(DeadlineError::Nonexistent(..)) => {
                ErrorCode::NonexistentDeadline
            }
            ConsultationError::Deadline(DeadlineError::Ambiguous(..)) => {
                ErrorCode::AmbiguousDeadline
            }
        };
        let error = ServiceError::new(code, e.to_string());
        match e {
            ConsultationError::TooManyDrafts => error.because(
                super::Reason::new("consultation-too-many-drafts")
                    .arg("max", crate::domain::consultation::MAX_DRAFTS),
            ),
            _ => error,
        }
    }
}

fn row_of(
    id: &str,
    checked: &CheckedConsultation,
    created_at: chrono::NaiveDateTime,
    created_by: &str,
) -> ConsultationRow {
    ConsultationRow {
        id: id.to_owned(),
        reference: checked.reference.clone(),
        study_group: checked.study_group.clone(),
        title: checked.title.clone(),
        deadline: checked.deadline.local.clone(),
        time_zone: checked.deadline.time_zone.name().to_owned(),
        closes_at: to_naive(checked.deadline.closes_at),
        meeting_starts_on: checked.meeting_starts_on,
        meeting_ends_on: checked.meeting_ends_on,
        meeting_place: checked.meeting_place.clone(),
        created_at,
        created_by: created_by.to_owned(),
        sealed_at: None,
        notice_sequence: 0,
        cancelled_at: None,
        cancelled_by: None,
        cancellation_reason: None,
        certified_at: None,
        certified_by: None,
    }
}

/// What the audit trail says of a consultation created or changed.
fn audit_detail(row: &ConsultationRow) -> String {
    format!(
        "{} ({}), deadline {} {}",
        row.reference, row.study_group, row.deadline, row.time_zone
    )
}

fn draft_rows(consultation_id: &str, drafts: &[ProposedDraft]) -> Vec<DraftRow> {
    drafts
        .iter()
        .enumerate()
        .map(|(i, d)| DraftRow {
            id: new_id(),
            consultation_id: consultation_id.to_owned(),
            ordinal: i32::try_from(i).unwrap_or(i32::MAX),
            number: d.number.clone(),
            provisional_name: d.provisional_name.clone(),
            title: d.title.clone(),
            text_url: d.text_url.clone(),
        })
        .collect()
}

/// A consultation as its log entry says it, from its rows (also rebuilt by
/// `log verify`, with the event, time and author of the last entry).
pub(crate) fn consultation_entry(
    c: &ConsultationRow,
    drafts: &[DraftRow],
    event: &str,
    at: &str,
    by: &str,
) -> log_entry::ConsultationEntry {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let instant = |t: Option<chrono::NaiveDateTime>| t.map(|t| log_entry::instant(to_utc(t)));
    log_entry::ConsultationEntry {
        kind: log_entry::CONSULTATION.to_owned(),
        event: event.to_owned(),
        consultation_id: c.id.clone(),
        consultation_reference: c.reference.clone(),
        study_group: c.study_group.clone(),
        title: c.title.clone(),
        drafts: drafts
            .iter()
            .map(|d| log_entry::EntryDraft {
                number: d.number.clone(),
                provisional_name: d.provisional_name.clone(),
                title: d.title.clone(),
                text_url: d.text_url.clone(),
            })
            .collect(),
        deadline: c.deadline.clone(),
        time_zone: c.time_zone.clone(),
        closes_at: log_entry::instant(to_utc(c.closes_at)),
        meeting_starts_on: day(c.meeting_starts_on),
        meeting_ends_on: day(c.meeting_ends_on),
        meeting_place: c.meeting_place.clone(),
        cancelled_at: instant(c.cancelled_at),
        cancellation_reason: c.cancellation_reason.clone(),
        certified_at: instant(c.certified_at),
        at: at.to_owned(),
        by: by.to_owned(),
    }
}

/// Appends the consultation as it now stands to the verifiable log, in the
/// transaction of the change.
fn log_consultation(
    conn: &mut DbConnection,
    event: &str,
    now: DateTime<Utc>,
    actor: &Actor,
    id: &str,
) -> ServiceResult<()> {
    let (c, drafts) =
        store::consultations::find(conn, id)?.ok_or_else(ServiceError::consultation_not_found)?;
    let entry = consultation_entry(
        &c,
        &drafts,
        event,
        &log_entry::instant(now),
        actor.user_id.as_str(),
    );
    super::log::append(
        conn,
        now,
        super::log::NewEntry {
            kind: log_entry::CONSULTATION,
            consultation_id: Some(id),
            member_state: None,
            record_id: id,
            entry: &entry,
        },
    )?;
    Ok(())
}

/// TSB staff open a consultation. A deadline in the past is allowed: the
/// consultation is then closed at once (recording a past circular).
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    proposed: ProposedConsultation,
) -> ServiceResult<ConsultationView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let checked = check_consultation(proposed)?;
    let now = clock.now();
    let id = new_id();
    let row = row_of(&id, &checked, to_naive(now), actor.user_id.as_str());
    let drafts = draft_rows(&id, &checked.drafts);
    let reference = row.reference.clone();
    let view = conn.transaction(|conn| {
        store::consultations::lock_reference(conn, &reference)?;
        store::consultations::insert(conn, &row, &drafts)?;
        // Checked once the row is in: on SQLite the insert holds the write
        // lock, on PostgreSQL the reference's lock; so of two TSB staff
        // creating the same circular at once, one gets the error.
        if store::consultations::others_with_reference(conn, &reference, &id)? > 0 {
            return Err(duplicate_reference(&reference));
        }
        audit::record(
            conn,
            now,
            By::User(actor),
            AuditAction::ConsultationCreated,
            &consultation_subject(&id),
            &audit_detail(&row),
        )?;
        let view = ConsultationView::from_rows(row, drafts, now);
        // Focal points are invited in the same transaction: no consultation
        // opens without its invitations queued.
        notices::queue_invitations(conn, mail, now, &view)?;
        log_consultation(conn, "created", now, actor, &id)?;
        Ok::<_, ServiceError>(view)
    })?;
    tracing::info!(consultation = %id, by = %actor.user_id, reference = ?reference, "consultation created");
    Ok(view)
}

fn duplicate_reference(reference: &str) -> ServiceError {
    ServiceError::new(
        ErrorCode::DuplicateReference,
        format!("a consultation with the reference {reference:?} already exists"),
    )
}

fn locked(message: &str) -> ServiceError {
    ServiceError::new(ErrorCode::LockedAfterReplies, message.to_owned())
}

/// TSB staff change a consultation. Before any reply everything may change.
/// Once a Member State has replied, the reference, study group, drafts and
/// provisional names are fixed (replies refer to them) and the deadline may
/// only move later; titles, text links and meeting details may still change.
/// A closed or cancelled consultation cannot be changed.
///
/// Every focal point is told what changed (`notices::queue_change_notices`)
/// in the same transaction, unless `notify` is false: TSB may keep a typo
/// fix quiet, never a change of what Member States must do or by when
/// (`Change::must_be_notified`). Either way the audit trail says which.
#[allow(clippy::too_many_arguments)]
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    id: &ConsultationId,
    proposed: ProposedConsultation,
    notify: bool,
) -> ServiceResult<ConsultationView> {
    let id = id.as_str();
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let checked = check_consultation(proposed)?;
    let (view, noticed) = conn.transaction(|conn| {
        // Exclusive, so no reply is decided against the old deadline or drafts
        // meanwhile; the time is read once it is held, like a reply's.
        if !store::consultations::lock_exclusive(conn, id)? {
            return Err(ServiceError::consultation_not_found());
        }
        let now = clock.now();
        let (old, old_drafts) = store::consultations::find(conn, id)?.ok_or_else(ServiceError::consultation_not_found)?;
        let before = ConsultationView::from_rows(old.clone(), old_drafts.clone(), now);
        if before.is_cancelled() {
            return Err(cancelled(&before));
        }
        if !before.is_open() {
            return Err(ServiceError::new(ErrorCode::ConsultationClosed, "a closed consultation cannot be changed"));
        }
        let row = row_of(&old.id, &checked, old.created_at, &old.created_by);
        if row.reference != old.reference {
            store::consultations::lock_reference(conn, &row.reference)?;
            if store::consultations::others_with_reference(conn, &row.reference, id)? > 0 {
                return Err(duplicate_reference(&row.reference));
            }
        }
        if store::consultations::has_replies(conn, id)? {
            if row.reference != old.reference || row.study_group != old.study_group {
                return Err(locked("the reference and study group cannot change once Member States have replied"));
            }
            let same_drafts = checked.drafts.len() == old_drafts.len()
                && checked
                    .drafts
                    .iter()
                    .zip(&old_drafts)
                    .all(|(new, old)| new.number == old.number && new.provisional_name == old.provisional_name);
            if !same_drafts {
                return Err(locked("drafts cannot be added, removed, renumbered or renamed once Member States have replied"));
            }
            if row.closes_at < old.closes_at {
                return Err(locked("once Member States have replied, the deadline may only be extended"));
            }
            for (new, old) in checked.drafts.iter().zip(&old_drafts) {
                store::consultations::update_draft_text(conn, &old.id, &new.title, new.text_url.as_deref())?;
            }
        } else {
            let drafts = draft_rows(id, &checked.drafts);
            store::consultations::replace_drafts(conn, id, &drafts)?;
        }
        store::consultations::update(conn, &row)?;
        let (c, ds) = store::consultations::find(conn, id)?.ok_or_else(ServiceError::consultation_not_found)?;
        let after = ConsultationView::from_rows(c, ds, now);
        let changed = changes::changes(&before, &after);
        if !notify {
            if let Some(c) = changed.iter().find(|c| c.must_be_notified()) {
                return Err(ServiceError::new(
                    ErrorCode::NoticeRequired,
                    format!("this change ({}) must be notified to the Member States: only wording, links and the meeting place may change without notice", c.code()),
                ));
            }
        }
        let noticed = if notify && !changed.is_empty() {
            let sequence = store::consultations::next_notice_sequence(conn, id)?;
            Some(notices::queue_change_notices(conn, mail, now, &before, &after, &changed, sequence)?)
        } else {
            None
        };
        let what = if changed.is_empty() {
            "nothing changed".to_owned()
        } else {
            changed.iter().map(changes::Change::code).collect::<Vec<_>>().join(", ")
        };
        let notice = match noticed {
            Some(n) => format!("notice to {n} recipients"),
            None if changed.is_empty() => "no notice needed".to_owned(),
            None => "no notice (marked by TSB as a correction)".to_owned(),
        };
        audit::record(
            conn,
            now,
            By::User(actor),
            AuditAction::ConsultationChanged,
            &consultation_subject(id),
            &format!("{}; changed: {what}; {notice}", audit_detail(&row)),
        )?;
        log_consultation(conn, "changed", now, actor, id)?;
        let (c, ds) = store::consultations::find(conn, id)?.ok_or_else(ServiceError::consultation_not_found)?;
        Ok((ConsultationView::from_rows(c, ds, now), noticed))
    })?;
    tracing::info!(consultation = %id, by = %actor.user_id, notices = ?noticed, "consultation changed");
    Ok(view)
}

/// The refusal of anything on a cancelled consultation.
pub fn cancelled(c: &ConsultationView) -> ServiceError {
    let when = c
        .cancelled_at
        .map(|t| t.format(" on %Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    ServiceError::new(
        ErrorCode::ConsultationCancelled,
        format!(
            "{} was cancelled by TSB{when}: {}",
            c.reference,
            c.cancellation_reason
                .as_deref()
                .unwrap_or("no reason given")
        ),
    )
}

/// TSB cancels an open consultation, saying why. Replies already given are
/// kept (and exportable) but count for nothing; no more are accepted; every
/// focal point is told, with a calendar entry that withdraws the deadline.
/// A closed consultation cannot be cancelled: its result is final.
pub fn cancel(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    id: &ConsultationId,
    reason: &str,
) -> ServiceResult<ConsultationView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let reason = check_cancellation_reason(reason)?;
    let id = id.as_str();
    let (view, noticed) = conn.transaction(|conn| {
        // Exclusive, like a seal: the replies in flight commit first.
        if !store::consultations::lock_exclusive(conn, id)? {
            return Err(ServiceError::consultation_not_found());
        }
        let now = clock.now();
        let (c, ds) = store::consultations::find(conn, id)?
            .ok_or_else(ServiceError::consultation_not_found)?;
        let before = ConsultationView::from_rows(c, ds, now);
        if before.is_cancelled() {
            return Err(cancelled(&before));
        }
        if !before.is_open() {
            return Err(ServiceError::new(
                ErrorCode::ConsultationClosed,
                "a closed consultation cannot be cancelled: its result is final",
            ));
        }
        store::consultations::cancel(conn, id, to_naive(now), actor.user_id.as_str(), &reason)?;
        let sequence = store::consultations::next_notice_sequence(conn, id)?;
        let (c, ds) = store::consultations::find(conn, id)?
            .ok_or_else(ServiceError::consultation_not_found)?;
        let view = ConsultationView::from_rows(c, ds, now);
        let noticed = notices::queue_cancellation_notices(conn, mail, now, &view, sequence)?;
        audit::record(
            conn,
            now,
            By::User(actor),
            AuditAction::ConsultationCancelled,
            &consultation_subject(id),
            &format!(
                "{} ({}); reason: {reason}; notice to {noticed} recipients",
                view.reference, view.study_group
            ),
        )?;
        log_consultation(conn, "cancelled", now, actor, id)?;
        Ok::<_, ServiceError>((view, noticed))
    })?;
    tracing::info!(consultation = %id, by = %actor.user_id, notices = noticed, "consultation cancelled");
    Ok(view)
}

/// TSB certifies the result when it communicates it to the study-group
/// chairman (9.4.6): after the cut-off (sealed first, so every reply in
/// flight has committed), once. From then on no reply can be entered for
/// any time; every focal point and TSB's copy get the result, in the same
/// transaction.
pub fn certify(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    id: &ConsultationId,
) -> ServiceResult<Tally> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let (tally, noticed) = conn.transaction(|conn| {
        // Exclusive: the entries in flight (which hold it shared) commit
        // first, and none starts until the certification is in.
        if !store::consultations::lock_exclusive(conn, id.as_str())? {
            return Err(ServiceError::consultation_not_found());
        }
        let now = clock.now();
        let (c, ds) = store::consultations::find(conn, id.as_str())?
            .ok_or_else(ServiceError::consultation_not_found)?;
        let before = ConsultationView::from_rows(c, ds, now);
        if before.is_cancelled() {
            return Err(cancelled(&before));
        }
        if now < before.closes_at {
            return Err(ServiceError::new(
                ErrorCode::ConsultationOpen,
                format!(
                    "{} is still open: its result can be certified once the cut-off ({}) has passed",
                    before.reference, before.deadline_geneva
                ),
            ));
        }
        if let Some(at) = before.certified_at {
            return Err(ServiceError::new(
                ErrorCode::ResultCertified,
                format!(
                    "the result of {} was already certified on {}",
                    before.reference,
                    at.format("%Y-%m-%d %H:%M UTC")
                ),
            ));
        }
        if before.sealed_at.is_none() {
            store::consultations::seal(conn, id.as_str(), to_naive(now))?;
        }
        store::consultations::certify(conn, id.as_str(), to_naive(now), actor.user_id.as_str())?;
        let (c, ds) = store::consultations::find(conn, id.as_str())?
            .ok_or_else(ServiceError::consultation_not_found)?;
        let view = ConsultationView::from_rows(c, ds, now);
        let tally = super::tally::read(conn, &view)?;
        let noticed = notices::queue_certified_result(conn, mail, now, &view, &tally)?;
        let outcomes: Vec<String> = tally
            .drafts
            .iter()
            .map(|d| format!("{} {}/{} yes: {}", d.draft, d.yes, d.replies, d.outcome.as_str()))
            .collect();
        audit::record(
            conn,
            now,
            By::User(actor),
            AuditAction::ResultCertified,
            &consultation_subject(id.as_str()),
            &format!(
                "{} ({}); {}; {} replied, {} late; result to {noticed} recipients",
                view.reference,
                view.study_group,
                outcomes.join(", "),
                tally.member_states_replied,
                tally.late_replies
            ),
        )?;
        log_consultation(conn, "certified", now, actor, id.as_str())?;
        Ok::<_, ServiceError>((tally, noticed))
    })?;
    tracing::info!(consultation = %id, by = %actor.user_id, notices = noticed, "result certified");
    Ok(tally)
}

/// Any signed-in user may see a consultation.
pub fn get(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    id: &ConsultationId,
) -> ServiceResult<ConsultationView> {
    let id = id.as_str();
    let (c, ds) =
        store::consultations::find(conn, id)?.ok_or_else(ServiceError::consultation_not_found)?;
    Ok(ConsultationView::from_rows(c, ds, clock.now()))
}

/// A consultation as a tally reads it: once its cut-off has passed, sealed
/// first (see `seal`), so that a tally said to be final can never change.
pub fn get_sealed(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    id: &ConsultationId,
) -> ServiceResult<ConsultationView> {
    let view = get(conn, clock, id)?;
    if !seal_is_due(&view) {
        return Ok(view);
    }
    seal(conn, clock, id)?;
    get(conn, clock, id)
}

/// The cut-off has passed and nothing has sealed it yet. A cancelled
/// consultation has no result to make final.
fn seal_is_due(view: &ConsultationView) -> bool {
    !view.is_open() && view.sealed_at.is_none() && !view.is_cancelled()
}

/// Whether `get_sealed` would seal the consultation at the clock's time: a
/// read on a connection that may not write asks first, and has the seal
/// made through the writer (`seal`). False for an unknown
/// consultation: the read itself then says so, after its own checks.
pub fn seal_due(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    id: &ConsultationId,
) -> ServiceResult<bool> {
    Ok(match store::consultations::find(conn, id.as_str())? {
        Some((c, ds)) => seal_is_due(&ConsultationView::from_rows(c, ds, clock.now())),
        None => false,
    })
}

/// Seals the cut-off of a consultation whose `closes_at` has passed: takes
/// it exclusively, which waits for every reply still in flight (replies hold
/// it shared) and keeps new ones out, reads the time only then, and records
/// `sealed_at`. Does nothing before `closes_at` or when already sealed;
/// returns when it was sealed, if it is.
pub fn seal(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    id: &ConsultationId,
) -> ServiceResult<Option<DateTime<Utc>>> {
    let sealed = conn.transaction(|conn| {
        if !store::consultations::lock_exclusive(conn, id.as_str())? {
            return Err(ServiceError::consultation_not_found());
        }
        let now = clock.now();
        let (c, _) = store::consultations::find(conn, id.as_str())?
            .ok_or_else(ServiceError::consultation_not_found)?;
        if let Some(at) = c.sealed_at {
            return Ok::<_, ServiceError>((Some(to_utc(at)), false));
        }
        if is_open(to_utc(c.closes_at), now) || c.cancelled_at.is_some() {
            return Ok((None, false));
        }
        store::consultations::seal(conn, id.as_str(), to_naive(now))?;
        Ok((Some(now), true))
    })?;
    if let (Some(at), true) = sealed {
        tracing::info!(consultation = %id, sealed_at = %at, "cut-off sealed: the tally is final");
    }
    Ok(sealed.0)
}

/// Every consultation, or those of one status ("open", "closed", "cancelled").
pub fn list_with_status(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    status: Option<&str>,
) -> ServiceResult<Vec<ConsultationView>> {
    let wanted = match status {
        None => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            ServiceError::new(
                ErrorCode::InvalidQuery,
                format!(
                    "status must be one of {}",
                    Status::ALL.map(Status::as_str).join(", ")
                ),
            )
        })?),
    };
    let all = list(conn, clock)?;
    Ok(match wanted {
        None => all,
        Some(w) => all.into_iter().filter(|c| c.status == w).collect(),
    })
}

pub fn list(conn: &mut DbConnection, clock: &dyn Clock) -> ServiceResult<Vec<ConsultationView>> {
    let now = clock.now();
    Ok(store::consultations::list(conn)?
        .into_iter()
        .map(|(c, ds)| ConsultationView::from_rows(c, ds, now))
        .collect())
}

/// A consultation on TSB's list, with how many Member States have replied.
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationSummary {
    #[serde(flatten)]
    pub consultation: ConsultationView,
    pub member_states_replied: u32,
}

/// TSB's list of consultations, as of one instant.
#[derive(Debug, Clone)]
pub struct Overview {
    pub consultations: Vec<ConsultationSummary>,
    pub as_of: DateTime<Utc>,
}

/// Every consultation with its count of replies, in a fixed number of
/// queries whatever the number of consultations (TSB staff).
pub fn overview(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
) -> ServiceResult<Overview> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let as_of = clock.now();
    let mut replied: HashMap<String, u32> = HashMap::new();
    for (consultation_id, _) in store::replies::replied_member_states(conn)? {
        *replied.entry(consultation_id).or_default() += 1;
    }
    let consultations = list(conn, clock)?
        .into_iter()
        .map(|c| ConsultationSummary {
            member_states_replied: replied.get(c.id.as_str()).copied().unwrap_or(0),
            consultation: c,
        })
        .collect();
    Ok(Overview {
        consultations,
        as_of,
    })
}

/// What TSB's page of one consultation shows.
#[derive(Debug, Clone)]
pub struct ConsultationDetail {
    pub consultation: ConsultationView,
    pub tally: Tally,
    /// Member States whose current reply counts (not withdrawn), by code.
    pub replied: Vec<CurrentReply>,
    /// Member States with no reply in force, by code.
    pub not_replied: Vec<MemberStateView>,
    /// Replies received after the cut-off: kept and reported, not counted.
    pub late: Vec<CurrentReply>,
    /// TSB may still enter replies received in time (by fax or email) and
    /// late ones: the cut-off has passed, nothing is certified or cancelled.
    pub entries_after_cut_off: bool,
    /// Every Member State, for entering a reply on behalf of one.
    pub member_states: Vec<MemberStateView>,
    /// Whether any Member State ever replied (the drafts are then fixed).
    pub has_replies: bool,
    pub as_of: DateTime<Utc>,
}

/// A consultation with its live tally and who replied (TSB staff), in a
/// fixed number of queries.
pub fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ConsultationId,
) -> ServiceResult<ConsultationDetail> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let as_of = clock.now();
    let consultation = get_sealed(conn, clock, id)?;
    let responses = store::replies::current_responses(conn, id.as_str())?;
    let late = super::tally::late_replies(conn, id.as_str())?;
    let tally = super::tally::count(&consultation, &responses, late);
    let replied: Vec<CurrentReply> =
        super::replies::current_replies(conn, &consultation, responses)?
            .into_iter()
            .filter(|r| !r.reply.withdrawn)
            .collect();
    let member_states = super::member_states::list(conn)?;
    let replied_codes: HashSet<&str> = replied
        .iter()
        .map(|r| r.member_state.iso3.as_str())
        .collect();
    let not_replied = member_states
        .iter()
        .filter(|m| !replied_codes.contains(m.iso3.as_str()))
        .cloned()
        .collect();
    let has_replies = store::consultations::has_replies(conn, id.as_str())?;
    let late = super::replies::late_replies(conn, &consultation)?;
    Ok(ConsultationDetail {
        entries_after_cut_off: consultation.takes_entries_after_cut_off(),
        consultation,
        tally,
        replied,
        not_replied,
        late,
        member_states,
        has_replies,
        as_of,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_drafts_tells_pages_the_limit() {
        let e = ServiceError::from(ConsultationError::TooManyDrafts);
        let reason = e.reason().unwrap();
        let key = format!("error-{}", reason.id);
        let args: Vec<_> = reason
            .args
            .iter()
            .map(|(k, v)| (*k, fluent_bundle::FluentValue::from(v.clone())))
            .collect();
        let text = crate::i18n::Catalogue::embedded()
            .unwrap()
            .text("fr", &key, &args);
        assert!(text.contains("200"), "{text}");
    }

    fn view(deadline: &str) -> ConsultationView {
        let tz = parse_time_zone("Europe/Zurich").unwrap();
        let closes_at = parse_deadline(deadline, tz).unwrap().closes_at;
        let now: DateTime<Utc> = "2024-08-01T00:00:00Z".parse().unwrap();
        let row = ConsultationRow {
            id: "c".into(),
            reference: "TSB Circular 195".into(),
            study_group: "SG17".into(),
            title: "t".into(),
            deadline: deadline.into(),
            time_zone: "Europe/Zurich".into(),
            closes_at: closes_at.naive_utc(),
            meeting_starts_on: None,
            meeting_ends_on: None,
            meeting_place: None,
            created_at: now.naive_utc(),
            created_by: "u".into(),
            sealed_at: None,
            notice_sequence: 0,
            cancelled_at: None,
            cancelled_by: None,
            cancellation_reason: None,
            certified_at: None,
            certified_by: None,
        };
        ConsultationView::from_rows(row, Vec::new(), now)
    }

    #[test]
    fn the_last_included_instant_follows_the_written_precision() {
        let (last, precision) = view("2024-08-21T23:59").last_included();
        assert_eq!(precision, Precision::Minute);
        assert_eq!(
            last,
            "2024-08-21T21:59:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        let (last, precision) = view("2024-08-21T23:59:30").last_included();
        assert_eq!(precision, Precision::Second);
        assert_eq!(
            last,
            "2024-08-21T21:59:30Z".parse::<DateTime<Utc>>().unwrap()
        );
    }
}
