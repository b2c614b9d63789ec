use serde::Serialize;
use utoipa::ToSchema;

use super::consultations::ConsultationView;
use super::replies::CurrentReply;
use super::tally::Tally;
use super::{ErrorCode, ServiceError, ServiceResult};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::deadline::geneva_label;
use crate::domain::ids::ConsultationId;
use crate::export::{self, CsvTable, ExportRow, Labels, Sheets, TallyLine};
use crate::i18n::{Catalogue, Language};
use crate::store::{self, DbConnection};
use fluent_bundle::FluentValue;

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
    let mut tally = super::tally::count(&consultation, &responses, late);
    if tally.is_final {
        tally.log = super::log::closing_checkpoint(conn, consultation_id.as_str())?;
    }
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
            received_at_geneva: geneva_label(rev.received_at),
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
            received_at: rev.received_at,
            entered_at: rev.entered_at,
        })
        .collect()
}

/// What an export is asked for: the format, for a CSV which table, and the
/// language of its headers and labels (default: the user's).
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    pub table: Option<String>,
    pub lang: Option<String>,
}

fn csv_table(table: Option<&str>, format: ExportFormat) -> ServiceResult<CsvTable> {
    match (table, format) {
        (None | Some("replies"), _) => Ok(CsvTable::Replies),
        (Some("tally"), ExportFormat::Csv) => Ok(CsvTable::Tally),
        (Some("late"), ExportFormat::Csv) => Ok(CsvTable::Late),
        (Some("tally" | "late"), _) => Err(ServiceError::new(
            ErrorCode::InvalidQuery,
            "table applies to format=csv only: an XLSX or JSON export holds every table",
        )),
        (Some(other), _) => Err(ServiceError::new(
            ErrorCode::InvalidQuery,
            format!("table must be replies, tally or late, not {other:?}"),
        )),
    }
}

/// The words of the files in one language.
fn labels(cat: &Catalogue, lang: &str) -> Labels {
    let t = |key: &str| cat.text(lang, key, &[]);
    Labels {
        reply_header: [
            t("export-iso3"),
            t("export-member-state"),
            t("label-draft"),
            t("export-provisional-name"),
            t("label-position"),
            t("label-reasons"),
            t("label-comments"),
            t("export-received-utc"),
            t("export-received-geneva"),
            t("confirmation-revision"),
            t("confirmation-entered-by"),
            t("export-on-behalf"),
            t("confirmation-receipt"),
            t("export-entered-utc"),
            t("field-source"),
        ],
        tally_header: [
            t("label-draft"),
            t("export-provisional-name"),
            t("label-replies"),
            t("label-yes"),
            t("label-no"),
            t("label-outcome"),
        ],
        yes: t("position-yes"),
        no: t("position-no"),
        may_proceed: t("outcome-may-proceed"),
        may_not_proceed: t("outcome-may-not-proceed"),
        sheets: [
            t("export-sheet-replies"),
            t("export-sheet-tally"),
            t("export-sheet-late"),
            t("export-sheet-consultation"),
        ],
        details: [
            t("export-reference"),
            t("label-study-group"),
            t("label-title"),
            t("label-deadline"),
            t("label-status"),
            t("label-replied"),
            t("label-late-replies"),
            t("export-certified"),
            t("export-log-checkpoint"),
        ],
    }
}

pub fn export(
    conn: &mut DbConnection,
    actor: &Actor,
    clock: &dyn Clock,
    catalogue: &Catalogue,
    consultation_id: &ConsultationId,
    format: ExportFormat,
    request: &ExportRequest,
) -> ServiceResult<ExportFile> {
    let table = csv_table(request.table.as_deref(), format)?;
    let lang = match request.lang.as_deref() {
        None => crate::i18n::supported(&actor.language),
        Some(code) => Language::parse(code)
            .ok_or_else(|| {
                ServiceError::new(
                    ErrorCode::InvalidQuery,
                    format!("lang must be one of ar, zh, en, fr, ru, es, not {code:?}"),
                )
            })?
            .code(),
    };
    let data = collect(conn, actor, clock, consultation_id)?;
    let stem = export::file_stem(&data.consultation.reference);
    let c = &data.consultation;
    let t = |key: &str, args: &[(&str, FluentValue<'_>)]| catalogue.text(lang, key, args);
    let status = match (c.cancelled_at, data.tally.is_final) {
        (Some(at), _) => t(
            "export-status-cancelled",
            &[
                (
                    "date",
                    FluentValue::from(crate::mail::dated_time_label(catalogue, lang, at, false)),
                ),
                (
                    "reason",
                    FluentValue::from(c.cancellation_reason.clone().unwrap_or_default()),
                ),
            ],
        ),
        (None, true) => t("export-status-final", &[]),
        (None, false) => t("export-status-open", &[]),
    };
    let certified = match data.tally.certified_at {
        Some(at) => crate::mail::dated_time_label(catalogue, lang, at, false),
        None => t("export-not-certified", &[]),
    };
    // Files for people name the Member States in their language; the JSON,
    // for programs, keeps the English names.
    let named = |rows: &[ExportRow]| -> Vec<ExportRow> {
        rows.iter()
            .map(|r| ExportRow {
                member_state: crate::i18n::names::name_of(lang, &r.iso3),
                ..r.clone()
            })
            .collect()
    };
    let (rows, late_rows) = (named(&data.rows), named(&data.late_rows));
    let sheets = Sheets {
        rows: &rows,
        late_rows: &late_rows,
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
        labels: labels(catalogue, lang),
        details: [
            c.reference.clone(),
            c.study_group.clone(),
            c.title.clone(),
            {
                let (last, precision) = c.last_included();
                crate::mail::dated_time_label(
                    catalogue,
                    lang,
                    last,
                    precision == crate::domain::deadline::Precision::Second,
                )
            },
            status,
            data.tally.member_states_replied.to_string(),
            data.tally.late_replies.to_string(),
            certified,
            match &data.tally.log {
                Some(log) => log.checkpoint.clone(),
                None => t("export-log-not-final", &[]),
            },
        ],
    };
    Ok(match format {
        ExportFormat::Csv => ExportFile {
            content_type: "text/csv; charset=utf-8",
            file_name: match table {
                CsvTable::Replies => format!("{stem}.csv"),
                CsvTable::Tally => format!("{stem}-tally.csv"),
                CsvTable::Late => format!("{stem}-late.csv"),
            },
            bytes: export::to_csv(&sheets, table).map_err(ServiceError::internal)?,
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
