use std::collections::{HashMap, HashSet};

use serde::Serialize;
use utoipa::ToSchema;

use super::consultations::ConsultationView;
use super::ErrorCode;
use super::{ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::ids::ConsultationId;
use crate::domain::reply::Position;
use crate::domain::tally::{DraftCount, Outcome};
use crate::store::replies::StoredResponse;
use crate::store::{self, DbConnection};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DraftTally {
    pub draft: String,
    pub provisional_name: String,
    /// Replies received for this draft (the denominator).
    pub replies: u32,
    pub yes: u32,
    pub no: u32,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Tally {
    #[schema(value_type = String)]
    pub consultation_id: ConsultationId,
    /// True once the cut-off is sealed (`sealed_at`): every reply received
    /// before `closes_at` is counted and the tally can no longer change.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// When the cut-off was sealed; null while the consultation is open.
    pub sealed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Set when TSB cancelled the consultation: the counts are kept, but
    /// they decide nothing (and the tally is never final).
    pub cancelled_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Member States whose current reply answers at least one draft.
    pub member_states_replied: u32,
    /// Member States whose reply reached TSB after the cut-off (9.4.5):
    /// recorded and reported, never counted.
    pub late_replies: u32,
    /// When TSB certified the result to the study-group chairman; null
    /// until then. From then on no reply can be entered for any time.
    pub certified_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The user id of who certified it.
    pub certified_by: Option<String>,
    pub drafts: Vec<DraftTally>,
    /// Once final: the verifiable log's checkpoint that covers every reply
    /// of the consultation (the tree after its last revision), so that the
    /// count can be checked against the log's entries
    /// (`GET …/log-entries`, docs/verifying.md).
    pub log: Option<super::log::ClosingCheckpoint>,
}

/// Counts current replies per draft under the rule of Resolution 1; late
/// replies are only numbered (`late_replies`), never counted.
pub fn count(
    consultation: &ConsultationView,
    responses: &[StoredResponse],
    late_replies: u32,
) -> Tally {
    let mut counts: HashMap<&str, DraftCount> = HashMap::new();
    // Each current revision belongs to one Member State.
    let mut replied: HashSet<&str> = HashSet::new();
    for r in responses {
        let Some(position) = Position::parse(&r.row.position) else {
            continue;
        };
        counts
            .entry(r.draft_number.as_str())
            .or_default()
            .add(position);
        replied.insert(r.row.revision_id.as_str());
    }
    Tally {
        consultation_id: consultation.id.clone(),
        is_final: consultation.sealed_at.is_some(),
        sealed_at: consultation.sealed_at,
        cancelled_at: consultation.cancelled_at,
        member_states_replied: u32::try_from(replied.len()).unwrap_or(u32::MAX),
        late_replies,
        certified_at: consultation.certified_at,
        certified_by: consultation.certified_by.clone(),
        log: None,
        drafts: consultation
            .drafts
            .iter()
            .map(|d| {
                let c = counts.get(d.number.as_str()).copied().unwrap_or_default();
                DraftTally {
                    draft: d.number.clone(),
                    provisional_name: d.provisional_name.clone(),
                    replies: c.replies(),
                    yes: c.yes,
                    no: c.no,
                    outcome: c.outcome(),
                }
            })
            .collect(),
    }
}

/// TSB staff see the live tally at any time; focal points once it is final.
pub fn tally(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    consultation_id: &ConsultationId,
) -> ServiceResult<Tally> {
    let consultation = super::consultations::get_sealed(conn, clock, consultation_id)?;
    if !actor.is_tsb() && consultation.is_open() {
        return Err(ServiceError::new(
            ErrorCode::TallyNotFinal,
            "the tally is available to Member States once the consultation has closed",
        ));
    }
    if !actor.is_tsb() && consultation.is_cancelled() {
        return Err(ServiceError::new(
            ErrorCode::TallyNotFinal,
            "the consultation was cancelled: it has no result",
        ));
    }
    read(conn, &consultation)
}

/// How many Member States replied late to a consultation.
pub(crate) fn late_replies(conn: &mut DbConnection, consultation_id: &str) -> ServiceResult<u32> {
    let n = store::replies::late_member_states(conn, consultation_id)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The tally of a consultation as stored now.
pub(crate) fn read(
    conn: &mut DbConnection,
    consultation: &ConsultationView,
) -> ServiceResult<Tally> {
    let id = consultation.id.as_str();
    let responses = store::replies::current_responses(conn, id)?;
    let mut tally = count(consultation, &responses, late_replies(conn, id)?);
    if tally.is_final {
        tally.log = super::log::closing_checkpoint(conn, id)?;
    }
    Ok(tally)
}
