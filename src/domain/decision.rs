//! The study group's decision on each draft at its meeting (Resolution 1,
//! 9.5-9.6): approved, not approved, or deferred because a delegation asked
//! for time to decide (9.5.5: at most four weeks); with the reservations
//! (9.5.4) and abstentions (9.5.6) of Member States.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::consultation::{is_single_line, MAX_FIELD_CHARS};
use super::tally::Outcome as TallyOutcome;

/// Longest a delegation may take to decide (9.5.5).
pub const MAX_DEFERRAL: Duration = Duration::weeks(4);
/// Longest reservation text kept.
pub const MAX_RESERVATION_CHARS: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Approved,
    NotApproved,
    /// A delegation asked for time to decide (9.5.5): see `deferred_until`.
    Deferred,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Approved, Outcome::NotApproved, Outcome::Deferred];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::NotApproved => "not_approved",
            Outcome::Deferred => "deferred",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// A reservation of one Member State (9.5.4), as stated at the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reservation {
    /// ISO 3166-1 alpha-3 code.
    pub member_state: String,
    #[schema(max_length = 10000)]
    pub text: String,
}

/// A decision as TSB records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedDecision {
    pub outcome: Outcome,
    pub decided_on: NaiveDate,
    pub deferred_until: Option<NaiveDate>,
    pub reservations: Vec<Reservation>,
    pub abstentions: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("a deferred decision needs deferred_until: the date by which the delegation decides")]
    DeferralDateMissing,
    #[error("deferred_until is only for a deferred decision")]
    DeferralDateUnexpected,
    #[error("deferred_until ({until}) must be after decided_on ({on}) and at most four weeks after it (9.5.5), i.e. by {latest}")]
    DeferralTooLong {
        on: NaiveDate,
        until: NaiveDate,
        latest: NaiveDate,
    },
    #[error("decided_on ({0}) is before the cut-off: the meeting decides after the consultation")]
    BeforeCutOff(NaiveDate),
    #[error("decided_on ({0}) is in the future")]
    InFuture(NaiveDate),
    #[error(
        "the consultation found that this draft may not proceed (9.4.5): it cannot be approved"
    )]
    MayNotProceed,
    #[error("{0} is not an ITU Member State")]
    UnknownMemberState(String),
    #[error("{0} is named twice")]
    Repeated(String),
    #[error("{0} cannot both abstain and make a reservation")]
    AbstainedAndReserved(String),
    #[error("the reservation of {0} has no text")]
    EmptyReservation(String),
    #[error("the reservation of {0} is longer than {MAX_RESERVATION_CHARS} characters")]
    ReservationTooLong(String),
    #[error("the note is longer than {MAX_FIELD_CHARS} characters or has control characters")]
    BadNote,
}

/// What the rules need to know besides the decision itself.
pub struct DecisionContext<'a> {
    /// The Geneva day of the cut-off (the meeting is not before it).
    pub cut_off_day: NaiveDate,
    /// Today in Geneva.
    pub today: NaiveDate,
    /// The consultation's finding for this draft.
    pub tally: TallyOutcome,
    pub is_member_state: &'a dyn Fn(&str) -> bool,
}

