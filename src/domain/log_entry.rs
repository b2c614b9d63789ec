//! The entries of the verifiable log: what each one says, in the exact bytes
//! other tools verify (UTF-8 JSON in RFC 8785 canonical form). The same
//! functions build an entry when it is appended and again from the stored
//! rows when `tapballot log verify` checks that the rows still say what
//! their entries say.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// An instant as the entries write it: RFC 3339, UTC, with the fraction of
/// the second only when there is one (the service keeps microseconds).
pub fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// One response of a reply revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryResponse {
    pub comments: Option<String>,
    pub draft: String,
    pub position: String,
    pub reasons: Option<String>,
}

/// A reply revision or withdrawal (a revision with no responses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionEntry {
    pub consultation_id: String,
    pub consultation_reference: String,
    pub entered_at: String,
    /// The user id of who entered it.
    pub entered_by: String,
    pub kind: String,
    pub late: bool,
    pub member_state: String,
    pub on_behalf: bool,
    pub receipt: String,
    pub received_at: String,
    /// By draft number; empty for a withdrawal.
    pub responses: Vec<EntryResponse>,
    pub revision: i32,
}

pub const REPLY_REVISION: &str = "reply_revision";
pub const CONSULTATION: &str = "consultation";
pub const DECISION: &str = "decision";

impl RevisionEntry {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        consultation_id: &str,
        consultation_reference: &str,
        member_state: &str,
        revision: i32,
        received_at: DateTime<Utc>,
        entered_at: DateTime<Utc>,
        entered_by: &str,
        on_behalf: bool,
        late: bool,
        mut responses: Vec<EntryResponse>,
        receipt: &str,
    ) -> Self {
        responses.sort_by(|a, b| a.draft.cmp(&b.draft));
        RevisionEntry {
            kind: REPLY_REVISION.to_owned(),
            consultation_id: consultation_id.to_owned(),
            consultation_reference: consultation_reference.to_owned(),
            member_state: member_state.to_owned(),
            revision,
            received_at: instant(received_at),
            entered_at: instant(entered_at),
            entered_by: entered_by.to_owned(),
            on_behalf,
            late,
            responses,
            receipt: receipt.to_owned(),
        }
    }
}

/// A draft as a consultation's entry records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDraft {
    pub number: String,
    pub provisional_name: String,
    pub text_url: Option<String>,
    pub title: String,
}

/// A consultation as it stands after it was created, changed, cancelled or
/// certified (`event`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationEntry {
    /// When the event happened and who made it (a user id).
    pub at: String,
    pub by: String,
    pub cancellation_reason: Option<String>,
    pub cancelled_at: Option<String>,
    pub certified_at: Option<String>,
    /// The first instant at which replies are refused.
    pub closes_at: String,
    pub consultation_id: String,
    pub consultation_reference: String,
    /// The deadline as TSB gave it, in `time_zone`.
    pub deadline: String,
    pub drafts: Vec<EntryDraft>,
    /// "created", "changed", "cancelled" or "certified".
    pub event: String,
    pub kind: String,
    pub meeting_ends_on: Option<String>,
    pub meeting_place: Option<String>,
    pub meeting_starts_on: Option<String>,
    pub study_group: String,
    pub time_zone: String,
    pub title: String,
}

/// A decision of the meeting on one draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionEntry {
    pub consultation_id: String,
    pub consultation_reference: String,
    pub decided_on: String,
    pub deferred_until: Option<String>,
    pub draft: String,
    pub kind: String,
    pub note: Option<String>,
    pub outcome: String,
    /// Reservations and abstentions of Member States, sorted.
    pub positions: Vec<EntryPosition>,
    pub recorded_at: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryPosition {
    /// "reservation" or "abstention".
    pub kind: String,
    pub member_state: String,
    pub text: Option<String>,
}

/// Sorted by Member State, then kind, then text (as entries list them).
impl Ord for EntryPosition {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.member_state, &self.kind, &self.text).cmp(&(
            &other.member_state,
            &other.kind,
            &other.text,
        ))
    }
}

