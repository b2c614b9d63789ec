//! The meeting's decisions (Resolution 1, 9.5-9.6): TSB records them per
//! draft, every signed-in user reads them, TSB notifies them to every focal
//! point and takes a text for the Operational Bulletin.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use super::audit::{self, consultation_subject, AuditAction, By};
use super::consultations::ConsultationView;
use super::replies::MemberStateRef;
use super::ErrorCode;
use super::{to_naive, to_utc, Reason, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::consultation::MAX_FIELD_CHARS;
use crate::domain::deadline::GENEVA;
use crate::domain::decision::{
    check_decision, DecisionContext, DecisionError, Outcome, ProposedDecision,
    MAX_RESERVATION_CHARS,
};
use crate::domain::ids::ConsultationId;
use crate::domain::log_entry;
use crate::mail::Mail;
use crate::store::models::{DecisionPositionRow, DecisionRow};
use crate::store::{self, DbConnection};

const RESERVATION: &str = "reservation";
const ABSTENTION: &str = "abstention";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReservationView {
    pub member_state: MemberStateRef,
    pub text: String,
}

/// The decision on one draft.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionView {
    pub draft: String,
    pub provisional_name: String,
    pub outcome: Outcome,
    /// The day of the meeting's decision (Geneva).
    pub decided_on: NaiveDate,
    /// A deferred decision: the day by which the delegation decides (at
    /// most four weeks after `decided_on`, 9.5.5).
    pub deferred_until: Option<NaiveDate>,
    /// By Member State code (9.5.4).
    pub reservations: Vec<ReservationView>,
    /// By Member State code (9.5.6).
    pub abstentions: Vec<MemberStateRef>,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// The user id of who recorded it.
    pub recorded_by: String,
}

impl From<DecisionError> for ServiceError {
    fn from(e: DecisionError) -> Self {
        let code = match &e {
            DecisionError::UnknownMemberState(_) => ErrorCode::UnknownMemberState,
            DecisionError::BadNote => ErrorCode::FieldTooLong,
            _ => ErrorCode::InvalidDecision,
        };
        ServiceError::new(code, e.to_string()).because(reason_of(&e))
    }
}

/// Each rule a decision breaks, as the TSB page words it.
fn reason_of(e: &DecisionError) -> Reason {
    match e {
        DecisionError::DeferralDateMissing => {
            Reason::new("decision-deferral-date-missing").field("deferred_until")
        }
        DecisionError::DeferralDateUnexpected => {
            Reason::new("decision-deferral-date-unexpected").field("deferred_until")
        }
        DecisionError::DeferralTooLong { latest, .. } => Reason::new("decision-deferral-too-long")
            .arg("latest", latest)
            .field("deferred_until"),
        DecisionError::BeforeCutOff(_) => {
            Reason::new("decision-before-cut-off").field("decided_on")
        }
        DecisionError::InFuture(_) => Reason::new("decision-in-future").field("decided_on"),
        DecisionError::MayNotProceed => Reason::new("decision-may-not-proceed").field("outcome"),
        DecisionError::UnknownMemberState(code) => {
            Reason::new("decision-unknown-member-state").arg("code", code)
        }
        DecisionError::Repeated(code) => Reason::new("decision-repeated").arg("code", code),
        DecisionError::AbstainedAndReserved(code) => {
            Reason::new("decision-abstained-and-reserved").arg("code", code)
        }
        DecisionError::EmptyReservation(code) => Reason::new("decision-empty-reservation")
            .arg("code", code)
            .field("reservations"),
        DecisionError::ReservationTooLong(code) => Reason::new("decision-reservation-too-long")
            .arg("code", code)
            .arg("max", MAX_RESERVATION_CHARS)
            .field("reservations"),
        DecisionError::BadNote => Reason::new("decision-bad-note")
            .arg("max", MAX_FIELD_CHARS)
            .field("note"),
    }
}

fn names(conn: &mut DbConnection) -> ServiceResult<HashMap<String, String>> {
    Ok(store::member_states::all(conn)?
        .into_iter()
        .map(|m| (m.iso3, m.name_en))
        .collect())
}

fn member_state(names: &HashMap<String, String>, iso3: &str) -> MemberStateRef {
    MemberStateRef {
        iso3: iso3.to_owned(),
        name: names.get(iso3).cloned().unwrap_or_else(|| iso3.to_owned()),
    }
}

