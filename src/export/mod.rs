//! Files for TSB staff: CSV that Excel opens correctly in any script, and
//! XLSX ready to sort and filter. Every word a person reads in them comes in
//! `Labels`, in the reader's language; the data stay as stored.

pub mod comments;

use chrono::{DateTime, NaiveDateTime, Utc};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::deadline::GENEVA;
use crate::domain::tally::Outcome;

/// One row per Member State and draft replied, from the current replies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExportRow {
    pub iso3: String,
    pub member_state: String,
    pub draft: String,
    pub provisional_name: String,
    /// `yes` or `no`.
    pub position: String,
    pub reasons: String,
    pub comments: String,
    /// RFC 3339, UTC.
    pub received_at_utc: String,
    /// The official time: "2024-08-21 23:50 Geneva (CEST, UTC+2) = 21:50
    /// UTC", to the second when the instant has seconds.
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
    /// The instants themselves, for the spreadsheet's date-time cells.
    #[serde(skip)]
    #[schema(ignore)]
    pub received_at: DateTime<Utc>,
    #[serde(skip)]
    #[schema(ignore)]
    pub entered_at: DateTime<Utc>,
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

/// The words of the files, in the reader's language.
#[derive(Debug, Clone)]
pub struct Labels {
    /// ISO3, Member State, Draft, Provisional name, Position, Reasons,
    /// Comments, Received (UTC), Received (Geneva), Revision, Entered by,
    /// On behalf, Receipt, Entered (UTC), Source.
    pub reply_header: [String; 15],
    /// Draft, Provisional name, Replies, Yes, No, Outcome.
    pub tally_header: [String; 6],
    pub yes: String,
    pub no: String,
    pub may_proceed: String,
    pub may_not_proceed: String,
    /// Sheet names: replies, tally, late replies, the consultation.
    pub sheets: [String; 4],
    /// The consultation sheet's lines: reference, study group, title,
    /// deadline, status, member states replied, late replies, certified.
    pub details: [String; 9],
}

impl Labels {
    fn position<'a>(&'a self, p: &'a str) -> &'a str {
        match p {
            "yes" => &self.yes,
            "no" => &self.no,
            other => other,
        }
    }

    fn outcome(&self, o: Outcome) -> &str {
        match o {
            Outcome::MayProceed => &self.may_proceed,
            Outcome::MayNotProceed => &self.may_not_proceed,
        }
    }

    fn yes_no(&self, b: bool) -> &str {
        if b {
            &self.yes
        } else {
            &self.no
        }
    }
}

/// What the files hold.
#[derive(Debug, Clone)]
pub struct Sheets<'a> {
    pub rows: &'a [ExportRow],
    /// Replies received after the cut-off, listed apart: not counted.
    pub late_rows: &'a [ExportRow],
    pub tally: Vec<TallyLine>,
    pub labels: Labels,
    /// The consultation sheet's values, in the order of `Labels::details`
    /// (the last three are written as the service states them).
    pub details: [String; 9],
}

/// Which table a CSV holds: a CSV file is one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTable {
    Replies,
    Tally,
    Late,
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

fn reply_cells(r: &ExportRow, l: &Labels) -> [String; 15] {
    [
        r.iso3.clone(),
        r.member_state.clone(),
        r.draft.clone(),
        r.provisional_name.clone(),
        l.position(&r.position).to_owned(),
        r.reasons.clone(),
        r.comments.clone(),
        r.received_at_utc.clone(),
        r.received_at_geneva.clone(),
        r.revision.to_string(),
        r.entered_by.clone(),
        l.yes_no(r.on_behalf).to_owned(),
        r.receipt.clone(),
        r.entered_at_utc.clone(),
        r.source.clone(),
    ]
}

fn tally_cells(d: &TallyLine, l: &Labels) -> [String; 6] {
    [
        d.draft.clone(),
        d.provisional_name.clone(),
        d.replies.to_string(),
        d.yes.to_string(),
        d.no.to_string(),
        l.outcome(d.outcome).to_owned(),
    ]
}