impl PartialOrd for EntryPosition {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The entries whose plain serde_json form is already RFC 8785 canonical:
/// every struct among them declares its fields in the order RFC 8785 sorts
/// their names (ASCII names: byte order), holds only strings, booleans,
/// integers, nulls, arrays and such structs, and serde_json writes strings
/// as RFC 8785 does (only `"`, `\` and control characters escaped, in the
/// short forms or `\u00xx`). The tests check it against `serde_jcs` on
/// arbitrary entries. Writing them directly spares the reply's transaction
/// a detour through a `serde_json::Value`.
pub trait CanonicalEntry: Serialize {}
impl CanonicalEntry for RevisionEntry {}
impl CanonicalEntry for ConsultationEntry {}
impl CanonicalEntry for DecisionEntry {}

/// An entry's exact bytes: RFC 8785 (JCS) canonical JSON.
pub fn canonical<T: CanonicalEntry>(entry: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(entry)
}

/// The fields where two entries differ, for the report of `log verify`.
pub fn differences(stored: &str, rebuilt: &str) -> Vec<String> {
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).ok();
    let (Some(serde_json::Value::Object(a)), Some(serde_json::Value::Object(b))) =
        (parse(stored), parse(rebuilt))
    else {
        return vec!["(the entry is not a JSON object)".to_owned()];
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            format!(
                "{k}: the log says {}, the database {}",
                a.get(k).map_or("nothing".to_owned(), |v| v.to_string()),
                b.get(k).map_or("nothing".to_owned(), |v| v.to_string())
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn instants_are_utc_with_a_fraction_only_when_there_is_one() {
        assert_eq!(
            instant(Utc.with_ymd_and_hms(2024, 8, 21, 21, 59, 59).unwrap()),
            "2024-08-21T21:59:59Z"
        );
        assert_eq!(
            instant(at("2024-08-21T21:59:59.000250Z")),
            "2024-08-21T21:59:59.000250Z"
        );
    }

    #[test]
    fn a_revision_entry_is_canonical_json_with_its_responses_by_draft() {
        let entry = RevisionEntry::new(
            "c1",
            "TAP-SG17-2024-08",
            "CHE",
            2,
            at("2024-08-20T10:00:00Z"),
            at("2024-08-20T10:00:00Z"),
            "u1",
            false,
            false,
            vec![
                EntryResponse {
                    draft: "X.1237".into(),
                    position: "no".into(),
                    reasons: Some("Ça \"dépend\"\n".into()),
                    comments: None,
                },
                EntryResponse {
                    draft: "X.1000".into(),
                    position: "yes".into(),
                    reasons: None,
                    comments: None,
                },
            ],
            "ABCD-EFGH",
        );
        assert_eq!(
            canonical(&entry).unwrap(),
            concat!(
                r#"{"consultation_id":"c1","consultation_reference":"TAP-SG17-2024-08","#,
                r#""entered_at":"2024-08-20T10:00:00Z","entered_by":"u1","kind":"reply_revision","#,
                r#""late":false,"member_state":"CHE","on_behalf":false,"receipt":"ABCD-EFGH","#,
                r#""received_at":"2024-08-20T10:00:00Z","responses":["#,
                r#"{"comments":null,"draft":"X.1000","position":"yes","reasons":null},"#,
                r#"{"comments":null,"draft":"X.1237","position":"no","reasons":"Ça \"dépend\"\n"}],"#,
                r#""revision":2}"#
            )
        );
    }

    #[test]
    fn differences_name_the_fields_that_changed() {
        let a = r#"{"deadline":"2024-08-21","kind":"consultation"}"#;
        let b = r#"{"deadline":"2024-08-28","kind":"consultation"}"#;
        let d = differences(a, b);
        assert_eq!(d.len(), 1);
        assert!(d[0].starts_with("deadline:"), "{d:?}");
        assert!(differences(a, a).is_empty());
    }

    mod written_directly_equals_jcs {
        use super::super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            // Any Unicode, control characters, quotes and backslashes included.
            prop_oneof![
                any::<String>(),
                "[\\x00-\\x20\"\\\\/\u{7f}\u{2028}é😀]{0,12}"
            ]
        }

        fn maybe() -> impl Strategy<Value = Option<String>> {
            proptest::option::of(text())
        }

        fn same(entry: &impl CanonicalEntry) {
            assert_eq!(
                canonical(entry).unwrap(),
                serde_jcs::to_string(entry).unwrap()
            );
        }

        proptest! {
            #[test]
            fn revision_entries(
                strings in proptest::collection::vec(text(), 8),
                flags in any::<(bool, bool)>(),
                revision in any::<i32>(),
                responses in proptest::collection::vec((text(), text(), maybe(), maybe()), 0..4),
            ) {
                same(&RevisionEntry {
                    consultation_id: strings[0].clone(),
                    consultation_reference: strings[1].clone(),
                    entered_at: strings[2].clone(),
                    entered_by: strings[3].clone(),
                    kind: strings[4].clone(),
                    late: flags.0,
                    member_state: strings[5].clone(),
                    on_behalf: flags.1,
                    receipt: strings[6].clone(),
                    received_at: strings[7].clone(),
                    responses: responses
                        .into_iter()
                        .map(|(draft, position, reasons, comments)| EntryResponse { comments, draft, position, reasons })
                        .collect(),
                    revision,
                });
            }

            #[test]
            fn consultation_entries(
                strings in proptest::collection::vec(text(), 12),
                optional in proptest::collection::vec(maybe(), 6),
                drafts in proptest::collection::vec((text(), text(), text(), maybe()), 0..4),
            ) {
                same(&ConsultationEntry {
                    at: strings[0].clone(),
                    by: strings[1].clone(),
                    cancellation_reason: optional[0].clone(),
                    cancelled_at: optional[1].clone(),
                    certified_at: optional[2].clone(),
                    closes_at: strings[2].clone(),
                    consultation_id: strings[3].clone(),
                    consultation_reference: strings[4].clone(),
                    deadline: strings[5].clone(),
                    drafts: drafts
                        .into_iter()
                        .map(|(number, provisional_name, title, text_url)| EntryDraft { number, provisional_name, text_url, title })
                        .collect(),
                    event: strings[6].clone(),
                    kind: strings[7].clone(),
                    meeting_ends_on: optional[3].clone(),
                    meeting_place: optional[4].clone(),
                    meeting_starts_on: optional[5].clone(),
                    study_group: strings[8].clone(),
                    time_zone: strings[9].clone(),
                    title: strings[10].clone(),
                });
            }

            #[test]
            fn decision_entries(
                strings in proptest::collection::vec(text(), 8),
                optional in proptest::collection::vec(maybe(), 2),
                positions in proptest::collection::vec((text(), text(), maybe()), 0..4),
            ) {
                same(&DecisionEntry {
                    consultation_id: strings[0].clone(),
                    consultation_reference: strings[1].clone(),
                    decided_on: strings[2].clone(),
                    deferred_until: optional[0].clone(),
                    draft: strings[3].clone(),
                    kind: strings[4].clone(),
                    note: optional[1].clone(),
                    outcome: strings[5].clone(),
                    positions: positions
                        .into_iter()
                        .map(|(kind, member_state, text)| EntryPosition { kind, member_state, text })
                        .collect(),
                    recorded_at: strings[6].clone(),
                    recorded_by: strings[7].clone(),
                });
            }
        }
    }

    #[test]
    fn positions_sort_by_member_state_first() {
        let mut p = [
            EntryPosition {
                kind: "abstention".into(),
                member_state: "FRA".into(),
                text: None,
            },
            EntryPosition {
                kind: "reservation".into(),
                member_state: "CHE".into(),
                text: None,
            },
        ];
        p.sort();
        assert_eq!(p[0].member_state, "CHE");
    }
}
