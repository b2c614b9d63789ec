//! When a reply counts as received, and whether it may be entered at all
//! (Resolution 1, 9.4.5): a focal point replies until the cut-off, by the
//! server's clock; TSB may also enter, until the result is certified, a
//! reply that reached it by fax or email in time (at an attested instant
//! before `closes_at`) or one that came late (kept, never counted).

use chrono::{DateTime, Utc};

/// What the sender says of an entry's time and origin. Focal points give
/// none of it: the server's clock decides for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claimed {
    /// How TSB received it ("fax of 21 August, 23:50").
    pub source: Option<String>,
    /// When TSB attests it was received, if not now.
    pub received_at: Option<DateTime<Utc>>,
    /// Received after the cut-off: recorded, not counted.
    pub late: bool,
}

/// The circumstances an entry is decided in, read under the reply's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The server's clock: when the entry is stored.
    pub now: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// The cut-off was sealed: closed to replies by the clock, whatever a
    /// lagging clock of this instance says.
    pub sealed: bool,
    /// The result was certified to the chairman: nothing more is entered.
    pub certified: bool,
    /// When the Member State's counted reply in force was received, if any:
    /// an attested time may not come before it (revisions stay in order).
    pub current_received_at: Option<DateTime<Utc>>,
}

/// How an entry is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub received_at: DateTime<Utc>,
    /// `received_at` is TSB's attestation, not the server's clock.
    pub attested: bool,
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("the result was certified: no reply can be entered any more")]
    Certified,
    #[error("only TSB staff may give {0}")]
    ForbiddenField(&'static str),
    #[error("the cut-off has passed")]
    Closed,
    #[error("{0} is required")]
    Missing(&'static str),
    #[error("received_at must be before the cut-off ({0}); a reply received at or after it is recorded with \"late\": true")]
    NotBeforeCutOff(DateTime<Utc>),
    #[error("a late reply is one received at or after the cut-off ({0}); an earlier one counts: leave \"late\" out")]
    NotLate(DateTime<Utc>),
    #[error("received_at is in the future")]
    InFuture,
    #[error(
        "received_at is before the reply in force (received {0}): revisions must keep their order"
    )]
    BeforeCurrent(DateTime<Utc>),
}