/// The decisions of a consultation, in draft order.
fn read(
    conn: &mut DbConnection,
    consultation: &ConsultationView,
) -> ServiceResult<Vec<DecisionView>> {
    let (rows, positions) = store::decisions::of_consultation(conn, consultation.id.as_str())?;
    let names = names(conn)?;
    let provisional: HashMap<&str, &str> = consultation
        .drafts
        .iter()
        .map(|d| (d.number.as_str(), d.provisional_name.as_str()))
        .collect();
    Ok(rows
        .into_iter()
        .map(|(row, number)| {
            let of_draft = positions.iter().filter(|p| p.draft_id == row.draft_id);
            let (reservations, abstentions): (Vec<_>, Vec<_>) =
                of_draft.partition(|p| p.kind == RESERVATION);
            DecisionView {
                provisional_name: provisional
                    .get(number.as_str())
                    .map(|s| (*s).to_owned())
                    .unwrap_or_default(),
                draft: number,
                outcome: Outcome::parse(&row.outcome).unwrap_or(Outcome::Deferred),
                decided_on: row.decided_on,
                deferred_until: row.deferred_until,
                reservations: reservations
                    .into_iter()
                    .map(|p| ReservationView {
                        member_state: member_state(&names, &p.member_state),
                        text: p.text.clone().unwrap_or_default(),
                    })
                    .collect(),
                abstentions: abstentions
                    .into_iter()
                    .map(|p| member_state(&names, &p.member_state))
                    .collect(),
                note: row.note,
                recorded_at: to_utc(row.recorded_at),
                recorded_by: row.recorded_by,
            }
        })
        .collect())
}

/// Every signed-in user may read the decisions.
pub fn list(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    id: &ConsultationId,
) -> ServiceResult<Vec<DecisionView>> {
    let consultation = super::consultations::get(conn, clock, id)?;
    read(conn, &consultation)
}

/// Why nothing can be decided on a consultation: it is still open, or was
/// cancelled.
fn undecidable(c: &ConsultationView, now: DateTime<Utc>) -> Option<ServiceError> {
    if c.is_cancelled() {
        return Some(super::consultations::cancelled(c));
    }
    (now < c.closes_at).then(|| {
        ServiceError::new(
            ErrorCode::ConsultationOpen,
            format!(
                "{} is still open: the meeting decides after its cut-off ({})",
                c.reference, c.deadline_geneva
            ),
        )
    })
}

/// How the log names a decision (one per draft of a consultation).
pub(crate) fn decision_record_id(consultation_id: &str, draft_id: &str) -> String {
    format!("{consultation_id}/{draft_id}")
}

/// A decision as its log entry says it (also rebuilt by `log verify`).
pub(crate) fn decision_entry(
    reference: &str,
    draft: &str,
    row: &DecisionRow,
    positions: &[DecisionPositionRow],
) -> log_entry::DecisionEntry {
    let mut positions: Vec<log_entry::EntryPosition> = positions
        .iter()
        .map(|p| log_entry::EntryPosition {
            member_state: p.member_state.clone(),
            kind: p.kind.clone(),
            text: p.text.clone(),
        })
        .collect();
    positions.sort();
    log_entry::DecisionEntry {
        kind: log_entry::DECISION.to_owned(),
        consultation_id: row.consultation_id.clone(),
        consultation_reference: reference.to_owned(),
        draft: draft.to_owned(),
        outcome: row.outcome.clone(),
        decided_on: row.decided_on.format("%Y-%m-%d").to_string(),
        deferred_until: row.deferred_until.map(|d| d.format("%Y-%m-%d").to_string()),
        note: row.note.clone(),
        positions,
        recorded_at: log_entry::instant(to_utc(row.recorded_at)),
        recorded_by: row.recorded_by.clone(),
    }
}

