use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::Connection;
use rand::Rng;
use serde::Serialize;
use utoipa::ToSchema;

use super::audit::{self, reply_subject, AuditAction, By};
use super::consultations::{ConsultationView, DraftView};
use super::notices::{self, ReplyNotice};
use super::ErrorCode;
use super::{new_id, to_naive, to_utc, Reason, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::consultation::{is_single_line, MAX_FIELD_CHARS};
use crate::domain::deadline::geneva_label;
use crate::domain::entry::{self, Claimed, Decided, EntryError, Moment};
use crate::domain::ids::ConsultationId;
use crate::domain::log_entry;
use crate::domain::member_state::Iso3;
use crate::domain::receipt::format_receipt;
use crate::domain::reply::{
    check_reply, Position, ReplyError, ReplyWarning, Response, SubmittedResponse,
};
use crate::mail::outbox::Recipient;
use crate::mail::Mail;
use crate::store::models::{NewQueuedEntry, ReplyRow, ResponseRow, RevisionRow, User};
use crate::store::replies::StoredResponse;
use crate::store::{self, DbConnection};
use crate::tlog::{LogKey, LogReceipt};

/// What the sender of a reply gets back.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReplyReceipt {
    /// 1, 2, 3, … per Member State and consultation.
    pub revision: i32,
    pub received_at: DateTime<Utc>,
    pub received_at_geneva: String,
    /// When it was stored: later than `received_at` when TSB entered a reply
    /// it attests it received in time (by fax or email).
    pub entered_at: DateTime<Utc>,
    /// Received after the cut-off: recorded, never counted.
    pub late: bool,
    /// Code unique to this revision.
    pub receipt: String,
    /// False when the reply was identical to the current one, so no revision was made.
    pub changed: bool,
    pub warnings: Vec<ReplyWarning>,
    /// The revision's entry in the verifiable log, with a signed checkpoint
    /// that covers it and the inclusion proof: a receipt anyone can check
    /// (see docs/verifying.md). None only for a revision stored before the
    /// log began.
    pub log: Option<LogReceipt>,
    /// The revision's id, whose entry gives `log`.
    #[serde(skip)]
    pub(crate) revision_id: String,
}

impl ReplyReceipt {
    /// The revision's log receipt from those the append that took its entry
    /// left in memory (the usual case: no read); false when it is not there.
    pub fn with_recent(&mut self, recent: &crate::tlog::RecentReceipts) -> bool {
        self.log = recent.take(&self.revision_id);
        self.log.is_some()
    }

