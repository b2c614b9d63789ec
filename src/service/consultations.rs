use chrono::{DateTime, NaiveDate, Utc};
use diesel::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use super::{new_id, to_naive, to_utc, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::consultation::{check_consultation, ConsultationError, ProposedConsultation};
use crate::domain::deadline::{
    deadline_label, is_open, parse_deadline, parse_time_zone, DeadlineError, Precision,
};
use crate::mail::{outbox, Mail};
use crate::store::models::{ConsultationRow, DraftRow};
use crate::store::{self, DbConnection};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Closed,
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
    pub id: String,
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
    /// From the server clock at the time of the request.
    pub status: Status,
    pub meeting_starts_on: Option<NaiveDate>,
    pub meeting_ends_on: Option<NaiveDate>,
    pub meeting_place: Option<String>,
    pub created_at: DateTime<Utc>,
    pub drafts: Vec<DraftView>,
}

impl ConsultationView {
    pub fn from_rows(c: ConsultationRow, drafts: Vec<DraftRow>, now: DateTime<Utc>) -> Self {
        let closes_at = to_utc(c.closes_at);
        ConsultationView {
            status: if is_open(closes_at, now) {
                Status::Open
            } else {
                Status::Closed
            },
            deadline_geneva: deadline_label_of(&c.deadline, &c.time_zone, closes_at),
            id: c.id,
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
}

/// Precision is re-read from the deadline as stored ("23:59" or "23:59:30").
fn deadline_label_of(deadline: &str, time_zone: &str, closes_at: DateTime<Utc>) -> String {
    let precision = parse_time_zone(time_zone)
        .and_then(|tz| parse_deadline(deadline, tz))
        .map(|d| d.precision)
        .unwrap_or(Precision::Minute);
    deadline_label(closes_at, precision)
}

impl From<ConsultationError> for ServiceError {
    fn from(e: ConsultationError) -> Self {
        let code = match &e {
            ConsultationError::Missing(_) => "missing_field",
            ConsultationError::TooLong(_) => "field_too_long",
            ConsultationError::NoDrafts => "no_drafts",
            ConsultationError::TooManyDrafts => "too_many_drafts",
            ConsultationError::RepeatedDraft(_) => "repeated_draft",
            ConsultationError::MeetingDates => "invalid_meeting_dates",
            ConsultationError::BadTextUrl(_) => "invalid_text_url",
            ConsultationError::Deadline(DeadlineError::UnknownTimeZone(_)) => "unknown_time_zone",
            ConsultationError::Deadline(DeadlineError::Malformed(_)) => "invalid_deadline",
            ConsultationError::Deadline(DeadlineError::Nonexistent(..)) => "nonexistent_deadline",
            ConsultationError::Deadline(DeadlineError::Ambiguous(..)) => "ambiguous_deadline",
        };
        ServiceError::invalid(code, e.to_string())
    }
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
    let row = ConsultationRow {
        id: id.clone(),
        reference: checked.reference,
        study_group: checked.study_group,
        title: checked.title,
        deadline: checked.deadline.local,
        time_zone: checked.deadline.time_zone.name().to_owned(),
        closes_at: to_naive(checked.deadline.closes_at),
        meeting_starts_on: checked.meeting_starts_on,
        meeting_ends_on: checked.meeting_ends_on,
        meeting_place: checked.meeting_place,
        created_at: to_naive(now),
        created_by: actor.user_id.clone(),
    };
    let drafts: Vec<DraftRow> = checked
        .drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| DraftRow {
            id: new_id(),
            consultation_id: id.clone(),
            ordinal: i32::try_from(i).unwrap_or(i32::MAX),
            number: d.number,
            provisional_name: d.provisional_name,
            title: d.title,
            text_url: d.text_url,
        })
        .collect();
    let reference = row.reference.clone();
    let view = conn.transaction(|conn| {
        store::consultations::insert(conn, &row, &drafts)?;
        let view = ConsultationView::from_rows(row, drafts, now);
        // Focal points are invited in the same transaction: no consultation
        // opens without its invitations queued.
        outbox::queue_invitations(conn, mail, now, &view)?;
        Ok::<_, ServiceError>(view)
    })?;
    tracing::info!(consultation = %id, by = %actor.user_id, %reference, "consultation created");
    Ok(view)
}

/// Any signed-in user may see a consultation.
pub fn get(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    id: &str,
) -> ServiceResult<ConsultationView> {
    let (c, ds) =
        store::consultations::find(conn, id)?.ok_or_else(ServiceError::consultation_not_found)?;
    Ok(ConsultationView::from_rows(c, ds, clock.now()))
}

pub fn list(conn: &mut DbConnection, clock: &dyn Clock) -> ServiceResult<Vec<ConsultationView>> {
    let now = clock.now();
    Ok(store::consultations::list(conn)?
        .into_iter()
        .map(|(c, ds)| ConsultationView::from_rows(c, ds, now))
        .collect())
}