/// TSB records (or replaces) the meeting's decision on one draft of a
/// closed consultation; when a deferral ends, the final outcome replaces
/// the deferred one. The audit trail keeps each.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ConsultationId,
    draft: &str,
    proposed: ProposedDecision,
) -> ServiceResult<DecisionView> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let view = conn.transaction(|conn| {
        // Exclusive: decisions on one consultation are recorded one at a time.
        if !store::consultations::lock_exclusive(conn, id.as_str())? {
            return Err(ServiceError::consultation_not_found());
        }
        let now = clock.now();
        let consultation = super::consultations::get_sealed(conn, clock, id)?;
        if let Some(e) = undecidable(&consultation, now) {
            return Err(e);
        }
        let (_, draft_rows) = store::consultations::find(conn, id.as_str())?
            .ok_or_else(ServiceError::consultation_not_found)?;
        let draft_row = draft_rows
            .iter()
            .find(|d| d.number == draft)
            .ok_or_else(|| {
                ServiceError::new(
                    ErrorCode::NotFound,
                    format!("{} has no draft {draft}", consultation.reference),
                )
            })?;
        let tally = super::tally::read(conn, &consultation)?;
        let finding = tally
            .drafts
            .iter()
            .find(|d| d.draft == draft)
            .map(|d| d.outcome)
            .ok_or_else(|| ServiceError::internal("a draft missing from its tally"))?;
        let names = names(conn)?;
        let is_member_state = |code: &str| names.contains_key(code);
        let checked = check_decision(
            proposed,
            &DecisionContext {
                cut_off_day: consultation.closes_at.with_timezone(&GENEVA).date_naive(),
                today: now.with_timezone(&GENEVA).date_naive(),
                tally: finding,
                is_member_state: &is_member_state,
            },
        )?;
        let row = DecisionRow {
            consultation_id: id.to_string(),
            draft_id: draft_row.id.clone(),
            outcome: checked.outcome.as_str().to_owned(),
            decided_on: checked.decided_on,
            deferred_until: checked.deferred_until,
            note: checked.note.clone(),
            recorded_at: to_naive(now),
            recorded_by: actor.user_id.to_string(),
        };
        let positions: Vec<DecisionPositionRow> = checked
            .reservations
            .iter()
            .map(|r| DecisionPositionRow {
                consultation_id: id.to_string(),
                draft_id: draft_row.id.clone(),
                member_state: r.member_state.clone(),
                kind: RESERVATION.into(),
                text: Some(r.text.clone()),
            })
            .chain(checked.abstentions.iter().map(|a| DecisionPositionRow {
                consultation_id: id.to_string(),
                draft_id: draft_row.id.clone(),
                member_state: a.clone(),
                kind: ABSTENTION.into(),
                text: None,
            }))
            .collect();
        store::decisions::replace(conn, &row, &positions)?;
        let mut detail = format!(
            "{draft}: {} on {}",
            checked.outcome.as_str(),
            checked.decided_on
        );
        if let Some(until) = checked.deferred_until {
            let _ = write!(detail, " until {until}");
        }
        if !checked.reservations.is_empty() {
            let codes: Vec<&str> = checked
                .reservations
                .iter()
                .map(|r| r.member_state.as_str())
                .collect();
            let _ = write!(detail, "; reservations: {}", codes.join(", "));
        }
        if !checked.abstentions.is_empty() {
            let _ = write!(detail, "; abstentions: {}", checked.abstentions.join(", "));
        }
        audit::record(
            conn,
            now,
            By::User(actor),
            AuditAction::DecisionRecorded,
            &consultation_subject(id.as_str()),
            &detail,
        )?;
        let entry = decision_entry(&consultation.reference, draft, &row, &positions);
        super::log::append(
            conn,
            now,
            super::log::NewEntry {
                kind: log_entry::DECISION,
                consultation_id: Some(id.as_str()),
                member_state: None,
                record_id: &decision_record_id(id.as_str(), &draft_row.id),
                entry: &entry,
            },
        )?;
        read(conn, &consultation)?
            .into_iter()
            .find(|d| d.draft == draft)
            .ok_or_else(|| ServiceError::internal("the decision just recorded is missing"))
    })?;
    tracing::info!(consultation = %id, draft, by = %actor.user_id, outcome = view.outcome.as_str(), "decision recorded");
    Ok(view)
}

/// TSB notifies the decisions (9.6.1) to every focal point and its copy
/// address, each in its language. Returns how many emails were queued.
pub fn notify(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    mail: &Mail,
    id: &ConsultationId,
) -> ServiceResult<usize> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let queued = conn.transaction(|conn| {
        if !store::consultations::lock_exclusive(conn, id.as_str())? {
            return Err(ServiceError::consultation_not_found());
        }
        let now = clock.now();
        let consultation = super::consultations::get(conn, clock, id)?;
        if let Some(e) = undecidable(&consultation, now) {
            return Err(e);
        }
        let decisions = read(conn, &consultation)?;
        if decisions.is_empty() {
            return Err(ServiceError::new(
                ErrorCode::InvalidDecision,
                "no decision is recorded yet: record the meeting's decisions first",
            )
            .because(Reason::new("decision-invalid")));
        }
        let queued =
            super::notices::queue_decision_notices(conn, mail, now, &consultation, &decisions)?;
        audit::record(
            conn,
            now,
            By::User(actor),
            AuditAction::DecisionsNotified,
            &consultation_subject(id.as_str()),
            &format!(
                "{} decisions of {} notified to {queued} recipients",
                decisions.len(),
                consultation.reference
            ),
        )?;
        Ok::<_, ServiceError>(queued)
    })?;
    tracing::info!(consultation = %id, by = %actor.user_id, queued, "decisions notified");
    Ok(queued)
}

fn outcome_words(o: Outcome) -> &'static str {
    match o {
        Outcome::Approved => "approved",
        Outcome::NotApproved => "not approved",
        Outcome::Deferred => "decision deferred",
    }
}

/// The text TSB sends to the ITU Operational Bulletin (9.6.1), in English,
/// plain text: per draft its outcome, reservations and abstentions.
pub fn bulletin_text(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ConsultationId,
) -> ServiceResult<String> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let consultation = super::consultations::get(conn, clock, id)?;
    let decisions = read(conn, &consultation)?;
    Ok(bulletin(&consultation, &decisions))
}

