//! The rule of WTSA Resolution 1, §9.4.5–9.4.6, evaluated per draft.

use serde::Serialize;

use super::reply::Position;

/// The share of replies that must support consideration (9.4.5): 70 %.
pub const THRESHOLD_PERCENT: u32 = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    MayProceed,
    MayNotProceed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::MayProceed => "may_proceed",
            Outcome::MayNotProceed => "may_not_proceed",
        }
    }
}

/// Counts for one draft. Non-replies do not count: the denominator is the
/// replies received for that draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DraftCount {
    pub yes: u32,
    pub no: u32,
}

impl DraftCount {
    pub fn add(&mut self, position: Position) {
        match position {
            Position::Yes => self.yes += 1,
            Position::No => self.no += 1,
        }
    }

    pub fn replies(&self) -> u32 {
        self.yes + self.no
    }

    /// May proceed when 70 % or more of the replies support consideration, or
    /// when there are no replies at all. Integer arithmetic, so exactly 70 %
    /// proceeds.
    pub fn outcome(&self) -> Outcome {
        let replies = u64::from(self.replies());
        let yes = u64::from(self.yes);
        if replies == 0 || 100 * yes >= u64::from(THRESHOLD_PERCENT) * replies {
            Outcome::MayProceed
        } else {
            Outcome::MayNotProceed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(yes: u32, no: u32) -> DraftCount {
        DraftCount { yes, no }
    }

    #[test]
    fn no_replies_at_all_may_proceed() {
        assert_eq!(count(0, 0).outcome(), Outcome::MayProceed);
    }

    #[test]
    fn exactly_seventy_percent_may_proceed() {
        assert_eq!(count(7, 3).outcome(), Outcome::MayProceed);
        assert_eq!(count(70, 30).outcome(), Outcome::MayProceed);
    }

    #[test]
    fn just_under_seventy_percent_may_not_proceed() {
        assert_eq!(count(69, 31).outcome(), Outcome::MayNotProceed);
        // 2 of 3 is 66.7 %.
        assert_eq!(count(2, 1).outcome(), Outcome::MayNotProceed);
        assert_eq!(count(0, 1).outcome(), Outcome::MayNotProceed);
    }

    #[test]
    fn unanimous_support_may_proceed() {
        assert_eq!(count(193, 0).outcome(), Outcome::MayProceed);
        assert_eq!(count(1, 0).outcome(), Outcome::MayProceed);
    }

    #[test]
    fn the_rule_matches_exact_rational_comparison() {
        // yes/replies >= 7/10, compared exactly over every small case.
        for replies in 1..=193u32 {
            for yes in 0..=replies {
                let expected = yes * 10 >= replies * 7;
                let got = count(yes, replies - yes).outcome() == Outcome::MayProceed;
                assert_eq!(got, expected, "{yes} of {replies}");
            }
        }
    }

    #[test]
    fn adding_positions_counts_them() {
        let mut c = DraftCount::default();
        c.add(Position::Yes);
        c.add(Position::No);
        c.add(Position::Yes);
        assert_eq!((c.yes, c.no, c.replies()), (2, 1, 3));
    }
}