    /// The revision's log receipt, once its entry is appended (right after
    /// the commit that stored it: `AppState::write_then`).
    pub fn with_log(
        conn: &mut DbConnection,
        recent: &crate::tlog::RecentReceipts,
        mut receipt: Self,
    ) -> ServiceResult<Self> {
        receipt.log = match recent.take(&receipt.revision_id) {
            Some(log) => Some(log),
            None => super::log::receipt_of_record(conn, &receipt.revision_id)?,
        };
        if receipt.log.is_none() && store::log::record_queued(conn, &receipt.revision_id)? {
            return Err(ServiceError::unavailable(format!(
                "revision {} is stored (receipt {}), but its entry in the verifiable log is not \
                 appended yet; send the same reply again for its log receipt",
                receipt.revision, receipt.receipt
            )));
        }
        Ok(receipt)
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResponseView {
    pub draft: String,
    pub provisional_name: String,
    pub position: Position,
    pub reasons: Option<String>,
    pub comments: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EnteredBy {
    pub user_id: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RevisionView {
    pub revision: i32,
    pub received_at: DateTime<Utc>,
    pub received_at_geneva: String,
    /// When it was stored. Later than `received_at` when `attested`.
    pub entered_at: DateTime<Utc>,
    /// `received_at` is TSB's attestation of when a fax or email reached it
    /// (see `source`), not the server's clock.
    pub attested: bool,
    /// Received after the cut-off: kept and reported, never counted.
    pub late: bool,
    pub receipt: String,
    /// A withdrawal: the revision has no responses and does not count.
    pub withdrawn: bool,
    pub entered_by: EnteredBy,
    /// Entered by TSB staff on behalf of the Member State.
    pub on_behalf: bool,
    /// How TSB received it (e.g. "fax of 20 August"), when entered on behalf.
    pub source: Option<String>,
    pub responses: Vec<ResponseView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberStateRef {
    pub iso3: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReplyView {
    #[schema(value_type = String)]
    pub consultation_id: ConsultationId,
    pub member_state: MemberStateRef,
    /// The revision in force; None if the Member State never replied.
    pub current: Option<RevisionView>,
    /// Every revision, oldest first.
    pub revisions: Vec<RevisionView>,
}

impl From<ReplyError> for ServiceError {
    fn from(e: ReplyError) -> Self {
        let code = match &e {
            ReplyError::Empty => ErrorCode::EmptyReply,
            ReplyError::UnknownDraft(_) => ErrorCode::UnknownDraft,
            ReplyError::RepeatedDraft(_) => ErrorCode::RepeatedDraft,
            ReplyError::InvalidPosition { .. } => ErrorCode::InvalidPosition,
            ReplyError::TextTooLong { .. } => ErrorCode::TextTooLong,
        };
        ServiceError::new(code, e.to_string())
    }
}

/// Why a consultation takes no reply: cancelled, or closed.
fn closed(c: &ConsultationView) -> ServiceError {
    if c.is_cancelled() {
        return super::consultations::cancelled(c);
    }
    ServiceError::new(
        ErrorCode::ConsultationClosed,
        format!(
            "{} closed: its deadline was {} (replies refused from {}); replies are no longer accepted",
            c.reference,
            c.deadline_geneva,
            c.closes_at.format("%Y-%m-%d %H:%M:%S UTC")
        ),
    )
}

fn authorize(actor: &Actor, iso3: &str) -> ServiceResult<()> {
    if actor.may_act_for(iso3) {
        Ok(())
    } else {
        Err(ServiceError::new(
            ErrorCode::OtherMemberState,
            "you may act only for your own Member State",
        ))
    }
}

/// Takes the locks a reply is decided under and reads the consultation
/// under them (`store::replies::lock_with_consultation`), then reads the
/// time: so a reply is decided by the server's clock at a moment when no
/// seal or change of the consultation can come between the decision and the
/// commit. Tells apart an unknown consultation from an unknown Member State. The time is never earlier than
/// the Member State's previous revision (should the clock step back), so its
/// revisions are always in time order.
fn lock_slot(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    consultation_id: &str,
    iso3: &str,
) -> ServiceResult<(
    ReplyRow,
    ConsultationView,
    Vec<crate::store::models::DraftRow>,
    DateTime<Utc>,
)> {
    let (slot, consultation) = store::replies::lock_with_consultation(conn, consultation_id, iso3)?;
    let mut now = clock.now();
    let (c, drafts) = consultation.ok_or_else(ServiceError::consultation_not_found)?;
    let slot = slot.ok_or_else(|| {
        ServiceError::new(
            ErrorCode::MemberStateNotFound,
            format!("{iso3} is not an ITU Member State"),
        )
    })?;
    if let Some(last) = slot.updated_at.map(to_utc) {
        if now < last {
            tracing::warn!(consultation = consultation_id, member_state = iso3, %now, %last,
                "the server clock is behind the previous revision; the previous revision's time is used");
            now = last;
        }
    }
    let view = ConsultationView::from_rows(c, drafts.clone(), now);
    Ok((slot, view, drafts, now))
}

/// The responses of one revision, as the rules compare them.
pub(crate) fn responses_of(
    conn: &mut DbConnection,
    revision_id: &str,
) -> ServiceResult<Vec<Response>> {
    Ok(compared(store::replies::responses_of_revision(
        conn,
        revision_id,
    )?))
}

/// Stored responses, as the rules compare them.
fn compared(stored: Vec<StoredResponse>) -> Vec<Response> {
    let mut responses: Vec<Response> = stored
        .into_iter()
        .filter_map(|r| {
            Some(Response {
                position: Position::parse(&r.row.position)?,
                draft: r.draft_number,
                reasons: r.row.reasons,
                comments: r.row.comments,
            })
        })
        .collect();
    responses.sort();
    responses
}

/// The last revision of a reply (its responses are read only if needed).
type Last = Option<RevisionRow>;

impl From<EntryError> for ServiceError {
    fn from(e: EntryError) -> Self {
        let code = match &e {
            EntryError::Certified => ErrorCode::ResultCertified,
            EntryError::ForbiddenField(_) => ErrorCode::ForbiddenField,
            EntryError::Closed => ErrorCode::ConsultationClosed,
            EntryError::Missing(_) => ErrorCode::MissingField,
            EntryError::NotBeforeCutOff(_)
            | EntryError::NotLate(_)
            | EntryError::InFuture
            | EntryError::BeforeCurrent(_) => ErrorCode::InvalidReceivedAt,
        };
        let reason = match &e {
            EntryError::Missing("source") => Some(Reason::new("source-required").field("source")),
            EntryError::Missing(_) => {
                Some(Reason::new("received-at-required").field("received_at"))
            }
            EntryError::NotBeforeCutOff(_)
            | EntryError::NotLate(_)
            | EntryError::InFuture
            | EntryError::BeforeCurrent(_) => {
                Some(Reason::new("received-at-invalid").field("received_at"))
            }
            _ => None,
        };
        let error = ServiceError::new(code, e.to_string());
        match reason {
            Some(r) => error.because(r),
            None => error,
        }
    }
}

/// Why a consultation takes no reply from this sender at this time.
fn refusal(actor: &Actor, c: &ConsultationView, e: EntryError) -> ServiceError {
    if c.is_cancelled() {
        return super::consultations::cancelled(c);
    }
    match e {
        EntryError::Closed if actor.is_tsb() => ServiceError::new(
            ErrorCode::ConsultationClosed,
            format!(
                "{}; a reply that reached TSB in time is entered with its received_at (before {}) and a source, a later one with \"late\": true",
                closed(c).message(),
                c.closes_at.format("%Y-%m-%d %H:%M:%S UTC")
            ),
        ),
        EntryError::Closed => ServiceError::new(
            ErrorCode::ConsultationClosed,
            format!(
                "{}; a late reply may still be sent to TSB by email or fax: it is recorded as late and not counted",
                closed(c).message()
            ),
        ),
        EntryError::Certified => ServiceError::new(
            ErrorCode::ResultCertified,
            format!(
                "the result of {} was certified{}: no reply can be entered any more",
                c.reference,
                c.certified_at
                    .map(|t| t.format(" on %Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_default()
            ),
        ),
        e => e.into(),
    }
}

/// Decides when an entry counts as received, under the reply's lock: the
/// rules of `domain::entry`, with the consultation as it stands. Returns the
/// decision, the revision in force (counted), if any, and the last revision
/// (the one in force, unless late ones followed it).
fn decide_entry(
    conn: &mut DbConnection,
    actor: &Actor,
    slot: &ReplyRow,
    consultation: &ConsultationView,
    claimed: &Claimed,
    now: DateTime<Utc>,
) -> ServiceResult<(Decided, Option<RevisionRow>, Last)> {
    let last = store::replies::last_revision(conn, &slot.consultation_id, &slot.member_state)?;
    let current = match &last {
        _ if slot.current_revision == 0 => None,
        // Usually the last revision is the one in force: no second read.
        Some(last) if last.revision == slot.current_revision => Some(last.clone()),
        _ => store::replies::revision(
            conn,
            &slot.consultation_id,
            &slot.member_state,
            slot.current_revision,
        )?,
    };
    if consultation.is_cancelled() {
        return Err(super::consultations::cancelled(consultation));
    }
    let moment = Moment {
        now,
        closes_at: consultation.closes_at,
        sealed: consultation.sealed_at.is_some(),
        certified: consultation.certified_at.is_some(),
        current_received_at: current.as_ref().map(|r| to_utc(r.received_at)),
    };
    let decided = entry::decide(actor.is_tsb(), claimed, moment)
        .map_err(|e| refusal(actor, consultation, e))?;
    Ok((decided, current, last))
}

/// How TSB received a reply ("fax of 20 August"): one line, bounded, blank
/// as none.
fn source_note(source: Option<String>) -> ServiceResult<Option<String>> {
    let Some(source) = source
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
    else {
        return Ok(None);
    };
    if source.chars().count() > MAX_FIELD_CHARS {
        return Err(ServiceError::new(
            ErrorCode::FieldTooLong,
            format!("source is longer than {MAX_FIELD_CHARS} characters"),
        ));
    }
    if !is_single_line(&source) {
        return Err(ServiceError::new(
            ErrorCode::ControlCharacters,
            "source must be one line, without control characters",
        ));
    }
    Ok(Some(source))
}

fn new_receipt() -> String {
    format_receipt(rand::rng().random::<u64>())
}

/// Appends a revision with `responses` (empty: a withdrawal), unless it would
/// repeat the revision it follows: the one in force, or for a late reply the
/// last late one at the same time (a retried request). Runs inside the
/// caller's transaction, after `decide_entry` read `current` and `last`
/// under the reply's lock; numbers stay contiguous, in the order of entry.
/// The new revision's entry for the verifiable log is stored with it.
#[allow(clippy::too_many_arguments)]
fn append(
    conn: &mut DbConnection,
    actor: &Actor,
    slot: &ReplyRow,
    consultation: &ConsultationView,
    drafts: &[crate::store::models::DraftRow],
    responses: &[Response],
    source: Option<String>,
    decided: Decided,
    (current, last): (Option<RevisionRow>, Last),
    now: DateTime<Utc>,
) -> ServiceResult<(RevisionRow, bool)> {
    let id = new_id();
    let draft_ids: HashMap<&str, &str> = drafts
        .iter()
        .map(|d| (d.number.as_str(), d.id.as_str()))
        .collect();
    let rows: Vec<ResponseRow> = responses
        .iter()
        .filter_map(|r| {
            Some(ResponseRow {
                revision_id: id.clone(),
                draft_id: (*draft_ids.get(r.draft.as_str())?).to_owned(),
                position: r.position.as_str().to_owned(),
                reasons: r.reasons.clone(),
                comments: r.comments.clone(),
            })
        })
        .collect();
    let digest = store::replies::responses_digest(&rows);
    let same_as = if decided.late {
        last.as_ref()
            .filter(|r| r.late != 0 && to_utc(r.received_at) == decided.received_at)
            .cloned()
    } else {
        current
    };
    if let Some(previous) = same_as {
        if same_responses(conn, &previous, &digest, responses)? {
            return Ok((previous, false));
        }
    }
    let revision = RevisionRow {
        id,
        consultation_id: slot.consultation_id.clone(),
        member_state: slot.member_state.clone(),
        revision: last.map(|r| r.revision).unwrap_or(0) + 1,
        received_at: to_naive(decided.received_at),
        receipt: new_receipt(),
        entered_by: actor.user_id.to_string(),
        on_behalf: i32::from(actor.is_tsb()),
        source_note: if actor.is_tsb() { source } else { None },
        entered_at: to_naive(now),
        late: i32::from(decided.late),
        responses_digest: Some(digest),
    };
    let entry = log_entry_of(consultation, &revision, responses, now)?;
    store::replies::append_revision(conn, &revision, &rows, !decided.late, Some(entry))?;
    Ok((revision, true))
}

/// Whether `previous` has exactly `responses` (whose digest is `digest`).
/// Different digests settle it without reading; equal ones, or none kept
/// (revisions stored before digests were), are checked response by response.
fn same_responses(
    conn: &mut DbConnection,
    previous: &RevisionRow,
    digest: &[u8],
    responses: &[Response],
) -> ServiceResult<bool> {
    match &previous.responses_digest {
        Some(kept) if kept.as_slice() != digest => Ok(false),
        _ => Ok(responses_of(conn, &previous.id)? == responses),
    }
}

/// Queues the confirmation of a new revision in the transaction that stored it.
fn confirm(
    conn: &mut DbConnection,
    mail: &Mail,
    actor: &Actor,
    consultation: &ConsultationView,
    rev: &RevisionRow,
    responses: &[Response],
) -> ServiceResult<()> {
    let submitter = Recipient {
        email: actor.email.clone(),
        name: actor.name.clone(),
        language: actor.language.clone(),
    };
    let notice = ReplyNotice {
        consultation,
        member_state_iso3: &rev.member_state,
        revision: rev.revision,
        received_at: to_utc(rev.received_at),
        entered_at: to_utc(rev.entered_at),
        late: rev.late != 0,
        receipt: &rev.receipt,
        submitter: &submitter,
        on_behalf: rev.on_behalf != 0,
        source: rev.source_note.as_deref(),
        responses,
        log_record: &rev.id,
    };
    notices::queue_reply_confirmation(conn, mail, to_utc(rev.entered_at), &notice)?;
    Ok(())
}

/// The audit event of a new revision, in its transaction.
fn record_revision(
    conn: &mut DbConnection,
    actor: &Actor,
    action: AuditAction,
    rev: &RevisionRow,
) -> ServiceResult<()> {
    let mut detail = format!("revision {}, receipt {}", rev.revision, rev.receipt);
    if rev.on_behalf != 0 {
        detail.push_str(", entered by TSB on behalf");
        if let Some(note) = &rev.source_note {
            detail.push_str(&format!(" ({note})"));
        }
    }
    if rev.received_at != rev.entered_at {
        // Who attested what: the attested time beside the time of entry.
        detail.push_str(&format!(
            "; received at {} as attested by TSB",
            to_utc(rev.received_at).format("%Y-%m-%d %H:%M:%S UTC")
        ));
    }
    if rev.late != 0 {
        detail.push_str("; late: not counted");
    }
    audit::record(
        conn,
        to_utc(rev.entered_at),
        By::User(actor),
        action,
        &reply_subject(&rev.consultation_id, &rev.member_state),
        &detail,
    )
}

fn receipt_of(rev: &RevisionRow, changed: bool, warnings: Vec<ReplyWarning>) -> ReplyReceipt {
    let received_at = to_utc(rev.received_at);
    ReplyReceipt {
        revision: rev.revision,
        received_at,
        received_at_geneva: geneva_label(received_at),
        entered_at: to_utc(rev.entered_at),
        late: rev.late != 0,
        receipt: rev.receipt.clone(),
        changed,
        warnings,
        log: None,
        revision_id: rev.id.clone(),
    }
}

/// A new revision's entry for the verifiable log, to be stored with it.
fn log_entry_of(
    consultation: &ConsultationView,
    rev: &RevisionRow,
    responses: &[Response],
    now: DateTime<Utc>,
) -> ServiceResult<NewQueuedEntry> {
    let entry = revision_entry(&consultation.reference, rev, responses);
    super::log::queued_entry(
        now,
        super::log::NewEntry {
            kind: log_entry::REPLY_REVISION,
            consultation_id: Some(&rev.consultation_id),
            member_state: Some(&rev.member_state),
            record_id: &rev.id,
            entry: &entry,
        },
    )
}

/// A revision as its log entry says it (also rebuilt from the rows by
/// `log verify`).
pub(crate) fn revision_entry(
    reference: &str,
    rev: &RevisionRow,
    responses: &[Response],
) -> log_entry::RevisionEntry {
    log_entry::RevisionEntry::new(
        &rev.consultation_id,
        reference,
        &rev.member_state,
        rev.revision,
        to_utc(rev.received_at),
        to_utc(rev.entered_at),
        &rev.entered_by,
        rev.on_behalf != 0,
        rev.late != 0,
        responses
            .iter()
            .map(|r| log_entry::EntryResponse {
                draft: r.draft.clone(),
                position: r.position.as_str().to_owned(),
                reasons: r.reasons.clone(),
                comments: r.comments.clone(),
            })
            .collect(),
        &rev.receipt,
    )
}

/// A Member State's whole reply (drafts left out have no reply), by one of its
/// focal points or by TSB staff on its behalf.
#[allow(clippy::too_many_arguments)]
pub fn submit(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    consultation_id: &ConsultationId,
    iso3: &Iso3,
    submitted: Vec<SubmittedResponse>,
    claimed: Claimed,
) -> ServiceResult<ReplyReceipt> {
    let iso3 = iso3.to_string();
    let source = authorize(actor, &iso3).and_then(|()| source_note(claimed.source));
    let claimed = Claimed {
        source: counted_refusal(source)?,
        ..claimed
    };
    let receipt = conn.transaction(|conn| {
        let (slot, consultation, drafts, now) =
            lock_slot(conn, clock, consultation_id.as_str(), &iso3)?;
        let (decided, current, last) =
            decide_entry(conn, actor, &slot, &consultation, &claimed, now)?;
        let numbers: Vec<&str> = drafts.iter().map(|d| d.number.as_str()).collect();
        let (responses, warnings) = check_reply(&numbers, submitted)?;
        let (rev, changed) = append(
            conn,
            actor,
            &slot,
            &consultation,
            &drafts,
            &responses,
            claimed.source.clone(),
            decided,
            (current, last),
            now,
        )?;
        if changed {
            record_revision(conn, actor, AuditAction::ReplySubmitted, &rev)?;
            confirm(conn, mail, actor, &consultation, &rev, &responses)?;
        }
        Ok::<_, ServiceError>(receipt_of(&rev, changed, warnings))
    });
    let receipt = counted(receipt)?;
    tracing::info!(consultation = %consultation_id, member_state = %iso3, by = %actor.user_id,
        revision = receipt.revision, changed = receipt.changed, "reply received");
    Ok(receipt)
}

/// Counts a reply as decided (`tapballot_replies_total`): a new revision,
/// one identical to the current, or a refusal (a fault is not a refusal: the
/// client is told to retry).
fn counted(r: ServiceResult<ReplyReceipt>) -> ServiceResult<ReplyReceipt> {
    let result = match &r {
        Ok(receipt) if receipt.changed => "accepted",
        Ok(_) => "unchanged",
        Err(e) if e.is_fault() => return r,
        Err(_) => "refused",
    };
    metrics::counter!("tapballot_replies_total", "result" => result).increment(1);
    r
}

/// Counts a refusal made before the reply's transaction.
fn counted_refusal<T>(r: ServiceResult<T>) -> ServiceResult<T> {
    if matches!(&r, Err(e) if !e.is_fault()) {
        metrics::counter!("tapballot_replies_total", "result" => "refused").increment(1);
    }
    r
}

/// Withdraws a reply: a revision with no responses, which no longer counts.
#[allow(clippy::too_many_arguments)]
pub fn withdraw(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    consultation_id: &ConsultationId,
    iso3: &Iso3,
    claimed: Claimed,
) -> ServiceResult<ReplyReceipt> {
    let iso3 = iso3.to_string();
    let source = authorize(actor, &iso3).and_then(|()| source_note(claimed.source));
    let claimed = Claimed {
        source: counted_refusal(source)?,
        ..claimed
    };
    let receipt = conn.transaction(|conn| {
        let (slot, consultation, drafts, now) =
            lock_slot(conn, clock, consultation_id.as_str(), &iso3)?;
        if claimed.late {
            return Err(ServiceError::new(
                ErrorCode::InvalidReceivedAt,
                "a withdrawal received after the cut-off changes nothing: the reply in force stands",
            ));
        }
        let (decided, current, last) =
            decide_entry(conn, actor, &slot, &consultation, &claimed, now)?;
        if slot.current_revision == 0 {
            return Err(ServiceError::new(
                ErrorCode::NoReply,
                format!("{iso3} has not replied to this consultation"),
            ));
        }
        let (rev, changed) = append(
            conn,
            actor,
            &slot,
            &consultation,
            &drafts,
            &[],
            claimed.source.clone(),
            decided,
            (current, last),
            now,
        )?;
        if changed {
            record_revision(conn, actor, AuditAction::ReplyWithdrawn, &rev)?;
            confirm(conn, mail, actor, &consultation, &rev, &[])?;
        }
        Ok::<_, ServiceError>(receipt_of(&rev, changed, Vec::new()))
    });
    let receipt = counted(receipt)?;
    tracing::info!(consultation = %consultation_id, member_state = %iso3, by = %actor.user_id,
        revision = receipt.revision, "reply withdrawn");
    Ok(receipt)
}

/// Builds the views of revisions from their rows, responses and authors.
pub(crate) fn revision_views(
    revisions: Vec<RevisionRow>,
    responses: Vec<StoredResponse>,
    provisional_names: &HashMap<String, String>,
    users: &HashMap<String, User>,
) -> Vec<RevisionView> {
    let mut by_revision: HashMap<String, Vec<ResponseView>> = HashMap::new();
    for r in responses {
        let Some(position) = Position::parse(&r.row.position) else {
            continue;
        };
        by_revision
            .entry(r.row.revision_id.clone())
            .or_default()
            .push(ResponseView {
                provisional_name: provisional_names
                    .get(&r.draft_number)
                    .cloned()
                    .unwrap_or_default(),
                draft: r.draft_number,
                position,
                reasons: r.row.reasons,
                comments: r.row.comments,
            });
    }
    revisions
        .into_iter()
        .map(|rev| {
            let responses = by_revision.remove(&rev.id).unwrap_or_default();
            let received_at = to_utc(rev.received_at);
            let author = users.get(&rev.entered_by);
            RevisionView {
                revision: rev.revision,
                received_at,
                received_at_geneva: geneva_label(received_at),
                entered_at: to_utc(rev.entered_at),
                attested: rev.received_at != rev.entered_at,
                late: rev.late != 0,
                receipt: rev.receipt,
                withdrawn: responses.is_empty(),
                entered_by: EnteredBy {
                    name: author.map(|u| u.name.clone()).unwrap_or_default(),
                    email: author.map(|u| u.email.clone()).unwrap_or_default(),
                    user_id: rev.entered_by,
                },
                on_behalf: rev.on_behalf != 0,
                source: rev.source_note,
                responses,
            }
        })
        .collect()
}

/// The authors of these revisions, by id: only those users, not the table.
fn authors_of(
    conn: &mut DbConnection,
    revisions: &[RevisionRow],
) -> ServiceResult<HashMap<String, User>> {
    let mut ids: Vec<&str> = revisions.iter().map(|r| r.entered_by.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(store::users::by_ids(conn, &ids)?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect())
}

fn provisional_names(drafts: &[DraftView]) -> HashMap<String, String> {
    drafts
        .iter()
        .map(|d| (d.number.clone(), d.provisional_name.clone()))
        .collect()
}

fn member_state_ref(conn: &mut DbConnection, iso3: &str) -> ServiceResult<MemberStateRef> {
    let member_state = store::member_states::find(conn, iso3)?.ok_or_else(|| {
        ServiceError::new(
            ErrorCode::MemberStateNotFound,
            format!("{iso3} is not an ITU Member State"),
        )
    })?;
    Ok(MemberStateRef {
        iso3: member_state.iso3,
        name: member_state.name_en,
    })
}

/// One Member State's reply to a consultation whose drafts are known.
fn reply_of(
    conn: &mut DbConnection,
    consultation: &ConsultationView,
    iso3: &str,
) -> ServiceResult<ReplyView> {
    let member_state = member_state_ref(conn, iso3)?;
    let slot = store::replies::find_slot(conn, consultation.id.as_str(), iso3)?;
    let revisions = store::replies::revisions(conn, consultation.id.as_str(), iso3)?;
    let responses =
        store::replies::responses_of_member_state(conn, consultation.id.as_str(), iso3)?;
    let authors = authors_of(conn, &revisions)?;
    let views = revision_views(
        revisions,
        responses,
        &provisional_names(&consultation.drafts),
        &authors,
    );
    let current_revision = slot.map(|s| s.current_revision).unwrap_or(0);
    Ok(ReplyView {
        consultation_id: consultation.id.clone(),
        member_state,
        current: views
            .iter()
            .find(|v| v.revision == current_revision)
            .cloned(),
        revisions: views,
    })
}

/// One Member State's current reply and history: its focal points, or TSB staff.
pub fn get(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    consultation_id: &ConsultationId,
    iso3: &Iso3,
) -> ServiceResult<ReplyView> {
    let iso3 = iso3.to_string();
    authorize(actor, &iso3)?;
    let consultation = super::consultations::get(conn, clock, consultation_id)?;
    reply_of(conn, &consultation, &iso3)
}

/// What the pages of one reply show: the consultation and the Member
/// State's reply, as of one instant.
#[derive(Debug, Clone)]
pub struct ReplyPage {
    pub consultation: ConsultationView,
    pub reply: ReplyView,
    pub as_of: DateTime<Utc>,
    /// The final tally, once the consultation has closed (sealed first):
    /// every focal point sees the result.
    pub tally: Option<super::tally::Tally>,
    /// The meeting's decisions, once recorded: every focal point sees them.
    pub decisions: Vec<super::decisions::DecisionView>,
}

pub fn page(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    consultation_id: &ConsultationId,
    iso3: &Iso3,
) -> ServiceResult<ReplyPage> {
    let iso3 = iso3.to_string();
    authorize(actor, &iso3)?;
    let as_of = clock.now();
    let consultation = super::consultations::get_sealed(conn, clock, consultation_id)?;
    let reply = reply_of(conn, &consultation, &iso3)?;
    let tally = match consultation.sealed_at {
        Some(_) => Some(super::tally::read(conn, &consultation)?),
        None => None,
    };
    let decisions = if consultation.is_open() {
        Vec::new()
    } else {
        super::decisions::list(conn, clock, consultation_id)?
    };
    Ok(ReplyPage {
        consultation,
        reply,
        as_of,
        tally,
        decisions,
    })
}

/// A consultation on a focal point's home page, with its Member State's
/// current reply (None if it never replied).
#[derive(Debug, Clone)]
pub struct HomeItem {
    pub consultation: ConsultationView,
    pub current: Option<RevisionView>,
}

/// A focal point's home: every consultation, the latest cut-off first.
#[derive(Debug, Clone)]
pub struct Home {
    pub member_state: MemberStateRef,
    pub items: Vec<HomeItem>,
    pub as_of: DateTime<Utc>,
}

/// The home of a focal point, in a fixed number of queries whatever the
/// number of consultations and revisions.
pub fn home(conn: &mut DbConnection, actor: &Actor, clock: &dyn Clock) -> ServiceResult<Home> {
    let Some(iso3) = actor.member_state.clone() else {
        return Err(ServiceError::new(
            ErrorCode::OtherMemberState,
            "only the focal points of a Member State have a home page",
        ));
    };
    let as_of = clock.now();
    let consultations = super::consultations::list(conn, clock)?;
    let member_state = member_state_ref(conn, &iso3).unwrap_or(MemberStateRef {
        name: iso3.clone(),
        iso3: iso3.clone(),
    });
    let revisions = store::replies::current_revisions_of_member_state(conn, &iso3)?;
    let responses = store::replies::current_responses_of_member_state(conn, &iso3)?;
    let authors = authors_of(conn, &revisions)?;
    let names: HashMap<String, String> = consultations
        .iter()
        .flat_map(|c| provisional_names(&c.drafts))
        .collect();
    let consultation_of: Vec<String> = revisions
        .iter()
        .map(|r| r.consultation_id.clone())
        .collect();
    let mut current: HashMap<String, RevisionView> = consultation_of
        .into_iter()
        .zip(revision_views(revisions, responses, &names, &authors))
        .collect();
    let items = consultations
        .into_iter()
        .map(|c| HomeItem {
            current: current.remove(c.id.as_str()),
            consultation: c,
        })
        .collect();
    Ok(Home {
        member_state,
        items,
        as_of,
    })
}

/// Every Member State's current reply (TSB staff only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CurrentReply {
    pub member_state: MemberStateRef,
    pub reply: RevisionView,
}

/// The current replies of a consultation from its current responses (read
/// once by the caller, who may count them too).
pub(crate) fn current_replies(
    conn: &mut DbConnection,
    consultation: &ConsultationView,
    responses: Vec<StoredResponse>,
) -> ServiceResult<Vec<CurrentReply>> {
    let revisions = store::replies::current_revisions(conn, consultation.id.as_str())?;
    replies_of(conn, consultation, revisions, responses)
}

/// Revisions with their responses and authors, each with its Member State.
fn replies_of(
    conn: &mut DbConnection,
    consultation: &ConsultationView,
    revisions: Vec<RevisionRow>,
    responses: Vec<StoredResponse>,
) -> ServiceResult<Vec<CurrentReply>> {
    let states: HashMap<String, String> = store::member_states::all(conn)?
        .into_iter()
        .map(|m| (m.iso3, m.name_en))
        .collect();
    let authors = authors_of(conn, &revisions)?;
    let member_states: Vec<String> = revisions.iter().map(|r| r.member_state.clone()).collect();
    let views = revision_views(
        revisions,
        responses,
        &provisional_names(&consultation.drafts),
        &authors,
    );
    Ok(member_states
        .into_iter()
        .zip(views)
        .map(|(iso3, reply)| CurrentReply {
            member_state: MemberStateRef {
                name: states.get(&iso3).cloned().unwrap_or_default(),
                iso3,
            },
            reply,
        })
        .collect())
}

/// Every late reply of a consultation (received after the cut-off, never
/// counted), by Member State then revision.
pub(crate) fn late_replies(
    conn: &mut DbConnection,
    consultation: &ConsultationView,
) -> ServiceResult<Vec<CurrentReply>> {
    let id = consultation.id.as_str();
    let revisions = store::replies::late_revisions(conn, id)?;
    if revisions.is_empty() {
        return Ok(Vec::new());
    }
    let responses = store::replies::late_responses(conn, id)?;
    replies_of(conn, consultation, revisions, responses)
}

pub fn list_current(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    consultation_id: &ConsultationId,
) -> ServiceResult<Vec<CurrentReply>> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let consultation = super::consultations::get(conn, clock, consultation_id)?;
    let responses = store::replies::current_responses(conn, consultation_id.as_str())?;
    current_replies(conn, &consultation, responses)
}

/// The receipt file of one revision (`receipt-<code>.json`): its entry in
/// the verifiable log, the checkpoint and proof, and the log's verifier key.
/// For the Member State's focal points and TSB staff.
pub fn receipt_file(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &LogKey,
    consultation_id: &ConsultationId,
    iso3: &Iso3,
    revision: i32,
) -> ServiceResult<(String, crate::tlog::ReceiptFile)> {
    let iso3 = iso3.to_string();
    authorize(actor, &iso3)?;
    let not_found = || {
        ServiceError::new(
            ErrorCode::NotFound,
            format!("{iso3} has no revision {revision} in this consultation"),
        )
    };
    let rev = store::replies::revision(conn, consultation_id.as_str(), &iso3, revision)?
        .ok_or_else(not_found)?;
    let log = super::log::receipt_of_record(conn, &rev.id)?.ok_or_else(|| {
        ServiceError::new(
            ErrorCode::NotFound,
            "this revision was stored before the verifiable log began: it has no log receipt",
        )
    })?;
    Ok((
        rev.receipt,
        crate::tlog::ReceiptFile {
            log,
            key: key.verifier_key().to_owned(),
        },
    ))
}
