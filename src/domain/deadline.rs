//! The Geneva cut-off: how a local deadline becomes the instant `closes_at`.
//!
//! A deadline written to the minute ("2024-08-21T23:59") includes that whole
//! minute; one written to the second ("23:59:30") includes that second.
//! `closes_at` is the first instant at which replies are refused, so a reply is
//! on time while `received_at < closes_at`.

use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone of Geneva, where the TSB states its deadlines.
pub const GENEVA: Tz = chrono_tz::Europe::Zurich;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    #[error("unknown time zone {0:?}: use an IANA name such as \"Europe/Zurich\"")]
    UnknownTimeZone(String),
    #[error("deadline {0:?} is not a local date and time such as \"2024-08-21T23:59\" or \"2024-08-21T23:59:30\"")]
    Malformed(String),
    #[error("deadline {0} does not exist in {1}: the clocks skip it when summer time starts; give another time or an explicit UTC offset")]
    Nonexistent(String, String),
    #[error("deadline {0} is ambiguous in {1}: it occurs twice when summer time ends; give an explicit UTC offset such as \"+02:00\" or \"+01:00\"")]
    Ambiguous(String, String),
}

/// How much time the written deadline covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Minute,
    Second,
}

impl Precision {
    /// The time one written deadline covers: a minute for "23:59", a second
    /// for "23:59:30".
    pub fn span(self) -> Duration {
        match self {
            Precision::Minute => Duration::minutes(1),
            Precision::Second => Duration::seconds(1),
        }
    }
}

/// A deadline as the circular states it, with the instant it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// As written, normalised ("2024-08-21T23:59" or "2024-08-21T23:59:30", with
    /// the offset kept when one was given).
    pub local: String,
    pub time_zone: Tz,
    pub precision: Precision,
    pub closes_at: DateTime<Utc>,
}

pub fn parse_time_zone(name: &str) -> Result<Tz, DeadlineError> {
    name.parse::<Tz>()
        .map_err(|_| DeadlineError::UnknownTimeZone(name.to_owned()))
}

/// Parses a local deadline in `time_zone`. An explicit offset ("+02:00" or "Z")
/// settles a time that the zone makes ambiguous or nonexistent.
pub fn parse_deadline(text: &str, time_zone: Tz) -> Result<Deadline, DeadlineError> {
    let text = text.trim();
    let malformed = || DeadlineError::Malformed(text.to_owned());
    let (local_part, offset) = split_offset(text).ok_or_else(malformed)?;
    let (naive, precision) = parse_local(local_part).ok_or_else(malformed)?;

    let start: DateTime<Utc> = match offset {
        Some(offset) => offset
            .from_local_datetime(&naive)
            .single()
            .ok_or_else(malformed)?
            .with_timezone(&Utc),
        None => match time_zone.from_local_datetime(&naive) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::None => {
                return Err(DeadlineError::Nonexistent(
                    local_part.to_owned(),
                    time_zone.name().to_owned(),
                ))
            }
            LocalResult::Ambiguous(_, _) => {
                return Err(DeadlineError::Ambiguous(
                    local_part.to_owned(),
                    time_zone.name().to_owned(),
                ))
            }
        },
    };
    let local = match offset {
        Some(o) => format!("{local_part}{o}"),
        None => local_part.to_owned(),
    };
    Ok(Deadline {
        local,
        time_zone,
        precision,
        closes_at: start + precision.span(),
    })
}

/// The instant a local time in `time_zone` names ("2024-08-21T23:50" is
/// 23:50:00): how TSB types when a fax arrived. Same rules as a deadline.
pub fn parse_instant(text: &str, time_zone: Tz) -> Result<DateTime<Utc>, DeadlineError> {
    let d = parse_deadline(text, time_zone)?;
    Ok(d.closes_at - d.precision.span())
}

fn parse_local(s: &str) -> Option<(NaiveDateTime, Precision)> {
    // Precision comes from whether seconds are written, not from their value.
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        // chrono reads ":60" as a leap second; no deadline is stated that way.
        if s.len() == "YYYY-MM-DDTHH:MM:SS".len()
            && t.and_utc().timestamp_subsec_nanos() < 1_000_000_000
        {
            return Some((t, Precision::Second));
        }
    }
    if s.len() == "YYYY-MM-DDTHH:MM".len() {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M") {
            return Some((t, Precision::Minute));
        }
    }
    None
}

