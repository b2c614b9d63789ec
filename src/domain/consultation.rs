//! What a new consultation must contain.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::deadline::{parse_deadline, parse_time_zone, Deadline, DeadlineError, GENEVA};

/// Longest reference, title, name or place accepted, in characters.
pub const MAX_FIELD_CHARS: usize = 1_000;
/// More drafts than any circular has carried; guards against abuse.
pub const MAX_DRAFTS: usize = 200;

#[derive(Debug, Clone)]
pub struct ProposedDraft {
    pub number: String,
    pub provisional_name: String,
    pub title: String,
    pub text_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ProposedConsultation {
    pub reference: String,
    pub study_group: String,
    pub title: String,
    pub deadline: String,
    pub time_zone: Option<String>,
    pub meeting_starts_on: Option<NaiveDate>,
    pub meeting_ends_on: Option<NaiveDate>,
    pub meeting_place: Option<String>,
    pub drafts: Vec<ProposedDraft>,
}

/// A consultation that passed every check, ready to store.
#[derive(Debug, Clone)]
pub struct CheckedConsultation {
    pub reference: String,
    pub study_group: String,
    pub title: String,
    pub deadline: Deadline,
    pub meeting_starts_on: Option<NaiveDate>,
    pub meeting_ends_on: Option<NaiveDate>,
    pub meeting_place: Option<String>,
    pub drafts: Vec<ProposedDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsultationError {
    #[error("{0} must not be empty")]
    Missing(&'static str),
    #[error("{0} is longer than {MAX_FIELD_CHARS} characters")]
    TooLong(&'static str),
    #[error("{0} must be one line, without control characters")]
    ControlCharacter(&'static str),
    #[error("a consultation needs at least one draft Recommendation")]
    NoDrafts,
    #[error("a consultation may have at most {MAX_DRAFTS} drafts")]
    TooManyDrafts,
    #[error("draft {0:?} appears more than once")]
    RepeatedDraft(String),
    #[error("the meeting cannot end before it starts")]
    MeetingDates,
    #[error("the meeting starts on {starts_on}, which is not after the deadline ({deadline_day}): replies must be in before the meeting")]
    MeetingBeforeDeadline {
        starts_on: NaiveDate,
        deadline_day: NaiveDate,
    },
    #[error("{0} must not contain control characters other than line breaks")]
    ControlCharacterInText(&'static str),
    #[error("the text link of draft {0:?} must be an http or https address")]
    BadTextUrl(String),
    #[error(transparent)]
    Deadline(#[from] DeadlineError),
}

pub fn check_consultation(
    p: ProposedConsultation,
) -> Result<CheckedConsultation, ConsultationError> {
    let time_zone = parse_time_zone(p.time_zone.as_deref().unwrap_or(GENEVA.name()).trim())?;
    let deadline = parse_deadline(&p.deadline, time_zone)?;
    if p.drafts.is_empty() {
        return Err(ConsultationError::NoDrafts);
    }
    if p.drafts.len() > MAX_DRAFTS {
        return Err(ConsultationError::TooManyDrafts);
    }
    if let (Some(start), Some(end)) = (p.meeting_starts_on, p.meeting_ends_on) {
        if end < start {
            return Err(ConsultationError::MeetingDates);
        }
    }
    // The study group meets after the replies are in (Resolution 1, 9.4):
    // the meeting starts on a later day than the deadline's, in its zone.
    if let Some(starts_on) = p.meeting_starts_on {
        let deadline_day = (deadline.closes_at - deadline.precision.span())
            .with_timezone(&time_zone)
            .date_naive();
        if starts_on <= deadline_day {
            return Err(ConsultationError::MeetingBeforeDeadline {
                starts_on,
                deadline_day,
            });
        }
    }
    let mut numbers = HashSet::new();
    let mut drafts = Vec::with_capacity(p.drafts.len());
    for d in p.drafts {
        let number = required(d.number, "draft number")?;
        if !numbers.insert(number.clone()) {
            return Err(ConsultationError::RepeatedDraft(number));
        }
        let text_url = optional(d.text_url, "draft text link")?;
        if let Some(u) = &text_url {
            let ok = url::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !ok {
                return Err(ConsultationError::BadTextUrl(number));
            }
        }
        drafts.push(ProposedDraft {
            provisional_name: required(d.provisional_name, "draft provisional name")?,
            title: required(d.title, "draft title")?,
            number,
            text_url,
        });
    }
    Ok(CheckedConsultation {
        reference: required(p.reference, "reference")?,
        study_group: required(p.study_group, "study group")?,
        title: required(p.title, "title")?,
        deadline,
        meeting_starts_on: p.meeting_starts_on,
        meeting_ends_on: p.meeting_ends_on,
        meeting_place: optional(p.meeting_place, "meeting place")?,
        drafts,
    })
}

/// Why TSB cancels a consultation, as the Member States will read it: not
/// empty, bounded, line breaks allowed (normalised to `\n`).
pub fn check_cancellation_reason(reason: &str) -> Result<String, ConsultationError> {
    let reason = reason.replace("\r\n", "\n");
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ConsultationError::Missing("reason"));
    }
    if reason.chars().count() > MAX_FIELD_CHARS {
        return Err(ConsultationError::TooLong("reason"));
    }
    if reason.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ConsultationError::ControlCharacterInText("reason"));
    }
    Ok(reason.to_owned())
}

/// Text that is one line: no line break, tab or other control character, so
/// it cannot forge a line of a log, a header or a CSV row.
pub fn is_single_line(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

fn required(s: String, field: &'static str) -> Result<String, ConsultationError> {
    optional(Some(s), field)?.ok_or(ConsultationError::Missing(field))
}

fn optional(s: Option<String>, field: &'static str) -> Result<Option<String>, ConsultationError> {
    let Some(s) = s else { return Ok(None) };
    let s = s.trim();
    if s.chars().count() > MAX_FIELD_CHARS {
        return Err(ConsultationError::TooLong(field));
    }
    if !is_single_line(s) {
        return Err(ConsultationError::ControlCharacter(field));
    }
    Ok((!s.is_empty()).then(|| s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn circular_195() -> ProposedConsultation {
        ProposedConsultation {
            reference: "TSB Circular 195".into(),
            study_group: "SG17".into(),
            title: "Approval of draft Recommendations".into(),
            deadline: "2024-08-21T23:59".into(),
            time_zone: None,
            meeting_starts_on: NaiveDate::from_ymd_opt(2024, 9, 3),
            meeting_ends_on: NaiveDate::from_ymd_opt(2024, 9, 12),
            meeting_place: Some("Geneva".into()),
            drafts: vec![ProposedDraft {
                number: "X.1237".into(),
                provisional_name: "X.tsfpp".into(),
                title: "Security guidelines".into(),
                text_url: None,
            }],
        }
    }

    #[test]
    fn a_complete_consultation_is_accepted_in_geneva_time() {
        let c = check_consultation(circular_195()).unwrap();
        assert_eq!(c.deadline.time_zone.name(), "Europe/Zurich");
        assert_eq!(
            c.deadline.closes_at.to_rfc3339(),
            "2024-08-21T22:00:00+00:00"
        );
    }

    #[test]
    fn the_meeting_starts_after_the_deadlines_day() {
        let mut p = circular_195();
        p.meeting_starts_on = NaiveDate::from_ymd_opt(2024, 8, 21);
        p.meeting_ends_on = NaiveDate::from_ymd_opt(2024, 8, 23);
        assert!(matches!(
            check_consultation(p).unwrap_err(),
            ConsultationError::MeetingBeforeDeadline { deadline_day, .. }
                if deadline_day == NaiveDate::from_ymd_opt(2024, 8, 21).unwrap()
        ));
        // The day after the deadline's is fine.
        let mut p = circular_195();
        p.meeting_starts_on = NaiveDate::from_ymd_opt(2024, 8, 22);
        p.meeting_ends_on = None;
        assert!(check_consultation(p).is_ok());
    }

    #[test]
    fn missing_and_repeated_fields_are_refused() {
        let mut p = circular_195();
        p.reference = "  ".into();
        assert_eq!(
            check_consultation(p).unwrap_err(),
            ConsultationError::Missing("reference")
        );
        let mut p = circular_195();
        p.drafts.push(p.drafts[0].clone());
        assert!(matches!(
            check_consultation(p).unwrap_err(),
            ConsultationError::RepeatedDraft(_)
        ));
        let mut p = circular_195();
        p.drafts.clear();
        assert_eq!(
            check_consultation(p).unwrap_err(),
            ConsultationError::NoDrafts
        );
        let mut p = circular_195();
        p.meeting_ends_on = NaiveDate::from_ymd_opt(2024, 9, 1);
        assert_eq!(
            check_consultation(p).unwrap_err(),
            ConsultationError::MeetingDates
        );
        let mut p = circular_195();
        p.reference = "TSB Circular 195\r\nINFO forged log line".into();
        assert_eq!(
            check_consultation(p).unwrap_err(),
            ConsultationError::ControlCharacter("reference")
        );
        let mut p = circular_195();
        p.drafts[0].title = "a\ttitle".into();
        assert_eq!(
            check_consultation(p).unwrap_err(),
            ConsultationError::ControlCharacter("draft title")
        );
        let mut p = circular_195();
        p.drafts[0].text_url = Some("javascript:alert(1)".into());
        assert!(matches!(
            check_consultation(p).unwrap_err(),
            ConsultationError::BadTextUrl(_)
        ));
    }

    #[test]
    fn deadline_errors_pass_through() {
        let mut p = circular_195();
        p.deadline = "2024-03-31T02:30".into();
        assert!(matches!(
            check_consultation(p).unwrap_err(),
            ConsultationError::Deadline(DeadlineError::Nonexistent(..))
        ));
        let mut p = circular_195();
        p.time_zone = Some("Geneva".into());
        assert!(matches!(
            check_consultation(p).unwrap_err(),
            ConsultationError::Deadline(DeadlineError::UnknownTimeZone(_))
        ));
    }

    #[test]
    fn a_cancellation_needs_a_reason_of_plain_lines() {
        assert_eq!(
            check_cancellation_reason("  The draft was withdrawn.\r\nSee TD 12.  "),
            Ok("The draft was withdrawn.\nSee TD 12.".into())
        );
        assert_eq!(
            check_cancellation_reason(" \n "),
            Err(ConsultationError::Missing("reason"))
        );
        assert_eq!(
            check_cancellation_reason(&"x".repeat(MAX_FIELD_CHARS + 1)),
            Err(ConsultationError::TooLong("reason"))
        );
        assert_eq!(
            check_cancellation_reason("bell\u{7}"),
            Err(ConsultationError::ControlCharacterInText("reason"))
        );
    }
}
