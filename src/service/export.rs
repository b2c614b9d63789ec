use serde::Serialize;
use utoipa::ToSchema;

use super::consultations::ConsultationView;
use super::replies::CurrentReply;
use super::tally::Tally;
use super::{ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::deadline::GENEVA;
use crate::domain::ids::ConsultationId;
use crate::export::{self, ExportRow, Sheets, TallyLine};
use crate::store::{self, DbConnection};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExportData {
    pub consultation: ConsultationView,
    /// The current replies, one row per Member State and draft answered.
    pub rows: Vec<ExportRow>,
    /// Replies received after the cut-off: listed apart, never counted.
    pub late_rows: Vec<ExportRow>,
    pub tally: Tally,
}

pub struct ExportFile {
    pub content_type: &'static str,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl ExportFile {
    /// The `Content-Disposition` that makes browsers save it under its name
    /// (the name is ASCII letters, digits and hyphens: `export::file_stem`).
    pub fn content_disposition(&self) -> String {
        format!("attachment; filename=\"{}\"", self.file_name)
    }
}

pub fn collect(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    consultation_id: &ConsultationId,
) -> ServiceResult<ExportData> {
    if !actor.is_tsb() {
        return Err(ServiceError::tsb_only());
    }
    let consultation = super::consultations::get_sealed(conn, clock, consultation_id)?;
    let responses = store::replies::current_responses(conn, consultation_id.as_str())?;
    let late = super::tally::late_replies(conn, consultation_id.as_str())?;
    let tally = super::tally::count(&consultation, &responses, late);
    let current = super::replies::current_replies(conn, &consultation, responses)?;
    let late_replies = super::replies::late_replies(conn, &consultation)?;
    Ok(ExportData {
        consultation,
        rows: current.iter().flat_map(rows_of).collect(),
        late_rows: late_replies.iter().flat_map(rows_of).collect(),
        tally,
    })
}

/// The rows of one reply: one per draft it answers.
fn rows_of(c: &CurrentReply) -> Vec<ExportRow> {
    let rev = &c.reply;
    let utc =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let geneva = rev.received_at.with_timezone(&GENEVA);
    rev.responses
        .iter()
        .map(|r| ExportRow {
            iso3: c.member_state.iso3.clone(),
            member_state: c.member_state.name.clone(),
            draft: r.draft.clone(),
            provisional_name: r.provisional_name.clone(),
            position: r.position.as_str().to_owned(),
            reasons: r.reasons.clone().unwrap_or_default(),
            comments: r.comments.clone().unwrap_or_default(),
            received_at_utc: utc(rev.received_at),
            received_at_geneva: geneva.format("%Y-%m-%d %H:%M:%S %Z").to_string(),
            revision: rev.revision,
            entered_by: if rev.on_behalf {
                format!("{} (TSB, on behalf)", rev.entered_by.name)
            } else {
                rev.entered_by.name.clone()
            },
            on_behalf: rev.on_behalf,
            receipt: rev.receipt.clone(),
            entered_at_utc: utc(rev.entered_at),
            source: rev.source.clone().unwrap_or_default(),
            late: rev.late,
        })
        .collect()
}

pub fn export(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    consultation_id: &ConsultationId,
    format: ExportFormat,
) -> ServiceResult<ExportFile> {
    let data = collect(conn, actor, clock, consultation_id)?;
    let stem = export::file_stem(&data.consultation.reference);
    let sheets = Sheets {
        rows: &data.rows,
        late_rows: &data.late_rows,
        certified: data
            .tally
            .certified_at
            .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string()),
        tally: data
            .tally
            .drafts
            .iter()
            .map(|d| TallyLine {
                draft: d.draft.clone(),
                provisional_name: d.provisional_name.clone(),
                replies: d.replies,
                yes: d.yes,
                no: d.no,
                outcome: d.outcome,
            })
            .collect(),
        is_final: data.tally.is_final,
        cancelled: data.consultation.cancelled_at.map(|at| {
            format!(
                "on {}: {}",
                at.format("%Y-%m-%d %H:%M UTC"),
                data.consultation
                    .cancellation_reason
                    .as_deref()
                    .unwrap_or_default()
            )
        }),
        member_states_replied: data.tally.member_states_replied,
    };
    Ok(match format {
        ExportFormat::Csv => ExportFile {
            content_type: "text/csv; charset=utf-8",
            file_name: format!("{stem}.csv"),
            bytes: export::to_csv(&sheets).map_err(ServiceError::internal)?,
        },
        ExportFormat::Xlsx => ExportFile {
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            file_name: format!("{stem}.xlsx"),
            bytes: export::to_xlsx(&sheets).map_err(ServiceError::internal)?,
        },
        ExportFormat::Json => ExportFile {
            content_type: "application/json",
            file_name: format!("{stem}.json"),
            bytes: serde_json::to_vec_pretty(&data).map_err(ServiceError::internal)?,
        },
    })
}