/// Splits "2024-08-21T23:59+02:00" into the local part and its offset.
fn split_offset(s: &str) -> Option<(&str, Option<FixedOffset>)> {
    if let Some(local) = s.strip_suffix('Z') {
        return Some((local, FixedOffset::east_opt(0)));
    }
    let date_len = "YYYY-MM-DD".len();
    match s.get(date_len..)?.rfind(['+', '-']) {
        None => Some((s, None)),
        Some(i) => {
            let (local, off) = s.split_at(date_len + i);
            let offset = parse_offset(off)?;
            Some((local, Some(offset)))
        }
    }
}

fn parse_offset(s: &str) -> Option<FixedOffset> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = s.get(1..)?.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// Whether a reply received at `received_at` is on time.
pub fn is_open(closes_at: DateTime<Utc>, received_at: DateTime<Utc>) -> bool {
    received_at < closes_at
}

/// Whether an instant falls between whole minutes: then its official time
/// is written to the second.
pub fn has_seconds(at: DateTime<Utc>) -> bool {
    use chrono::Timelike;
    at.second() != 0 || at.nanosecond() != 0
}

/// The one way an instant is written (English; the pages and emails say
/// the same in the reader's language): "2024-08-21 23:50 Geneva (CEST,
/// UTC+2) = 21:50 UTC", to the second when the instant has seconds or when
/// `seconds` asks for them; the UTC date is added when it differs.
pub fn official(at: DateTime<Utc>, seconds: bool) -> String {
    let local = at.with_timezone(&GENEVA);
    let offset_hours = local.offset().fix().local_minus_utc() / 3600;
    let clock = if seconds || has_seconds(at) {
        "%H:%M:%S"
    } else {
        "%H:%M"
    };
    let utc = if local.date_naive() == at.date_naive() {
        at.format(clock).to_string()
    } else {
        format!("{} {}", at.format("%Y-%m-%d"), at.format(clock))
    };
    format!(
        "{} {} Geneva ({}, UTC{:+}) = {} UTC",
        local.format("%Y-%m-%d"),
        local.format(clock),
        local.format("%Z"),
        offset_hours,
        utc
    )
}

/// The official time of an instant (`official`), as the API's `*_geneva`
/// fields, the exports and the TD write it.
pub fn geneva_label(at: DateTime<Utc>) -> String {
    official(at, false)
}

/// The last instant a deadline includes, as people read it in Geneva time:
/// "2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC" (seconds shown only
/// for a deadline written to the second).
pub fn deadline_label(closes_at: DateTime<Utc>, precision: Precision) -> String {
    official(closes_at - precision.span(), precision == Precision::Second)
}

