//! Email that is never lost: a transactional outbox (`outbox`), a worker that
//! delivers with retries (`worker`), SMTP or `.eml` files (`transport`), and
//! rendering from `email-templates/` in the reader's language (`render`).

pub mod ics;
pub mod outbox;
pub mod render;
pub mod transport;
pub mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Duration as Span, Utc};
use fluent_bundle::FluentValue;
use secrecy::SecretString;

use crate::domain::deadline::GENEVA;
use crate::i18n::Catalogue;
use render::Renderer;

#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The From address, e.g. "ITU TSB tapballot <tapballot@itu.int>".
    pub from: String,
    /// Where TSB's copy of every confirmation and the closing summaries go.
    pub tsb_copy_to: Option<String>,
    /// The address people use to reach the service, for links in emails.
    pub public_url: String,
    /// Reminders go this many days before the cut-off (Geneva calendar days).
    pub reminder_days: Vec<u32>,
    /// `smtp://…` or `smtps://…`; when None, emails are written to `mail_dir`.
    pub smtp_url: Option<SecretString>,
    pub mail_dir: PathBuf,
    /// A folder laid out like `email-templates/` whose files override the built-in ones.
    pub templates_dir: Option<PathBuf>,
    /// How often the worker looks for due emails.
    pub poll_interval: Duration,
    /// How many emails the worker sends at once (SMTP connections are kept
    /// open and reused, one per send in flight).
    pub send_concurrency: usize,
    /// How long a stopping worker waits for the sends in flight.
    pub stop_timeout: Duration,
    /// How long a worker holds the emails it is sending: if it dies, they
    /// are sent again after this. Longer than a batch takes to send.
    pub lease: Duration,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            from: "tapballot <tapballot@localhost>".into(),
            tsb_copy_to: None,
            public_url: "http://127.0.0.1:8080".into(),
            reminder_days: vec![7, 1],
            smtp_url: None,
            mail_dir: PathBuf::from("mail"),
            templates_dir: None,
            poll_interval: Duration::from_secs(5),
            send_concurrency: 16,
            stop_timeout: Duration::from_secs(10),
            lease: Duration::from_secs(120),
        }
    }
}

/// What the outbox needs to write emails: settings and the renderer.
#[derive(Debug)]
pub struct Mail {
    pub settings: MailSettings,
    pub renderer: Renderer,
    /// Queue nothing: for recording history (the demo's past circular).
    pub silent: bool,
}

impl Mail {
    pub fn new(settings: MailSettings, catalogue: Arc<Catalogue>) -> Self {
        let renderer = Renderer::new(catalogue, settings.templates_dir.clone());
        Mail {
            settings,
            renderer,
            silent: false,
        }
    }

    /// The same settings, queueing nothing.
    pub fn silenced(&self) -> Self {
        let mut m = Mail::new(self.settings.clone(), self.renderer.catalogue_arc());
        m.silent = true;
        m
    }

    /// The domain used in Message-IDs: that of the From address.
    pub fn message_id_domain(&self) -> String {
        let from = &self.settings.from;
        let addr = from
            .rsplit_once('<')
            .map(|(_, a)| a.trim_end_matches('>'))
            .unwrap_or(from);
        addr.rsplit_once('@')
            .map(|(_, d)| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "tapballot.invalid".into())
    }
}

/// "2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC", in the reader's
/// language; the UTC date is shown when it differs from Geneva's. To the
/// second when the instant has seconds (`domain::deadline::official`, the
/// same rule everywhere) or `seconds` asks for them (a deadline written to
/// the second).
pub fn time_label(catalogue: &Catalogue, lang: &str, at: DateTime<Utc>, seconds: bool) -> String {
    use chrono::Offset;
    let local = at.with_timezone(&GENEVA);
    let seconds = seconds || crate::domain::deadline::has_seconds(at);
    let (clock, both) = if seconds {
        ("%H:%M:%S", "%Y-%m-%d %H:%M:%S")
    } else {
        ("%H:%M", "%Y-%m-%d %H:%M")
    };
    let utc_fmt = if local.date_naive() == at.date_naive() {
        clock
    } else {
        both
    };
    let offset = local.offset().fix().local_minus_utc() / 3600;
    catalogue.text(
        lang,
        "time-geneva-utc",
        &[
            ("local", FluentValue::from(local.format(both).to_string())),
            ("zone", FluentValue::from(local.format("%Z").to_string())),
            ("offset", FluentValue::from(format!("{offset:+}"))),
            ("utc", FluentValue::from(at.format(utc_fmt).to_string())),
        ],
    )
}

