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
        let (days, hours) = (left.num_days(), left.num_hours() % 24);
        cat.text(
            ctx.lang,
            "remaining",
            &[
                ("days", FluentValue::from(days)),
                ("hours", FluentValue::from(hours)),
                ("minutes", FluentValue::from(left.num_minutes() % 60)),
            ],
        )
    });
    DeadlineView {
        geneva: dated_time_label(cat, ctx.lang, last, precision == Precision::Second),
        iso: last.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        remaining,
    }
}