/// Checks a decision; returns it with codes upper-cased, reservations and
/// abstentions in code order, and a blank note as none.
pub fn check_decision(
    mut d: ProposedDecision,
    ctx: &DecisionContext<'_>,
) -> Result<ProposedDecision, DecisionError> {
    match (d.outcome, d.deferred_until) {
        (Outcome::Deferred, None) => return Err(DecisionError::DeferralDateMissing),
        (Outcome::Deferred, Some(until)) => {
            let latest = d.decided_on + MAX_DEFERRAL;
            if until <= d.decided_on || until > latest {
                return Err(DecisionError::DeferralTooLong {
                    on: d.decided_on,
                    until,
                    latest,
                });
            }
        }
        (_, Some(_)) => return Err(DecisionError::DeferralDateUnexpected),
        (_, None) => {}
    }
    if d.decided_on < ctx.cut_off_day {
        return Err(DecisionError::BeforeCutOff(d.decided_on));
    }
    if d.decided_on > ctx.today {
        return Err(DecisionError::InFuture(d.decided_on));
    }
    if d.outcome == Outcome::Approved && ctx.tally == TallyOutcome::MayNotProceed {
        return Err(DecisionError::MayNotProceed);
    }
    let known = |code: &str| -> Result<String, DecisionError> {
        let code = code.trim().to_ascii_uppercase();
        if (ctx.is_member_state)(&code) {
            Ok(code)
        } else {
            Err(DecisionError::UnknownMemberState(code))
        }
    };
    let mut reservations = Vec::with_capacity(d.reservations.len());
    for r in d.reservations {
        let member_state = known(&r.member_state)?;
        let text = r.text.trim().to_owned();
        if text.is_empty() {
            return Err(DecisionError::EmptyReservation(member_state));
        }
        if text.chars().count() > MAX_RESERVATION_CHARS {
            return Err(DecisionError::ReservationTooLong(member_state));
        }
        reservations.push(Reservation { member_state, text });
    }
    reservations.sort_by(|a, b| a.member_state.cmp(&b.member_state));
    if let Some(w) = reservations
        .windows(2)
        .find(|w| w[0].member_state == w[1].member_state)
    {
        return Err(DecisionError::Repeated(w[0].member_state.clone()));
    }
    let mut abstentions = d
        .abstentions
        .iter()
        .map(|a| known(a))
        .collect::<Result<Vec<_>, _>>()?;
    abstentions.sort();
    if let Some(w) = abstentions.windows(2).find(|w| w[0] == w[1]) {
        return Err(DecisionError::Repeated(w[0].clone()));
    }
    if let Some(a) = abstentions
        .iter()
        .find(|a| reservations.iter().any(|r| &r.member_state == *a))
    {
        return Err(DecisionError::AbstainedAndReserved(a.clone()));
    }
    d.note = d
        .note
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    if let Some(n) = &d.note {
        if n.chars().count() > MAX_FIELD_CHARS || !is_single_line(&n.replace('\n', " ")) {
            return Err(DecisionError::BadNote);
        }
    }
    d.reservations = reservations;
    d.abstentions = abstentions;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn known(code: &str) -> bool {
        ["EGY", "CHE", "FRA"].contains(&code)
    }

    fn ctx(tally: TallyOutcome) -> DecisionContext<'static> {
        DecisionContext {
            cut_off_day: day("2024-08-21"),
            today: day("2024-09-20"),
            tally,
            is_member_state: &known,
        }
    }

    fn approved() -> ProposedDecision {
        ProposedDecision {
            outcome: Outcome::Approved,
            decided_on: day("2024-09-12"),
            deferred_until: None,
            reservations: Vec::new(),
            abstentions: Vec::new(),
            note: None,
        }
    }

    #[test]
    fn a_deferral_lasts_at_most_four_weeks() {
        let c = ctx(TallyOutcome::MayProceed);
        let deferred = |until: Option<&str>| ProposedDecision {
            outcome: Outcome::Deferred,
            deferred_until: until.map(day),
            ..approved()
        };
        assert!(check_decision(deferred(Some("2024-10-10")), &c).is_ok());
        assert!(matches!(
            check_decision(deferred(Some("2024-10-11")), &c),
            Err(DecisionError::DeferralTooLong { .. })
        ));
        assert!(matches!(
            check_decision(deferred(Some("2024-09-12")), &c),
            Err(DecisionError::DeferralTooLong { .. })
        ));
        assert_eq!(
            check_decision(deferred(None), &c),
            Err(DecisionError::DeferralDateMissing)
        );
        let approved_with_date = ProposedDecision {
            deferred_until: Some(day("2024-10-01")),
            ..approved()
        };
        assert_eq!(
            check_decision(approved_with_date, &c),
            Err(DecisionError::DeferralDateUnexpected)
        );
    }

    #[test]
    fn the_meeting_decides_after_the_cut_off_and_not_in_the_future() {
        let c = ctx(TallyOutcome::MayProceed);
        for (on, err) in [
            ("2024-08-20", DecisionError::BeforeCutOff(day("2024-08-20"))),
            ("2024-09-21", DecisionError::InFuture(day("2024-09-21"))),
        ] {
            let d = ProposedDecision {
                decided_on: day(on),
                ..approved()
            };
            assert_eq!(check_decision(d, &c), Err(err));
        }
    }

    #[test]
    fn a_draft_that_may_not_proceed_cannot_be_approved() {
        let c = ctx(TallyOutcome::MayNotProceed);
        assert_eq!(
            check_decision(approved(), &c),
            Err(DecisionError::MayNotProceed)
        );
        let not = ProposedDecision {
            outcome: Outcome::NotApproved,
            ..approved()
        };
        assert!(check_decision(not, &c).is_ok());
    }

    #[test]
    fn reservations_and_abstentions_name_each_member_state_once() {
        let c = ctx(TallyOutcome::MayProceed);
        let with = |reservations: Vec<(&str, &str)>, abstentions: Vec<&str>| ProposedDecision {
            reservations: reservations
                .into_iter()
                .map(|(m, t)| Reservation {
                    member_state: m.into(),
                    text: t.into(),
                })
                .collect(),
            abstentions: abstentions.into_iter().map(Into::into).collect(),
            ..approved()
        };
        let ok = check_decision(
            with(vec![("fra", " Clause 7 "), ("EGY", "تحفظ")], vec!["che"]),
            &c,
        )
        .unwrap();
        assert_eq!(ok.reservations[0].member_state, "EGY");
        assert_eq!(ok.reservations[1].text, "Clause 7");
        assert_eq!(ok.abstentions, ["CHE"]);
        for (d, err) in [
            (
                with(vec![("XXX", "x")], vec![]),
                DecisionError::UnknownMemberState("XXX".into()),
            ),
            (
                with(vec![("EGY", "a"), ("egy", "b")], vec![]),
                DecisionError::Repeated("EGY".into()),
            ),
            (
                with(vec![], vec!["CHE", "CHE"]),
                DecisionError::Repeated("CHE".into()),
            ),
            (
                with(vec![("CHE", "a")], vec!["CHE"]),
                DecisionError::AbstainedAndReserved("CHE".into()),
            ),
            (
                with(vec![("CHE", "  ")], vec![]),
                DecisionError::EmptyReservation("CHE".into()),
            ),
        ] {
            assert_eq!(check_decision(d, &c), Err(err));
        }
    }
}
