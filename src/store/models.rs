//! Rows as stored, beside their insert forms.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::schema::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = member_states)]
pub struct MemberState {
    pub iso3: String,
    pub iso2: String,
    pub name_en: String,
    pub itu_name_en: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub member_state: Option<String>,
    pub password_hash: Option<String>,
    pub language: String,
    pub token_version: i32,
    pub created_at: NaiveDateTime,
    pub deactivated_at: Option<NaiveDateTime>,
    /// Moves on when the user signs out: every web session ends.
    pub session_version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = consultations)]
pub struct ConsultationRow {
    pub id: String,
    pub reference: String,
    pub study_group: String,
    pub title: String,
    pub deadline: String,
    pub time_zone: String,
    pub closes_at: NaiveDateTime,
    pub meeting_starts_on: Option<NaiveDate>,
    pub meeting_ends_on: Option<NaiveDate>,
    pub meeting_place: Option<String>,
    pub created_at: NaiveDateTime,
    pub created_by: String,
    pub sealed_at: Option<NaiveDateTime>,
    /// The calendar entry's SEQUENCE: raised by every notice of change.
    pub notice_sequence: i32,
    pub cancelled_at: Option<NaiveDateTime>,
    pub cancelled_by: Option<String>,
    pub cancellation_reason: Option<String>,
    /// When TSB certified the result to the chairman: no entry after it.
    pub certified_at: Option<NaiveDateTime>,
    pub certified_by: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = drafts)]
pub struct DraftRow {
    pub id: String,
    pub consultation_id: String,
    pub ordinal: i32,
    pub number: String,
    pub provisional_name: String,
    pub title: String,
    pub text_url: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = replies)]
pub struct ReplyRow {
    pub consultation_id: String,
    pub member_state: String,
    pub current_revision: i32,
    pub updated_at: Option<NaiveDateTime>,
    /// The id of revision `current_revision` (None before the first).
    pub current_revision_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reply_revisions)]
pub struct RevisionRow {
    pub id: String,
    pub consultation_id: String,
    pub member_state: String,
    pub revision: i32,
    pub received_at: NaiveDateTime,
    pub receipt: String,
    pub entered_by: String,
    pub on_behalf: i32,
    pub source_note: Option<String>,
    /// When it was stored; `received_at` is earlier when TSB attests that a
    /// fax or email arrived before it was entered.
    pub entered_at: NaiveDateTime,
    /// Received after the cut-off: kept and reported, never counted.
    pub late: i32,
    /// `store::replies::responses_digest` of its responses; None for
    /// revisions stored before digests were kept.
    pub responses_digest: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reply_responses)]
pub struct ResponseRow {
    pub revision_id: String,
    pub draft_id: String,
    pub position: String,
    pub reasons: Option<String>,
    pub comments: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = decisions)]
pub struct DecisionRow {
    pub consultation_id: String,
    pub draft_id: String,
    pub outcome: String,
    pub decided_on: NaiveDate,
    pub deferred_until: Option<NaiveDate>,
    pub note: Option<String>,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = decision_positions)]
pub struct DecisionPositionRow {
    pub consultation_id: String,
    pub draft_id: String,
    pub member_state: String,
    /// "reservation" or "abstention".
    pub kind: String,
    pub text: Option<String>,
}

/// One entry of the verifiable log, with the tree hashes it completed and
/// the signed checkpoint of the tree its batch ends (which covers it).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = log_entries)]
pub struct LogEntryRow {
    pub leaf_index: i64,
    pub kind: String,
    pub consultation_id: Option<String>,
    pub member_state: Option<String>,
    /// The id of the revision, consultation or decision recorded.
    pub record_id: String,
    /// The entry's exact bytes (RFC 8785 JSON, UTF-8).
    pub entry: String,
    pub hashes: Vec<u8>,
    pub checkpoint: String,
    pub appended_at: NaiveDateTime,
}

/// An entry stored with what it records, waiting for its place in the tree.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = log_queue)]
pub struct NewQueuedEntry {
    pub kind: String,
    pub consultation_id: Option<String>,
    pub member_state: Option<String>,
    pub record_id: String,
    pub entry: String,
    pub queued_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = log_queue)]
pub struct QueuedEntry {
    pub id: i64,
    pub kind: String,
    pub consultation_id: Option<String>,
    pub member_state: Option<String>,
    pub record_id: String,
    pub entry: String,
    pub queued_at: NaiveDateTime,
}