use chrono::Offset;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_official_time_is_written_to_the_second_only_when_it_has_seconds() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            geneva_label(t("2024-08-21T21:50:00Z")),
            "2024-08-21 23:50 Geneva (CEST, UTC+2) = 21:50 UTC"
        );
        assert_eq!(
            geneva_label(t("2024-08-21T21:50:26.400Z")),
            "2024-08-21 23:50:26 Geneva (CEST, UTC+2) = 21:50:26 UTC"
        );
        // After midnight in Geneva, the UTC date is the day before.
        assert_eq!(
            geneva_label(t("2024-12-31T23:30:00Z")),
            "2025-01-01 00:30 Geneva (CET, UTC+1) = 2024-12-31 23:30 UTC"
        );
        assert_eq!(
            official(t("2024-08-21T21:59:00Z"), true),
            "2024-08-21 23:59:00 Geneva (CEST, UTC+2) = 21:59:00 UTC"
        );
    }

    #[test]
    fn a_local_time_names_its_first_instant() {
        let at = parse_instant("2024-08-21T23:50", GENEVA).unwrap();
        assert_eq!(at, "2024-08-21T21:50:00Z".parse::<DateTime<Utc>>().unwrap());
        let at = parse_instant("2024-12-21T23:50:30", GENEVA).unwrap();
        assert_eq!(at, "2024-12-21T22:50:30Z".parse::<DateTime<Utc>>().unwrap());
        assert!(parse_instant("21/08/2024 23:50", GENEVA).is_err());
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_deadline_to_the_minute_includes_the_whole_minute() {
        let d = parse_deadline("2024-08-21T23:59", GENEVA).unwrap();
        assert_eq!(d.closes_at, utc("2024-08-21T22:00:00Z"));
        assert_eq!(d.precision, Precision::Minute);
        assert!(is_open(d.closes_at, utc("2024-08-21T21:59:59Z")));
        assert!(!is_open(d.closes_at, utc("2024-08-21T22:00:00Z")));
    }

    #[test]
    fn a_deadline_to_the_second_includes_only_that_second() {
        let d = parse_deadline("2024-08-21T23:59:00", GENEVA).unwrap();
        assert_eq!(d.closes_at, utc("2024-08-21T21:59:01Z"));
        let d = parse_deadline("2024-08-21T23:59:30", GENEVA).unwrap();
        assert_eq!(d.closes_at, utc("2024-08-21T21:59:31Z"));
        assert_eq!(d.precision, Precision::Second);
    }

    #[test]
    fn winter_deadlines_are_one_hour_ahead_of_utc() {
        let d = parse_deadline("2024-01-15T23:59", GENEVA).unwrap();
        assert_eq!(d.closes_at, utc("2024-01-15T23:00:00Z"));
    }

    #[test]
    fn a_time_skipped_by_spring_forward_is_refused() {
        // 31 March 2024: clocks go from 02:00 CET to 03:00 CEST.
        let err = parse_deadline("2024-03-31T02:30", GENEVA).unwrap_err();
        assert!(matches!(err, DeadlineError::Nonexistent(..)));
    }

    #[test]
    fn the_minute_before_spring_forward_closes_at_three() {
        let d = parse_deadline("2024-03-31T01:59", GENEVA).unwrap();
        assert_eq!(d.closes_at, utc("2024-03-31T01:00:00Z"));
        let d = parse_deadline("2024-03-31T03:00", GENEVA).unwrap();
        assert_eq!(d.closes_at, utc("2024-03-31T01:01:00Z"));
    }

    #[test]
    fn a_time_repeated_by_fall_back_is_refused_without_offset() {
        // 27 October 2024: clocks go from 03:00 CEST back to 02:00 CET.
        let err = parse_deadline("2024-10-27T02:30", GENEVA).unwrap_err();
        assert!(matches!(err, DeadlineError::Ambiguous(..)));
    }

    #[test]
    fn an_explicit_offset_settles_an_ambiguous_time() {
        let summer = parse_deadline("2024-10-27T02:30+02:00", GENEVA).unwrap();
        assert_eq!(summer.closes_at, utc("2024-10-27T00:31:00Z"));
        let winter = parse_deadline("2024-10-27T02:30+01:00", GENEVA).unwrap();
        assert_eq!(winter.closes_at, utc("2024-10-27T01:31:00Z"));
        let z = parse_deadline("2024-10-27T02:30:00Z", GENEVA).unwrap();
        assert_eq!(z.closes_at, utc("2024-10-27T02:30:01Z"));
        assert_eq!(winter.local, "2024-10-27T02:30+01:00");
    }

    #[test]
    fn other_zones_are_honoured() {
        let tz = parse_time_zone("America/New_York").unwrap();
        let d = parse_deadline("2024-08-21T23:59", tz).unwrap();
        assert_eq!(d.closes_at, utc("2024-08-22T04:00:00Z"));
    }

    #[test]
    fn malformed_deadlines_and_zones_are_refused() {
        for bad in [
            "",
            "2024-08-21",
            "2024-08-21 23:59",
            "2024-08-21T23",
            "2024-08-21T24:00",
            "2024-02-30T12:00",
            "2024-08-21T23:59:60",
            "2024-08-21T23:59+2",
            "2024-08-21T23:59+25:00",
            "2024-08-21T23:59:30.5",
            "tomorrow",
        ] {
            assert!(
                matches!(
                    parse_deadline(bad, GENEVA),
                    Err(DeadlineError::Malformed(_))
                ),
                "{bad:?} should be malformed"
            );
        }
        assert!(parse_time_zone("Mars/Olympus").is_err());
    }

    #[test]
    fn deadline_labels_show_the_last_included_minute_or_second() {
        let d = parse_deadline("2024-08-21T23:59", GENEVA).unwrap();
        assert_eq!(
            deadline_label(d.closes_at, d.precision),
            "2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"
        );
        let d = parse_deadline("2024-08-21T23:59:30", GENEVA).unwrap();
        assert_eq!(
            deadline_label(d.closes_at, d.precision),
            "2024-08-21 23:59:30 Geneva (CEST, UTC+2) = 21:59:30 UTC"
        );
    }

    #[test]
    fn geneva_labels_show_the_zone_and_offset() {
        assert_eq!(
            geneva_label(utc("2024-08-21T21:59:00Z")),
            "2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"
        );
        assert_eq!(
            geneva_label(utc("2024-01-15T22:59:00Z")),
            "2024-01-15 23:59 Geneva (CET, UTC+1) = 22:59 UTC"
        );
    }
}
