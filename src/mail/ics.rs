//! The calendar entry of a consultation's deadline, attached to invitations
//! and to every notice of change or cancellation. All carry the same `UID`
//! and a growing `SEQUENCE`, so a calendar replaces the entry it has
//! (RFC 5545 §3.8.7.4) instead of adding another.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, EventStatus, Related};

/// Who made the file (RFC 5545 §3.7.3).
pub const PRODID: &str = "-//ITU TSB//tapballot//EN";

/// What a calendar entry of a deadline says.
pub struct DeadlineEntry<'a> {
    /// Stable for the consultation: `{consultation id}@{mail domain}`.
    pub uid: &'a str,
    /// 0 for the invitation, then one more for each notice.
    pub sequence: u32,
    pub summary: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub closes_at: DateTime<Utc>,
    /// When this version of the entry was made (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
    /// The consultation was cancelled: calendars drop or strike the entry.
    pub cancelled: bool,
}

/// A one-minute event ending at `closes_at`, in UTC so that every calendar
/// shows it at the right local time, with a reminder a day before.
pub fn deadline_event(e: &DeadlineEntry<'_>) -> String {
    let mut event = Event::new();
    event
        .uid(e.uid)
        .sequence(e.sequence)
        .timestamp(e.stamp)
        .summary(e.summary)
        .description(e.description)
        .url(e.url)
        .starts(e.closes_at - Duration::minutes(1))
        .ends(e.closes_at);
    if e.cancelled {
        event.status(EventStatus::Cancelled);
    } else {
        event.status(EventStatus::Confirmed).alarm(Alarm::display(
            e.summary,
            (Duration::days(-1), Related::End),
        ));
    }
    // `empty`, not `new`: `new` writes the crate's own PRODID.
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODID))
        .append_property(("CALSCALE", "GREGORIAN"))
        // Published, not a meeting request: nobody is asked to accept it.
        .append_property(("METHOD", "PUBLISH"))
        .push(event.done());
    calendar.name("tapballot");
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(sequence: u32, cancelled: bool) -> String {
        deadline_event(&DeadlineEntry {
            uid: "c1@itu.int",
            sequence,
            summary: "Deadline: TSB Circular 195 (SG17)",
            description: "d",
            url: "http://x",
            closes_at: "2024-08-21T22:00:00Z".parse().unwrap(),
            stamp: "2024-08-01T09:30:00Z".parse().unwrap(),
            cancelled,
        })
    }

    #[test]
    fn the_event_ends_at_the_cut_off_in_utc() {
        let ics = entry(0, false);
        assert!(ics.contains("BEGIN:VCALENDAR"));
        assert!(ics.contains("UID:c1@itu.int"));
        assert!(ics.contains("DTSTART:20240821T215900Z"));
        assert!(ics.contains("DTEND:20240821T220000Z"));
        assert!(ics.contains("SUMMARY:Deadline: TSB Circular 195 (SG17)"));
    }

    #[test]
    fn the_entry_is_published_by_tapballot_with_a_sequence_and_an_alarm() {
        let ics = entry(3, false);
        let lines: Vec<&str> = ics.lines().collect();
        let count = |p: &str| lines.iter().filter(|l| l.starts_with(p)).count();
        assert_eq!(count("PRODID:"), 1);
        assert!(lines.contains(&"PRODID:-//ITU TSB//tapballot//EN"));
        assert!(lines.contains(&"METHOD:PUBLISH"));
        assert!(lines.contains(&"SEQUENCE:3"));
        assert!(lines.contains(&"DTSTAMP:20240801T093000Z"));
        assert!(lines.contains(&"STATUS:CONFIRMED"));
        assert!(lines.contains(&"BEGIN:VALARM"));
        assert!(lines.contains(&"ACTION:DISPLAY"));
        assert!(
            lines.contains(&"TRIGGER;RELATED=END:-PT86400S"),
            "a day before the deadline: {ics}"
        );
    }

    #[test]
    fn a_cancelled_entry_has_no_alarm() {
        let ics = entry(4, true);
        assert!(ics.contains("STATUS:CANCELLED"));
        assert!(ics.contains("SEQUENCE:4"));
        assert!(!ics.contains("VALARM"));
    }
}