/// The official label with the Geneva calendar date written out in the
/// reader's language first: "21 August 2024 — 2024-08-21 23:59
/// Geneva (CEST, UTC+2) = 21:59 UTC".
pub fn dated_time_label(
    catalogue: &Catalogue,
    lang: &str,
    at: DateTime<Utc>,
    seconds: bool,
) -> String {
    let date = crate::i18n::format::long_date(lang, at.with_timezone(&GENEVA).date_naive());
    catalogue.text(
        lang,
        "time-dated",
        &[
            ("date", FluentValue::from(date)),
            (
                "stamp",
                FluentValue::from(time_label(catalogue, lang, at, seconds)),
            ),
        ],
    )
}

/// The study group's meeting as the reader's language writes it: "3 September
/// 2024 to 12 September 2024, Geneva"; None when nothing is known of it.
pub fn meeting_label(
    catalogue: &Catalogue,
    lang: &str,
    starts_on: Option<chrono::NaiveDate>,
    ends_on: Option<chrono::NaiveDate>,
    place: Option<&str>,
) -> Option<String> {
    let date = |d| FluentValue::from(crate::i18n::format::long_date(lang, d));
    let dates = match (starts_on, ends_on) {
        (Some(s), Some(e)) if s != e => Some(catalogue.text(
            lang,
            "meeting-dates",
            &[("start", date(s)), ("end", date(e))],
        )),
        (Some(s), _) | (None, Some(s)) => {
            Some(catalogue.text(lang, "meeting-date", &[("start", date(s))]))
        }
        (None, None) => None,
    };
    match (dates, place.filter(|p| !p.trim().is_empty())) {
        (Some(d), Some(p)) => Some(catalogue.text(
            lang,
            "meeting-with-place",
            &[
                ("dates", FluentValue::from(d)),
                ("place", FluentValue::from(p.to_owned())),
            ],
        )),
        (Some(d), None) => Some(d),
        (None, Some(p)) => Some(p.to_owned()),
        (None, None) => None,
    }
}

/// Gap before the next attempt after `attempts` failures: 30 s, 1 min, 2 min,
/// … doubling up to one hour.
pub fn retry_delay(attempts: i32) -> Span {
    let exp = attempts.clamp(1, 12) - 1;
    let secs = 30_i64.saturating_mul(1_i64 << exp);
    Span::seconds(secs.min(3600))
}

/// Emails are retried for three days, then marked failed (TSB can retry them).
pub const GIVE_UP_AFTER_HOURS: i64 = 72;

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn retries_start_within_a_minute_and_grow_to_an_hour() {
        assert_eq!(retry_delay(1), Span::seconds(30));
        assert_eq!(retry_delay(2), Span::seconds(60));
        assert_eq!(retry_delay(3), Span::seconds(120));
        assert_eq!(retry_delay(8), Span::seconds(3600));
        assert_eq!(retry_delay(500), Span::seconds(3600));
        // Enough attempts fit in the three days that they cover at least two days.
        let total: i64 = (1..=60).map(|n| retry_delay(n).num_seconds()).sum();
        assert!(total >= 2 * 24 * 3600);
    }

    #[test]
    fn time_labels_read_like_the_circular() {
        let c = Catalogue::embedded().unwrap();
        assert_eq!(
            time_label(&c, "en", utc("2024-08-21T21:59:00Z"), false),
            "2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"
        );
        assert_eq!(
            time_label(&c, "en", utc("2024-01-15T23:30:00Z"), false),
            "2024-01-16 00:30 Geneva (CET, UTC+1) = 2024-01-15 23:30 UTC"
        );
        assert!(time_label(&c, "fr", utc("2024-08-21T21:59:00Z"), false).contains("Genève"));
    }

    #[test]
    fn message_ids_use_the_domain_of_the_sender() {
        let cat = Arc::new(Catalogue::embedded().unwrap());
        let s = MailSettings {
            from: "ITU TSB <tapballot@itu.int>".into(),
            ..MailSettings::default()
        };
        assert_eq!(Mail::new(s, cat.clone()).message_id_domain(), "itu.int");
        let s = MailSettings {
            from: "nobody".into(),
            ..MailSettings::default()
        };
        assert_eq!(Mail::new(s, cat).message_id_domain(), "tapballot.invalid");
    }
}
