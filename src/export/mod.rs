//! Files for TSB staff: CSV that Excel opens correctly in any script, and XLSX.

pub mod comments;

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::tally::Outcome;

/// One row per Member State and draft replied, from the current replies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExportRow {
    pub iso3: String,
    pub member_state: String,
    pub draft: String,
    pub provisional_name: String,
    pub position: String,
    pub reasons: String,
    pub comments: String,
    /// RFC 3339, UTC.
    pub received_at_utc: String,
    /// "YYYY-MM-DD HH:MM:SS" Geneva time, with the zone abbreviation.
    pub received_at_geneva: String,
    pub revision: i32,
    pub entered_by: String,
    pub on_behalf: bool,
    pub receipt: String,
    /// When it was stored (RFC 3339, UTC): later than `received_at_utc`
    /// when TSB attests a fax or email received earlier.
    pub entered_at_utc: String,
    /// How TSB received it, when it entered it.
    pub source: String,
    /// Received after the cut-off: not counted.
    pub late: bool,
}

/// One draft's line of the tally.
#[derive(Debug, Clone)]
pub struct TallyLine {
    pub draft: String,
    pub provisional_name: String,
    pub replies: u32,
    pub yes: u32,
    pub no: u32,
    pub outcome: Outcome,
}

/// What the files hold: the replies, then the tally.
#[derive(Debug, Clone)]
pub struct Sheets<'a> {
    pub rows: &'a [ExportRow],
    /// Replies received after the cut-off, listed apart: not counted.
    pub late_rows: &'a [ExportRow],
    /// When TSB certified the result, if it did.
    pub certified: Option<String>,
    pub tally: Vec<TallyLine>,
    /// Whether the consultation has closed, so the tally can no longer change.
    pub is_final: bool,
    /// When and why TSB cancelled the consultation, if it did: the counts
    /// then decide nothing, and the file says so.
    pub cancelled: Option<String>,
    pub member_states_replied: u32,
}

const REPLY_HEADER: [&str; 15] = [
    "ISO3",
    "Member State",
    "Draft",
    "Provisional name",
    "Position",
    "Reasons / proposed changes",
    "Comments",
    "Received (UTC)",
    "Received (Geneva)",
    "Revision",
    "Entered by",
    "On behalf",
    "Receipt",
    "Entered (UTC)",
    "Source",
];
const LATE_TITLE: &str = "Late replies (received after the cut-off, not counted)";
const TALLY_HEADER: [&str; 6] = [
    "Draft",
    "Provisional name",
    "Replies",
    "Yes",
    "No",
    "Outcome",
];

fn outcome_text(o: Outcome) -> &'static str {
    o.as_str()
}

fn reply_cells(r: &ExportRow) -> [String; 15] {
    [
        r.iso3.clone(),
        r.member_state.clone(),
        r.draft.clone(),
        r.provisional_name.clone(),
        r.position.clone(),
        r.reasons.clone(),
        r.comments.clone(),
        r.received_at_utc.clone(),
        r.received_at_geneva.clone(),
        r.revision.to_string(),
        r.entered_by.clone(),
        if r.on_behalf {
            "yes".into()
        } else {
            "no".into()
        },
        r.receipt.clone(),
        r.entered_at_utc.clone(),
        r.source.clone(),
    ]
}

/// "TSB Circular 195" → "tsb-circular-195".
pub fn file_stem(reference: &str) -> String {
    let mut s = String::new();
    for c in reference.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() {
        "consultation".into()
    } else {
        s
    }
}

/// Cells that a spreadsheet would read as a formula are prefixed with an
/// apostrophe (CSV injection), since replies are free text from outside.
fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

impl Sheets<'_> {
    /// How many Member States replied late.
    fn late_member_states(&self) -> usize {
        let mut states: Vec<&str> = self.late_rows.iter().map(|r| r.iso3.as_str()).collect();
        states.sort_unstable();
        states.dedup();
        states.len()
    }
}

