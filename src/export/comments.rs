//! The TD of comments (Resolution 1, 9.4.7): for the meeting, in English,
//! per draft every Member State's position with its reasons and comments as
//! stored, the late replies marked as not counted, then the tally and the
//! certification. DOCX, since TSB edits it in a word processor, and the same
//! content as printable HTML.

use docx_rs::{
    AlignmentType, BreakType, Docx, DocxError, Paragraph, Run, RunFonts, Style, StyleType, Table,
    TableCell, TableRow,
};
use minijinja::Environment;
use serde::Serialize;

/// One Member State's position on one draft.
#[derive(Debug, Clone, Serialize)]
pub struct PositionEntry {
    pub iso3: String,
    pub member_state: String,
    /// "Yes" or "No", as the document writes it.
    pub position: String,
    pub reasons: String,
    pub comments: String,
    /// How and when it was received, e.g. "21 Aug 2024 23:50 Geneva, by fax
    /// of 21 August (entered 22 Aug 2024 09:12 Geneva by TSB)".
    pub received: String,
    /// Received after the cut-off: not counted.
    pub late: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DraftSection {
    pub number: String,
    pub provisional_name: String,
    pub title: String,
    pub positions: Vec<PositionEntry>,
    pub late: Vec<PositionEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TallyEntry {
    pub draft: String,
    pub replies: u32,
    pub yes: u32,
    pub no: u32,
    /// "may proceed" or "may not proceed".
    pub outcome: &'static str,
}

/// Everything the document says, in its order.
#[derive(Debug, Clone, Serialize)]
pub struct CommentsDocument {
    pub reference: String,
    pub study_group: String,
    pub title: String,
    pub deadline: String,
    pub drafts: Vec<DraftSection>,
    pub tally: Vec<TallyEntry>,
    pub member_states_replied: u32,
    pub late_replies: u32,
    /// "Final" / "Not final: …" as the document states it.
    pub status: String,
    /// "Certified on … by …", or that it is not certified yet.
    pub certification: String,
}

const FONT: &str = "Arial";

fn heading(text: &str, style: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(text))
        .style(style)
}

/// A run for stored text: line breaks kept as breaks.
fn text_run(text: &str) -> Run {
    let mut run = Run::new().fonts(RunFonts::new().ascii(FONT).cs(FONT).east_asia(FONT));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

fn labelled(label: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(format!("{label}: ")).bold())
        .add_run(text_run(text))
}

fn cell(text: &str, bold: bool) -> TableCell {
    let run = if bold {
        text_run(text).bold()
    } else {
        text_run(text)
    };
    TableCell::new().add_paragraph(Paragraph::new().add_run(run))
}

fn position_paragraphs(mut doc: Docx, p: &PositionEntry) -> Docx {
    let mut head = Paragraph::new()
        .add_run(
            Run::new()
                .add_text(format!("{} ({})", p.member_state, p.iso3))
                .bold(),
        )
        .add_run(Run::new().add_text(format!(": {}", p.position)));
    if p.late {
        head = head.add_run(
            Run::new()
                .add_text(" — received after the cut-off, not counted")
                .italic(),
        );
    }
    doc = doc.add_paragraph(head.style("Position"));
    doc = doc.add_paragraph(labelled("Received", &p.received));
    if !p.reasons.is_empty() {
        doc = doc.add_paragraph(labelled("Reasons and proposed changes", &p.reasons));
    }
    if !p.comments.is_empty() {
        doc = doc.add_paragraph(labelled("Comments", &p.comments));
    }
    doc
}

/// The document as DOCX bytes.
pub fn to_docx(d: &CommentsDocument) -> Result<Vec<u8>, DocxError> {
    let mut doc = Docx::new()
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .bold()
                .size(32)
                .align(AlignmentType::Center),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .bold()
                .size(28),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .bold()
                .size(24),
        )
        .add_style(Style::new("Position", StyleType::Paragraph).name("Position"));
    doc = doc
        .add_paragraph(heading(
            &format!("{}: comments received", d.reference),
            "Title",
        ))
        .add_paragraph(labelled("Study group", &d.study_group))
        .add_paragraph(labelled("Title", &d.title))
        .add_paragraph(labelled("Cut-off", &d.deadline))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(
            "Positions of the Member States per draft Recommendation, with their reasons, proposed changes and comments as received (WTSA Resolution 1, 9.4.7).",
        )));
    for s in &d.drafts {
        doc = doc.add_paragraph(heading(
            &format!("{} ({}): {}", s.number, s.provisional_name, s.title),
            "Heading1",
        ));
        if s.positions.is_empty() {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("No reply was received.").italic()),
            );
        }
        for p in &s.positions {
            doc = position_paragraphs(doc, p);
        }
        if !s.late.is_empty() {
            doc = doc.add_paragraph(heading(
                "Late replies (received after the cut-off, not counted)",
                "Heading2",
            ));
            for p in &s.late {
                doc = position_paragraphs(doc, p);
            }
        }
    }
    doc = doc.add_paragraph(heading("Tally (WTSA Resolution 1, 9.4.5)", "Heading1"));
    let mut rows = vec![TableRow::new(vec![
        cell("Draft", true),
        cell("Replies", true),
        cell("Yes", true),
        cell("No", true),
        cell("Outcome", true),
    ])];
    for t in &d.tally {
        rows.push(TableRow::new(vec![
            cell(&t.draft, false),
            cell(&t.replies.to_string(), false),
            cell(&t.yes.to_string(), false),
            cell(&t.no.to_string(), false),
            cell(t.outcome, false),
        ]));
    }
    doc = doc
        .add_table(Table::new(rows))
        .add_paragraph(labelled(
            "Member States that replied",
            &d.member_states_replied.to_string(),
        ))
        .add_paragraph(labelled(
            "Late replies (not counted)",
            &d.late_replies.to_string(),
        ))
        .add_paragraph(labelled("Status", &d.status))
        .add_paragraph(labelled("Certification", &d.certification));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out)?;
    Ok(out.into_inner())
}

const HTML: &str = include_str!("comments.html");

/// The same content as a printable HTML page (escaped by minijinja).
pub fn to_html(d: &CommentsDocument) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.add_template("comments.html", HTML)?;
    env.get_template("comments.html")?
        .render(minijinja::context! { d => d })
}
