//! What a change to a consultation changed, as a Member State must be told
//! it: the notice of change lists these, old → new.

use std::collections::HashMap;

use super::consultations::{ConsultationView, DraftView};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Reference,
    StudyGroup,
    Title,
    /// The cut-off moved (`closes_at`).
    Deadline,
    /// The zone the deadline is stated in.
    TimeZone,
    MeetingDates,
    MeetingPlace,
    DraftAdded(String),
    DraftRemoved(String),
    DraftName(String),
    DraftTitle(String),
    DraftLink(String),
}

impl Change {
    /// Whether the change alters what a Member State must do, or by when:
    /// TSB may not keep such a change quiet. The others (wording, links,
    /// the meeting's place) may be typo fixes.
    pub fn must_be_notified(&self) -> bool {
        matches!(
            self,
            Change::Deadline
                | Change::TimeZone
                | Change::MeetingDates
                | Change::DraftAdded(_)
                | Change::DraftRemoved(_)
        )
    }

    /// As the audit trail writes it: "deadline", "draft_title:X.1237".
    pub fn code(&self) -> String {
        let (name, draft) = match self {
            Change::Reference => ("reference", None),
            Change::StudyGroup => ("study_group", None),
            Change::Title => ("title", None),
            Change::Deadline => ("deadline", None),
            Change::TimeZone => ("time_zone", None),
            Change::MeetingDates => ("meeting_dates", None),
            Change::MeetingPlace => ("meeting_place", None),
            Change::DraftAdded(n) => ("draft_added", Some(n)),
            Change::DraftRemoved(n) => ("draft_removed", Some(n)),
            Change::DraftName(n) => ("draft_name", Some(n)),
            Change::DraftTitle(n) => ("draft_title", Some(n)),
            Change::DraftLink(n) => ("draft_link", Some(n)),
        };
        match draft {
            Some(n) => format!("{name}:{n}"),
            None => name.to_owned(),
        }
    }
}

/// Every difference a Member State would notice between two versions of a
/// consultation, in the order the notice lists them. A deadline rewritten
/// to the same instant ("23:59" and "23:59+02:00") is no change.
pub fn changes(old: &ConsultationView, new: &ConsultationView) -> Vec<Change> {
    let mut out = Vec::new();
    if old.reference != new.reference {
        out.push(Change::Reference);
    }
    if old.study_group != new.study_group {
        out.push(Change::StudyGroup);
    }
    if old.title != new.title {
        out.push(Change::Title);
    }
    if old.last_included() != new.last_included() {
        out.push(Change::Deadline);
    }
    if old.time_zone != new.time_zone {
        out.push(Change::TimeZone);
    }
    if (old.meeting_starts_on, old.meeting_ends_on) != (new.meeting_starts_on, new.meeting_ends_on)
    {
        out.push(Change::MeetingDates);
    }
    if old.meeting_place != new.meeting_place {
        out.push(Change::MeetingPlace);
    }
    let before: HashMap<&str, &DraftView> =
        old.drafts.iter().map(|d| (d.number.as_str(), d)).collect();
    let after: HashMap<&str, &DraftView> =
        new.drafts.iter().map(|d| (d.number.as_str(), d)).collect();
    for d in &old.drafts {
        if !after.contains_key(d.number.as_str()) {
            out.push(Change::DraftRemoved(d.number.clone()));
        }
    }
    for d in &new.drafts {
        let Some(o) = before.get(d.number.as_str()) else {
            out.push(Change::DraftAdded(d.number.clone()));
            continue;
        };
        if o.provisional_name != d.provisional_name {
            out.push(Change::DraftName(d.number.clone()));
        }
        if o.title != d.title {
            out.push(Change::DraftTitle(d.number.clone()));
        }
        if o.text_url != d.text_url {
            out.push(Change::DraftLink(d.number.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::consultations::Status;
    use chrono::{DateTime, NaiveDate, Utc};

    fn draft(number: &str, title: &str) -> DraftView {
        DraftView {
            number: number.into(),
            provisional_name: format!("{number}.p"),
            title: title.into(),
            text_url: None,
        }
    }

    fn view() -> ConsultationView {
        let closes_at: DateTime<Utc> = "2024-08-21T22:00:00Z".parse().unwrap();
        ConsultationView {
            id: "c".to_owned().into(),
            reference: "TSB Circular 195".into(),
            study_group: "SG17".into(),
            title: "t".into(),
            deadline: "2024-08-21T23:59".into(),
            time_zone: "Europe/Zurich".into(),
            closes_at,
            deadline_geneva: String::new(),
            status: Status::Open,
            sealed_at: None,
            meeting_starts_on: None,
            meeting_ends_on: None,
            meeting_place: None,
            created_at: closes_at,
            cancelled_at: None,
            cancelled_by: None,
            cancellation_reason: None,
            certified_at: None,
            certified_by: None,
            drafts: vec![draft("X.1", "One"), draft("X.2", "Two")],
            notice_sequence: 0,
        }
    }

    #[test]
    fn nothing_changed_is_no_change() {
        assert!(changes(&view(), &view()).is_empty());
        // The same instant written with its offset.
        let mut same = view();
        same.deadline = "2024-08-21T23:59+02:00".into();
        assert!(changes(&view(), &same).is_empty());
    }

    #[test]
    fn an_extension_and_new_meeting_dates_must_be_notified() {
        let mut new = view();
        new.closes_at += chrono::Duration::days(7);
        new.deadline = "2024-08-28T23:59".into();
        new.meeting_starts_on = NaiveDate::from_ymd_opt(2024, 9, 3);
        let found = changes(&view(), &new);
        assert_eq!(found, vec![Change::Deadline, Change::MeetingDates]);
        assert!(found.iter().all(Change::must_be_notified));
    }

    #[test]
    fn typo_fixes_may_go_without_notice() {
        let mut new = view();
        new.title = "T".into();
        new.drafts[1].title = "Too".into();
        new.drafts[1].text_url = Some("https://www.itu.int/md/T22-SG17-R-0001".into());
        new.meeting_place = Some("Geneva".into());
        let found = changes(&view(), &new);
        assert_eq!(
            found,
            vec![
                Change::Title,
                Change::MeetingPlace,
                Change::DraftTitle("X.2".into()),
                Change::DraftLink("X.2".into()),
            ]
        );
        assert!(!found.iter().any(Change::must_be_notified));
        assert_eq!(found[2].code(), "draft_title:X.2");
    }

    #[test]
    fn drafts_added_and_removed_are_named() {
        let mut new = view();
        new.drafts = vec![draft("X.2", "Two"), draft("X.3", "Three")];
        assert_eq!(
            changes(&view(), &new),
            vec![
                Change::DraftRemoved("X.1".into()),
                Change::DraftAdded("X.3".into())
            ]
        );
    }
}