/// One table as CSV: UTF-8 with a byte-order mark, which is what makes
/// Excel read Chinese and Arabic correctly; a header row, then the rows.
pub fn to_csv(data: &Sheets<'_>, table: CsvTable) -> Result<Vec<u8>, csv::Error> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let l = &data.labels;
        match table {
            CsvTable::Replies | CsvTable::Late => {
                w.write_record(&l.reply_header)?;
                let rows = if table == CsvTable::Late {
                    data.late_rows
                } else {
                    data.rows
                };
                for r in rows {
                    w.write_record(reply_cells(r, l).iter().map(|c| defuse(c)))?;
                }
            }
            CsvTable::Tally => {
                w.write_record(&l.tally_header)?;
                for d in &data.tally {
                    w.write_record(tally_cells(d, l).iter().map(|c| defuse(c)))?;
                }
            }
        }
        w.flush()?;
    }
    Ok(out)
}

/// Excel's serial date-time of a wall-clock time: days since 1899-12-30.
fn serial(t: NaiveDateTime) -> f64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    (t - epoch).num_milliseconds() as f64 / 86_400_000.0
}

/// Column widths (in characters) of the replies sheets: text columns wide
/// enough to read, the reasons and comments wide and wrapped.
const REPLY_WIDTHS: [f64; 15] = [
    7.0, 24.0, 10.0, 16.0, 9.0, 50.0, 40.0, 20.0, 20.0, 9.0, 26.0, 10.0, 20.0, 20.0, 30.0,
];

struct Formats {
    header: Format,
    wrap: Format,
    time: Format,
}

fn header_row(sheet: &mut Worksheet, header: &[String], f: &Formats) -> Result<(), XlsxError> {
    for (col, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, h, &f.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A sheet of replies: the times as date-time cells (UTC, and Geneva's
/// wall clock), filterable, the header frozen.
fn replies_sheet(
    sheet: &mut Worksheet,
    rows: &[ExportRow],
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    header_row(sheet, &l.reply_header, f)?;
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 1) as u32;
        for (col, cell) in reply_cells(r, l).iter().enumerate() {
            let c = col as u16;
            match col {
                5 | 6 => sheet.write_string_with_format(row, c, cell, &f.wrap)?,
                7 => sheet.write_number_with_format(
                    row,
                    c,
                    serial(r.received_at.naive_utc()),
                    &f.time,
                )?,
                8 => sheet.write_number_with_format(
                    row,
                    c,
                    serial(r.received_at.with_timezone(&GENEVA).naive_local()),
                    &f.time,
                )?,
                9 => sheet.write_number(row, c, f64::from(r.revision))?,
                13 => sheet.write_number_with_format(
                    row,
                    c,
                    serial(r.entered_at.naive_utc()),
                    &f.time,
                )?,
                _ => sheet.write_string(row, c, cell)?,
            };
        }
    }
    for (col, w) in REPLY_WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *w)?;
    }
    sheet.autofilter(0, 0, rows.len() as u32, (REPLY_WIDTHS.len() - 1) as u16)?;
    Ok(())
}

pub fn to_xlsx(data: &Sheets<'_>) -> Result<Vec<u8>, XlsxError> {
    let l = &data.labels;
    let f = Formats {
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        time: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
    };
    let mut book = Workbook::new();
    replies_sheet(
        book.add_worksheet().set_name(&l.sheets[0])?,
        data.rows,
        l,
        &f,
    )?;

    let sheet = book.add_worksheet().set_name(&l.sheets[1])?;
    header_row(sheet, &l.tally_header, &f)?;
    for (i, d) in data.tally.iter().enumerate() {
        let row = (i + 1) as u32;
        sheet.write_string(row, 0, &d.draft)?;
        sheet.write_string(row, 1, &d.provisional_name)?;
        sheet.write_number(row, 2, f64::from(d.replies))?;
        sheet.write_number(row, 3, f64::from(d.yes))?;
        sheet.write_number(row, 4, f64::from(d.no))?;
        sheet.write_string(row, 5, l.outcome(d.outcome))?;
    }
    for (col, w) in [12.0, 18.0, 10.0, 8.0, 8.0, 22.0].iter().enumerate() {
        sheet.set_column_width(col as u16, *w)?;
    }
    sheet.autofilter(0, 0, data.tally.len() as u32, 5)?;

    let sheet = book.add_worksheet().set_name(&l.sheets[2])?;
    replies_sheet(sheet, data.late_rows, l, &f)?;

    let sheet = book.add_worksheet().set_name(&l.sheets[3])?;
    for (i, (label, value)) in l.details.iter().zip(&data.details).enumerate() {
        let row = i as u32;
        sheet.write_string_with_format(row, 0, label, &f.header)?;
        sheet.write_string_with_format(row, 1, value, &f.wrap)?;
    }
    sheet.set_column_width(0, 28.0)?;
    sheet.set_column_width(1, 70.0)?;

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