/// UTF-8 with a byte-order mark, which is what makes Excel read Chinese and
/// Arabic correctly; the replies, a blank line, then the tally, and the late
/// replies under their title when there are any.
pub fn to_csv(data: &Sheets<'_>) -> Result<Vec<u8>, csv::Error> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        w.write_record(REPLY_HEADER)?;
        for r in data.rows {
            w.write_record(reply_cells(r).iter().map(|c| defuse(c)))?;
        }
        w.write_record([""])?;
        w.write_record(TALLY_HEADER)?;
        for d in &data.tally {
            w.write_record([
                d.draft.clone(),
                d.provisional_name.clone(),
                d.replies.to_string(),
                d.yes.to_string(),
                d.no.to_string(),
                outcome_text(d.outcome).to_owned(),
            ])?;
        }
        if !data.late_rows.is_empty() {
            w.write_record([""])?;
            w.write_record([LATE_TITLE])?;
            w.write_record(REPLY_HEADER)?;
            for r in data.late_rows {
                w.write_record(reply_cells(r).iter().map(|c| defuse(c)))?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}

pub fn to_xlsx(data: &Sheets<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();

    let replies = |sheet: &mut rust_xlsxwriter::Worksheet, rows: &[ExportRow]| {
        for (col, h) in REPLY_HEADER.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        for (i, r) in rows.iter().enumerate() {
            let row = (i + 1) as u32;
            for (col, cell) in reply_cells(r).iter().enumerate() {
                if col == 9 {
                    sheet.write_number(row, col as u16, f64::from(r.revision))?;
                } else if col == 5 || col == 6 {
                    sheet.write_string_with_format(row, col as u16, cell, &wrap)?;
                } else {
                    sheet.write_string(row, col as u16, cell)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
        Ok::<_, XlsxError>(())
    };
    replies(book.add_worksheet().set_name("Replies")?, data.rows)?;

    let sheet = book.add_worksheet().set_name("Tally")?;
    for (col, h) in TALLY_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    for (i, d) in data.tally.iter().enumerate() {
        let row = (i + 1) as u32;
        sheet.write_string(row, 0, &d.draft)?;
        sheet.write_string(row, 1, &d.provisional_name)?;
        sheet.write_number(row, 2, f64::from(d.replies))?;
        sheet.write_number(row, 3, f64::from(d.yes))?;
        sheet.write_number(row, 4, f64::from(d.no))?;
        sheet.write_string(row, 5, outcome_text(d.outcome))?;
    }
    let n = data.tally.len() as u32 + 2;
    sheet.write_string_with_format(n, 0, "Final", &bold)?;
    let status = match (&data.cancelled, data.is_final) {
        (Some(why), _) => format!("no: the consultation was cancelled {why}"),
        (None, true) => "yes".into(),
        (None, false) => "no (consultation still open)".into(),
    };
    sheet.write_string(n, 1, defuse(&status))?;
    sheet.write_string_with_format(n + 1, 0, "Member States replied", &bold)?;
    sheet.write_number(n + 1, 1, f64::from(data.member_states_replied))?;
    sheet.write_string_with_format(n + 2, 0, "Late replies (not counted)", &bold)?;
    sheet.write_number(n + 2, 1, data.late_member_states() as f64)?;
    sheet.write_string_with_format(n + 3, 0, "Certified", &bold)?;
    sheet.write_string(
        n + 3,
        1,
        data.certified.as_deref().unwrap_or("no (not yet)"),
    )?;
    sheet.autofit();
    if !data.late_rows.is_empty() {
        replies(
            book.add_worksheet().set_name("Late replies")?,
            data.late_rows,
        )?;
    }

    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("TSB Circular 195"), "tsb-circular-195");
        assert_eq!(file_stem("  ///"), "consultation");
    }

    #[test]
    fn formula_like_cells_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("yes"), "yes");
    }
}