/// The Bulletin's text as a file to save, named after the consultation.
pub fn bulletin_file(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ConsultationId,
) -> ServiceResult<super::export::ExportFile> {
    let text = bulletin_text(conn, actor, clock, id)?;
    let c = super::consultations::get(conn, clock, id)?;
    Ok(super::export::ExportFile {
        content_type: "text/plain; charset=utf-8",
        file_name: format!("{}-bulletin.txt", crate::export::file_stem(&c.reference)),
        bytes: text.into_bytes(),
    })
}

/// The Bulletin's text from what was decided (pure, for tests).
pub fn bulletin(c: &ConsultationView, decisions: &[DecisionView]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "ITU-T {}: results of the Alternative Approval Process / TAP consultation ({})",
        c.study_group, c.reference
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", c.title);
    if decisions.is_empty() {
        let _ = writeln!(out, "\nNo decision has been recorded.");
        return out;
    }
    for d in decisions {
        let _ = writeln!(out);
        let draft = c.drafts.iter().find(|x| x.number == d.draft);
        let title = draft.map(|x| x.title.as_str()).unwrap_or_default();
        let _ = write!(
            out,
            "ITU-T {} ({}), {title}: {} on {}",
            d.draft,
            d.provisional_name,
            outcome_words(d.outcome),
            d.decided_on.format("%-d %B %Y")
        );
        if let Some(until) = d.deferred_until {
            let _ = write!(out, " until {}", until.format("%-d %B %Y"));
        }
        let _ = writeln!(out, ".");
        for r in &d.reservations {
            let _ = writeln!(out, "  Reservation of {}: {}", r.member_state.name, r.text);
        }
        if !d.abstentions.is_empty() {
            let names: Vec<&str> = d.abstentions.iter().map(|m| m.name.as_str()).collect();
            let _ = writeln!(out, "  Abstained: {}.", names.join(", "));
        }
        if let Some(note) = &d.note {
            let _ = writeln!(out, "  Note: {note}");
        }
    }
    out
}

/// TSB's reminders of deferrals that have ended: on the day given by
/// `deferred_until`, so that the final outcome is recorded. Once each.
pub fn queue_deferral_reminders(
    conn: &mut DbConnection,
    mail: &Mail,
    clock: &dyn Clock,
) -> ServiceResult<usize> {
    let now = clock.now();
    let today = now.with_timezone(&GENEVA).date_naive();
    let mut queued = 0;
    for (row, number) in store::decisions::deferred(conn)? {
        let Some(until) = row.deferred_until else {
            continue;
        };
        // Old deferrals need nothing more (as for the other reminders).
        if until > today || (today - until).num_days() > 30 {
            continue;
        }
        let Some((c, ds)) = store::consultations::find(conn, &row.consultation_id)? else {
            continue;
        };
        let c = ConsultationView::from_rows(c, ds, now);
        queued += conn.transaction(|conn| {
            super::notices::queue_deferral_reminder(conn, mail, now, &c, &number, until)
        })?;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refused_decision_has_its_reason_in_the_catalogue() {
        let catalogue = crate::i18n::Catalogue::embedded().unwrap();
        let day = NaiveDate::from_ymd_opt(2024, 9, 10).unwrap();
        let every = [
            DecisionError::DeferralDateMissing,
            DecisionError::DeferralDateUnexpected,
            DecisionError::DeferralTooLong {
                on: day,
                until: day,
                latest: day,
            },
            DecisionError::BeforeCutOff(day),
            DecisionError::InFuture(day),
            DecisionError::MayNotProceed,
            DecisionError::UnknownMemberState("XYZ".into()),
            DecisionError::Repeated("CHE".into()),
            DecisionError::AbstainedAndReserved("CHE".into()),
            DecisionError::EmptyReservation("CHE".into()),
            DecisionError::ReservationTooLong("CHE".into()),
            DecisionError::BadNote,
        ];
        for e in every {
            let error = ServiceError::from(e.clone());
            let reason = error.reason().unwrap();
            let key = format!("error-{}", reason.id);
            assert!(catalogue.keys("en").contains(&key), "{e:?}: no {key}");
            // Every value the reason carries is written out, in each language.
            let args: Vec<(&str, fluent_bundle::FluentValue)> = reason
                .args
                .iter()
                .map(|(k, v)| (*k, fluent_bundle::FluentValue::from(v.clone())))
                .collect();
            for lang in crate::i18n::LANGUAGES {
                let text = catalogue.text(lang, &key, &args);
                for (_, value) in &reason.args {
                    assert!(text.contains(value.as_str()), "{lang}:{key} drops {value}");
                }
            }
        }
    }
}
