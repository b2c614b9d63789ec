//! The calendar entry of a consultation's deadline, attached to invitations.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

/// A one-minute event ending at `closes_at`, in UTC so that every calendar
/// shows it at the right local time.
pub fn deadline_event(
    uid: &str,
    summary: &str,
    description: &str,
    url: &str,
    closes_at: DateTime<Utc>,
) -> String {
    let event = Event::new()
        .uid(uid)
        .summary(summary)
        .description(description)
        .url(url)
        .starts(closes_at - Duration::minutes(1))
        .ends(closes_at)
        .done();
    let mut calendar = Calendar::new();
    calendar.push(event);
    calendar.name("tapballot");
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_ends_at_the_cut_off_in_utc() {
        let closes: DateTime<Utc> = "2024-08-21T22:00:00Z".parse().unwrap();
        let ics = deadline_event(
            "c1@itu.int",
            "Deadline: TSB Circular 195 (SG17)",
            "d",
            "http://x",
            closes,
        );
        assert!(ics.contains("BEGIN:VCALENDAR"));
        assert!(ics.contains("UID:c1@itu.int"));
        assert!(ics.contains("DTSTART:20240821T215900Z"));
        assert!(ics.contains("DTEND:20240821T220000Z"));
        assert!(ics.contains("SUMMARY:Deadline: TSB Circular 195 (SG17)"));
    }
}
