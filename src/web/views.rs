//! Pieces that several pages show alike.

use chrono::{DateTime, Utc};
use fluent_bundle::FluentValue;
use serde::Serialize;

use super::session::PageCtx;
use crate::domain::deadline::Precision;
use crate::mail::dated_time_label;
use crate::service::consultations::ConsultationView;

/// The deadline of a consultation as the pages show it.
#[derive(Serialize)]
pub struct DeadlineView {
    /// "21 August 2024 — 2024-08-21 23:59 Geneva (CEST, UTC+2) =
    /// 21:59 UTC", in the page's language.
    pub geneva: String,
    /// The last included minute, for the browser to show in its own zone.
    pub iso: String,
    pub remaining: Option<String>,
}

pub fn deadline_view(ctx: &PageCtx, c: &ConsultationView, now: DateTime<Utc>) -> DeadlineView {
    let (last, precision) = c.last_included();
    let cat = ctx.catalogue();
    let remaining = c.is_open().then(|| {
        let left = c.closes_at - now;
        let (days, hours, minutes) = (
            left.num_days(),
            left.num_hours() % 24,
            left.num_minutes() % 60,
        );
        // Each unit with its own plural forms, the two largest that matter.
        let unit = |key: &str, name: &str, n: i64| {
            cat.text(ctx.lang, key, &[(name, FluentValue::from(n))])
        };
        let join = |first: String, second: String| {
            cat.text(
                ctx.lang,
                "remaining-join",
                &[
                    ("first", FluentValue::from(first)),
                    ("second", FluentValue::from(second)),
                ],
            )
        };
        let time = if days > 0 {
            join(
                unit("remaining-days", "days", days),
                unit("remaining-hours", "hours", hours),
            )
        } else if hours > 0 {
            join(
                unit("remaining-hours", "hours", hours),
                unit("remaining-minutes", "minutes", minutes),
            )
        } else {
            unit("remaining-minutes", "minutes", minutes)
        };
        cat.text(ctx.lang, "remaining", &[("time", FluentValue::from(time))])
    });
    DeadlineView {
        geneva: dated_time_label(cat, ctx.lang, last, precision == Precision::Second),
        iso: last.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        remaining,
    }
}

/// When a cancelled consultation was cancelled, in Geneva and UTC (None
/// unless cancelled).
pub fn cancelled_view(ctx: &PageCtx, c: &ConsultationView) -> Option<String> {
    c.cancelled_at
        .map(|at| dated_time_label(ctx.catalogue(), ctx.lang, at, false))
}

/// When the result was certified, as the reader's language writes it.
pub fn certified_view(ctx: &PageCtx, c: &ConsultationView) -> Option<String> {
    c.certified_at
        .map(|at| dated_time_label(ctx.catalogue(), ctx.lang, at, false))
}

/// One draft of a tally as the table and the bar chart show it.
#[derive(Serialize)]
pub struct BarRow {
    draft: String,
    provisional_name: String,
    replies: u32,
    yes: u32,
    no: u32,
    outcome: &'static str,
    /// Percentages of the replies, for the chart.
    yes_pct: u32,
    no_pct: u32,
    /// `yes_pct` as the language writes a percentage.
    yes_label: String,
    /// The bars' widths in the chart's 300 pixels: rounded once, so the two
    /// always fill the whole width.
    yes_width: u32,
    no_width: u32,
    y: u32,
    /// The reader's own Member State's position on this draft, if shown.
    own: Option<&'static str>,
}

/// What `tally.html` draws: the rows, the chart's height, the threshold's label.
#[derive(Serialize)]
pub struct TallyView {
    bars: Vec<BarRow>,
    chart_height: usize,
    threshold_label: String,
    /// Whether the "your reply" column is shown.
    with_own: bool,
}

/// The reader's Member State's position on a draft ("yes", "no"), if any.
pub type OwnPosition<'a> = &'a dyn Fn(&str) -> Option<&'static str>;

/// The tally for the page; `own` gives the reader's Member State's position
/// per draft when its column is wanted (a focal point's page).
pub fn tally_view(
    ctx: &PageCtx,
    tally: &crate::service::tally::Tally,
    own: Option<OwnPosition<'_>>,
) -> TallyView {
    let bars: Vec<BarRow> = tally
        .drafts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let pct = |n: u32| (n * 100).checked_div(t.replies).unwrap_or(0);
            let yes_width = (u64::from(t.yes) * 600 + u64::from(t.replies))
                .checked_div(2 * u64::from(t.replies))
                .map_or(0, |w| u32::try_from(w).unwrap_or(300));
            let no_width = if t.replies == 0 { 0 } else { 300 - yes_width };
            BarRow {
                draft: t.draft.clone(),
                provisional_name: t.provisional_name.clone(),
                replies: t.replies,
                yes: t.yes,
                no: t.no,
                outcome: t.outcome.as_str(),
                yes_pct: pct(t.yes),
                no_pct: pct(t.no),
                yes_label: crate::i18n::format::percent(ctx.lang, i64::from(pct(t.yes))),
                yes_width,
                no_width,
                y: u32::try_from(i).unwrap_or(0) * 34,
                own: own.and_then(|f| f(&t.draft)),
            }
        })
        .collect();
    TallyView {
        chart_height: bars.len() * 34 + 30,
        bars,
        threshold_label: crate::i18n::format::percent(
            ctx.lang,
            i64::from(crate::domain::tally::THRESHOLD_PERCENT),
        ),
        with_own: own.is_some(),
    }
}

/// The consultation's meeting, written out for the page (None if unknown).
pub fn meeting_view(ctx: &PageCtx, c: &ConsultationView) -> Option<String> {
    crate::mail::meeting_label(
        ctx.catalogue(),
        ctx.lang,
        c.meeting_starts_on,
        c.meeting_ends_on,
        c.meeting_place.as_deref(),
    )
}
