//! The TD of comments (Resolution 1, 9.4.7) that TSB takes to the meeting.

use super::consultations::ConsultationView;
use super::export::ExportFile;
use super::replies::CurrentReply;
use super::tally::Tally;
use super::{ErrorCode, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::deadline::geneva_label;
use crate::domain::ids::ConsultationId;
use crate::domain::reply::Position;
use crate::domain::tally::Outcome;
use crate::export::comments::{
    to_docx, to_html, CommentsDocument, DraftSection, PositionEntry, TallyEntry,
};
use crate::export::file_stem;
use crate::store::{self, DbConnection};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentsFormat {
    Docx,
    Html,
}

impl CommentsFormat {
    pub fn parse(s: &str) -> ServiceResult<Self> {
        match s {
            "docx" => Ok(Self::Docx),
            "html" => Ok(Self::Html),
            _ => Err(ServiceError::new(
                ErrorCode::InvalidFormat,
                "format must be docx or html",
            )),
        }
    }
}

fn received(r: &CurrentReply) -> String {
    let rev = &r.reply;
    let mut s = geneva_label(rev.received_at);
    if let Some(source) = &rev.source {
        s.push_str(&format!(", {source}"));
    }
    if rev.attested {
        s.push_str(&format!(
            " (as attested by TSB; entered {} by {})",
            geneva_label(rev.entered_at),
            rev.entered_by.name
        ));
    } else if rev.on_behalf {
        s.push_str(&format!(" (entered by TSB: {})", rev.entered_by.name));
    }
    s
}

fn entries(replies: &[CurrentReply], draft: &str, late: bool) -> Vec<PositionEntry> {
    replies
        .iter()
        .filter_map(|r| {
            let resp = r.reply.responses.iter().find(|x| x.draft == draft)?;
            Some(PositionEntry {
                iso3: r.member_state.iso3.clone(),
                member_state: r.member_state.name.clone(),
                position: match resp.position {
                    Position::Yes => "Yes".into(),
                    Position::No => "No".into(),
                },
                reasons: resp.reasons.clone().unwrap_or_default(),
                comments: resp.comments.clone().unwrap_or_default(),
                received: received(r),
                late,
            })
        })
        .collect()
}

/// The document's content from what is stored (pure, for tests).
pub fn document(
    c: &ConsultationView,
    tally: &Tally,
    counted: &[CurrentReply],
    late: &[CurrentReply],
    certified_by: Option<&str>,
) -> CommentsDocument {
    CommentsDocument {
        reference: c.reference.clone(),
        study_group: c.study_group.clone(),
        title: c.title.clone(),
        deadline: c.deadline_geneva.clone(),
        drafts: c
            .drafts
            .iter()
            .map(|d| DraftSection {
                number: d.number.clone(),
                provisional_name: d.provisional_name.clone(),
                title: d.title.clone(),
                positions: entries(counted, &d.number, false),
                late: entries(late, &d.number, true),
            })
            .collect(),
        tally: tally
            .drafts
            .iter()
            .map(|t| TallyEntry {
                draft: format!("{} ({})", t.draft, t.provisional_name),
                replies: t.replies,
                yes: t.yes,
                no: t.no,
                outcome: match t.outcome {
                    Outcome::MayProceed => "may proceed",
                    Outcome::MayNotProceed => "may not proceed",
                },
            })
            .collect(),
        member_states_replied: tally.member_states_replied,
        late_replies: tally.late_replies,
        status: match (c.cancelled_at, tally.is_final) {
            (Some(at), _) => format!(
                "cancelled by TSB on {}: the counts decide nothing",
                at.format("%Y-%m-%d %H:%M UTC")
            ),
            (None, true) => "final: the cut-off has passed".into(),
            (None, false) => "not final: the consultation is still open".into(),
        },
        certification: match tally.certified_at {
            Some(at) => format!(
                "certified on {}{}",
                geneva_label(at),
                certified_by.map(|n| format!(" by {n}")).unwrap_or_default()
            ),
            None => "not yet certified".into(),
        },
    }
}

/// The TD of comments as a file (TSB staff).
pub fn comments(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ConsultationId,
    format: CommentsFormat,
) -> ServiceResult<ExportFile> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let c = super::consultations::get_sealed(conn, clock, id)?;
    let responses = store::replies::current_responses(conn, id.as_str())?;
    let late_count = super::tally::late_replies(conn, id.as_str())?;
    let tally = super::tally::count(&c, &responses, late_count);
    let counted: Vec<CurrentReply> = super::replies::current_replies(conn, &c, responses)?
        .into_iter()
        .filter(|r| !r.reply.withdrawn)
        .collect();
    let late = super::replies::late_replies(conn, &c)?;
    let certifier = match &tally.certified_by {
        Some(user) => store::users::by_ids(conn, &[user.as_str()])?
            .into_iter()
            .next()
            .map(|u| u.name),
        None => None,
    };
    let doc = document(&c, &tally, &counted, &late, certifier.as_deref());
    let stem = format!("{}-comments", file_stem(&c.reference));
    Ok(match format {
        CommentsFormat::Docx => ExportFile {
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            file_name: format!("{stem}.docx"),
            bytes: to_docx(&doc).map_err(ServiceError::internal)?,
        },
        CommentsFormat::Html => ExportFile {
            content_type: "text/html; charset=utf-8",
            file_name: format!("{stem}.html"),
            bytes: to_html(&doc).map_err(ServiceError::internal)?.into_bytes(),
        },
    })
}
