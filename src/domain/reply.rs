//! What a Member State's reply may contain, checked against the consultation's drafts.

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;

/// Longest reasons or comments text accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Authority assigned to the study group.
    Yes,
    No,
}

impl Position {
    pub fn parse(s: &str) -> Option<Position> {
        match s {
            "yes" => Some(Position::Yes),
            "no" => Some(Position::No),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Position::Yes => "yes",
            Position::No => "no",
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One response as submitted, before checking.
#[derive(Debug, Clone)]
pub struct SubmittedResponse {
    pub draft: String,
    pub position: String,
    pub reasons: Option<String>,
    pub comments: Option<String>,
}

/// One checked response: a known draft, a valid position, trimmed texts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Response {
    pub draft: String,
    pub position: Position,
    pub reasons: Option<String>,
    pub comments: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyError {
    #[error("a reply needs at least one response; to withdraw a reply, use DELETE")]
    Empty,
    #[error("draft {0:?} is not part of this consultation")]
    UnknownDraft(String),
    #[error("draft {0:?} appears more than once in the reply")]
    RepeatedDraft(String),
    #[error("position {position:?} for draft {draft:?} is not \"yes\" or \"no\"")]
    InvalidPosition { draft: String, position: String },
    #[error("{field} for draft {draft:?} is longer than {MAX_TEXT_CHARS} characters")]
    TextTooLong { draft: String, field: &'static str },
}

/// Advice about an accepted reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReplyWarning {
    /// Stable code, e.g. `no_without_reasons`.
    pub code: String,
    pub draft: String,
    pub message: String,
}

/// Checks a whole reply against the drafts of its consultation. The result is
/// sorted by draft number so that equal replies compare equal.
pub fn check_reply(
    known_drafts: &[&str],
    submitted: Vec<SubmittedResponse>,
) -> Result<(Vec<Response>, Vec<ReplyWarning>), ReplyError> {
    if submitted.is_empty() {
        return Err(ReplyError::Empty);
    }
    let known: HashSet<&str> = known_drafts.iter().copied().collect();
    let mut seen = HashSet::new();
    let mut responses = Vec::with_capacity(submitted.len());
    let mut warnings = Vec::new();
    for s in submitted {
        let draft = s.draft.trim().to_owned();
        if !known.contains(draft.as_str()) {
            return Err(ReplyError::UnknownDraft(draft));
        }
        if !seen.insert(draft.clone()) {
            return Err(ReplyError::RepeatedDraft(draft));
        }
        let position =
            Position::parse(s.position.trim()).ok_or_else(|| ReplyError::InvalidPosition {
                draft: draft.clone(),
                position: s.position.clone(),
            })?;
        let reasons = clean_text(s.reasons, &draft, "reasons")?;
        let comments = clean_text(s.comments, &draft, "comments")?;
        if position == Position::No && reasons.is_none() {
            warnings.push(ReplyWarning {
                code: "no_without_reasons".into(),
                message: format!(
                    "the reply \"no\" to {draft} gives no reasons; Resolution 1 (9.4.4) asks for the reasons and the changes wanted"
                ),
                draft: draft.clone(),
            });
        }
        responses.push(Response {
            draft,
            position,
            reasons,
            comments,
        });
    }
    responses.sort();
    Ok((responses, warnings))
}

/// Blank text is no text; surrounding whitespace is not kept.
fn clean_text(
    text: Option<String>,
    draft: &str,
    field: &'static str,
) -> Result<Option<String>, ReplyError> {
    let Some(text) = text else { return Ok(None) };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > MAX_TEXT_CHARS {
        return Err(ReplyError::TextTooLong {
            draft: draft.to_owned(),
            field,
        });
    }
    Ok(Some(trimmed.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFTS: &[&str] = &["X.1237", "X.1283", "X.1353"];

    fn sub(draft: &str, position: &str, reasons: Option<&str>) -> SubmittedResponse {
        SubmittedResponse {
            draft: draft.into(),
            position: position.into(),
            reasons: reasons.map(Into::into),
            comments: None,
        }
    }

    #[test]
    fn a_valid_reply_is_accepted_and_sorted() {
        let (r, w) = check_reply(
            DRAFTS,
            vec![
                sub("X.1283", "no", Some("needs work")),
                sub("X.1237", "yes", None),
            ],
        )
        .unwrap();
        assert_eq!(r[0].draft, "X.1237");
        assert_eq!(r[1].position, Position::No);
        assert!(w.is_empty());
    }

    #[test]
    fn a_no_without_reasons_is_accepted_with_a_warning() {
        let (_, w) = check_reply(DRAFTS, vec![sub("X.1237", "no", Some("   "))]).unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, "no_without_reasons");
        assert_eq!(w[0].draft, "X.1237");
    }

    #[test]
    fn unknown_repeated_and_invalid_are_refused() {
        assert_eq!(
            check_reply(DRAFTS, vec![sub("X.9999", "yes", None)]).unwrap_err(),
            ReplyError::UnknownDraft("X.9999".into())
        );
        assert_eq!(
            check_reply(
                DRAFTS,
                vec![sub("X.1237", "yes", None), sub("X.1237", "no", None)]
            )
            .unwrap_err(),
            ReplyError::RepeatedDraft("X.1237".into())
        );
        assert!(matches!(
            check_reply(DRAFTS, vec![sub("X.1237", "abstain", None)]).unwrap_err(),
            ReplyError::InvalidPosition { .. }
        ));
        assert_eq!(check_reply(DRAFTS, vec![]).unwrap_err(), ReplyError::Empty);
    }

    #[test]
    fn texts_over_the_limit_are_refused_and_at_the_limit_accepted() {
        let at_limit = "字".repeat(MAX_TEXT_CHARS);
        assert!(check_reply(DRAFTS, vec![sub("X.1237", "no", Some(&at_limit))]).is_ok());
        let over = "a".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(
            check_reply(DRAFTS, vec![sub("X.1237", "no", Some(&over))]).unwrap_err(),
            ReplyError::TextTooLong {
                field: "reasons",
                ..
            }
        ));
    }

    #[test]
    fn equal_replies_in_another_order_compare_equal() {
        let a = check_reply(
            DRAFTS,
            vec![sub("X.1237", "yes", None), sub("X.1353", "no", Some("r"))],
        )
        .unwrap();
        let b = check_reply(
            DRAFTS,
            vec![
                sub("X.1353", "no", Some(" r ")),
                sub("X.1237", "yes", Some("")),
            ],
        )
        .unwrap();
        assert_eq!(a.0, b.0);
    }
}