/// Decides the time and kind of an entry. `by_tsb`: the sender is TSB staff.
pub fn decide(by_tsb: bool, claimed: &Claimed, at: Moment) -> Result<Decided, EntryError> {
    if at.certified {
        return Err(EntryError::Certified);
    }
    if !by_tsb {
        if claimed.received_at.is_some() {
            return Err(EntryError::ForbiddenField("received_at"));
        }
        if claimed.late {
            return Err(EntryError::ForbiddenField("late"));
        }
        if claimed.source.is_some() {
            return Err(EntryError::ForbiddenField("source"));
        }
    }
    let Some(received_at) = claimed.received_at else {
        if claimed.late {
            return Err(EntryError::Missing("received_at"));
        }
        if at.now >= at.closes_at || at.sealed {
            return Err(EntryError::Closed);
        }
        return Ok(Decided {
            received_at: at.now,
            attested: false,
            late: false,
        });
    };
    if claimed.source.is_none() {
        return Err(EntryError::Missing("source"));
    }
    if received_at > at.now {
        return Err(EntryError::InFuture);
    }
    if claimed.late {
        if received_at < at.closes_at {
            return Err(EntryError::NotLate(at.closes_at));
        }
        return Ok(Decided {
            received_at,
            attested: true,
            late: true,
        });
    }
    if received_at >= at.closes_at {
        return Err(EntryError::NotBeforeCutOff(at.closes_at));
    }
    if let Some(current) = at.current_received_at {
        if received_at < current {
            return Err(EntryError::BeforeCurrent(current));
        }
    }
    Ok(Decided {
        received_at,
        attested: true,
        late: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    /// The day after a cut-off of 21 August 2024, 23:59 Geneva.
    fn next_morning() -> Moment {
        Moment {
            now: t("2024-08-22T07:12:00Z"),
            closes_at: t("2024-08-21T22:00:00Z"),
            sealed: false,
            certified: false,
            current_received_at: None,
        }
    }

    fn fax(at: &str) -> Claimed {
        Claimed {
            source: Some("fax".into()),
            received_at: Some(t(at)),
            late: false,
        }
    }

    #[test]
    fn a_focal_point_replies_by_the_server_clock_until_the_cut_off() {
        let open = Moment {
            now: t("2024-08-21T21:59:59Z"),
            ..next_morning()
        };
        let d = decide(false, &Claimed::default(), open).unwrap();
        assert_eq!(d.received_at, open.now);
        assert!(!d.attested && !d.late);
        assert_eq!(
            decide(false, &Claimed::default(), next_morning()),
            Err(EntryError::Closed)
        );
        // Once sealed, a clock that lags behind the cut-off reopens nothing.
        let lagging = Moment {
            sealed: true,
            ..open
        };
        assert_eq!(
            decide(false, &Claimed::default(), lagging),
            Err(EntryError::Closed)
        );
        assert_eq!(
            decide(false, &fax("2024-08-21T21:50:00Z"), open),
            Err(EntryError::ForbiddenField("received_at"))
        );
        let late = Claimed {
            late: true,
            ..Claimed::default()
        };
        assert_eq!(
            decide(false, &late, open),
            Err(EntryError::ForbiddenField("late"))
        );
        let noted = Claimed {
            source: Some("x".into()),
            ..Claimed::default()
        };
        assert_eq!(
            decide(false, &noted, open),
            Err(EntryError::ForbiddenField("source"))
        );
    }

    #[test]
    fn tsb_enters_a_fax_received_in_time_the_next_morning() {
        let d = decide(true, &fax("2024-08-21T21:50:00Z"), next_morning()).unwrap();
        assert_eq!(d.received_at, t("2024-08-21T21:50:00Z"));
        assert!(d.attested && !d.late);
        // The last second before the cut-off is in time; the cut-off is not.
        assert!(decide(true, &fax("2024-08-21T21:59:59Z"), next_morning()).is_ok());
        assert_eq!(
            decide(true, &fax("2024-08-21T22:00:00Z"), next_morning()),
            Err(EntryError::NotBeforeCutOff(t("2024-08-21T22:00:00Z")))
        );
    }

    #[test]
    fn an_attested_time_needs_a_source_and_is_never_in_the_future() {
        let mut no_source = fax("2024-08-21T21:50:00Z");
        no_source.source = None;
        assert_eq!(
            decide(true, &no_source, next_morning()),
            Err(EntryError::Missing("source"))
        );
        let open = Moment {
            now: t("2024-08-21T12:00:00Z"),
            ..next_morning()
        };
        assert_eq!(
            decide(true, &fax("2024-08-21T12:00:01Z"), open),
            Err(EntryError::InFuture)
        );
        assert!(decide(true, &fax("2024-08-21T12:00:00Z"), open).is_ok());
    }

    #[test]
    fn after_the_cut_off_tsb_must_say_when_it_was_received() {
        let now_only = Claimed {
            source: Some("fax".into()),
            ..Claimed::default()
        };
        assert_eq!(
            decide(true, &now_only, next_morning()),
            Err(EntryError::Closed)
        );
        let late_without_time = Claimed {
            late: true,
            ..now_only
        };
        assert_eq!(
            decide(true, &late_without_time, next_morning()),
            Err(EntryError::Missing("received_at"))
        );
    }

    #[test]
    fn a_late_reply_is_one_received_at_or_after_the_cut_off() {
        let mut late = fax("2024-08-21T22:00:00Z");
        late.late = true;
        let d = decide(true, &late, next_morning()).unwrap();
        assert!(d.late && d.attested);
        late.received_at = Some(t("2024-08-21T21:59:59Z"));
        assert_eq!(
            decide(true, &late, next_morning()),
            Err(EntryError::NotLate(t("2024-08-21T22:00:00Z")))
        );
        late.received_at = Some(t("2024-08-22T07:12:01Z"));
        assert_eq!(
            decide(true, &late, next_morning()),
            Err(EntryError::InFuture)
        );
    }

    #[test]
    fn revisions_keep_their_order_and_certification_ends_every_entry() {
        let after = Moment {
            current_received_at: Some(t("2024-08-21T21:55:00Z")),
            ..next_morning()
        };
        assert_eq!(
            decide(true, &fax("2024-08-21T21:50:00Z"), after),
            Err(EntryError::BeforeCurrent(t("2024-08-21T21:55:00Z")))
        );
        assert!(decide(true, &fax("2024-08-21T21:55:00Z"), after).is_ok());
        let certified = Moment {
            certified: true,
            ..next_morning()
        };
        let mut late = fax("2024-08-22T01:00:00Z");
        late.late = true;
        for claimed in [fax("2024-08-21T21:50:00Z"), late, Claimed::default()] {
            assert_eq!(
                decide(true, &claimed, certified),
                Err(EntryError::Certified)
            );
        }
        assert_eq!(
            decide(false, &Claimed::default(), certified),
            Err(EntryError::Certified)
        );
    }
}
