//! Demo data: the historical consultation of TSB Circular 195 (closed, with a
//! final tally), an open consultation a few weeks ahead (with its meeting and
//! an extension already notified), and demo accounts.

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};

use crate::auth::{Actor, Role};
use crate::clock::{Clock, ManualClock};
use crate::domain::consultation::{ProposedConsultation, ProposedDraft};
use crate::domain::deadline::GENEVA;
use crate::domain::decision::{Outcome, ProposedDecision, Reservation};
use crate::domain::entry::Claimed;
use crate::domain::member_state::Iso3;
use crate::domain::reply::SubmittedResponse;
use crate::mail::Mail;
use crate::service::users::{self, NewUser};
use crate::service::{consultations, decisions, replies, sign_in, ServiceResult};
use crate::store::{self, DbConnection};
use crate::tlog::LogKey;

pub const CIRCULAR_195: &str = "TSB Circular 195";

/// A demo account as printed for the person trying the service.
pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub role: Role,
    pub member_state: Option<&'static str>,
    pub name: &'static str,
    pub language: &'static str,
}

pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "tsb@demo.tapballot.test",
        password: "demo-tsb-password",
        role: Role::Tsb,
        member_state: None,
        name: "TSB Secretariat (demo)",
        language: "en",
    },
    DemoAccount {
        email: "che@demo.tapballot.test",
        password: "demo-che-password",
        role: Role::Member,
        member_state: Some("CHE"),
        name: "Focal point, Switzerland (demo)",
        language: "fr",
    },
    DemoAccount {
        email: "chn@demo.tapballot.test",
        password: "demo-chn-password",
        role: Role::Member,
        member_state: Some("CHN"),
        name: "Focal point, China (demo)",
        language: "zh",
    },
    DemoAccount {
        email: "egy@demo.tapballot.test",
        password: "demo-egy-password",
        role: Role::Member,
        member_state: Some("EGY"),
        name: "Focal point, Egypt (demo)",
        language: "ar",
    },
    DemoAccount {
        email: "bra@demo.tapballot.test",
        password: "demo-bra-password",
        role: Role::Member,
        member_state: Some("BRA"),
        name: "Focal point, Brazil (demo)",
        language: "es",
    },
];

const DRAFTS_195: [(&str, &str, &str); 8] = [
    (
        "X.1237",
        "X.tsfpp",
        "Security framework for telecommunication service fraud prevention (demo title)",
    ),
    (
        "X.1283",
        "X.gpwd",
        "Guidelines for password-based authentication (demo title)",
    ),
    (
        "X.1353",
        "X.ztd-iot",
        "Zero-touch device provisioning security for IoT (demo title)",
    ),
    (
        "X.1354",
        "X.sc-iot",
        "Security controls for IoT devices (demo title)",
    ),
    (
        "X.1384",
        "X.itssec-5",
        "Security guidelines for intelligent transport systems, part 5 (demo title)",
    ),
    ("X.1471", "X.websec-7", "Web security, part 7 (demo title)"),
    (
        "X.1819",
        "X.5Gsec-netec",
        "Security of network capability exposure in 5G (demo title)",
    ),
    (
        "X.1820",
        "X.5Gsec-srocvs",
        "Security requirements for 5G services (demo title)",
    ),
];

fn proposal(
    reference: &str,
    title: &str,
    deadline: String,
    drafts: &[(&str, &str, &str)],
) -> ProposedConsultation {
    ProposedConsultation {
        reference: reference.into(),
        study_group: "SG17".into(),
        title: title.into(),
        deadline,
        time_zone: Some(GENEVA.name().into()),
        meeting_starts_on: None,
        meeting_ends_on: None,
        meeting_place: Some("Geneva".into()),
        drafts: drafts
            .iter()
            .map(|(n, p, t)| ProposedDraft {
                number: (*n).into(),
                provisional_name: (*p).into(),
                title: (*t).into(),
                text_url: None,
            })
            .collect(),
    }
}

/// Deletes the demo data (consultations, replies, emails, accounts) so that
/// `seed` starts afresh. Refuses when the database has a user who is not a
/// demo account: it is then not a demo database, and nothing is deleted.
pub fn reset(conn: &mut DbConnection) -> ServiceResult<()> {
    let others: Vec<String> = store::users::list(conn)?
        .into_iter()
        .map(|u| u.email)
        .filter(|e| !ACCOUNTS.iter().any(|a| a.email.eq_ignore_ascii_case(e)))
        .collect();
    if !others.is_empty() {
        return Err(crate::service::ServiceError::new(
            crate::error::ErrorCode::NotRetryable,
            format!(
                "refusing to reset: this database has {} user(s) who are not demo accounts (e.g. {}); it is not a demo database",
                others.len(),
                others[0]
            ),
        ));
    }
    store::clear_data(conn)?;
    Ok(())
}

/// Seeds the demo data once; a second run finds it and changes nothing.
/// Returns false when the data was already there.
pub fn seed(
    conn: &mut DbConnection,
    clock: &dyn Clock,
    mail: &Mail,
    log: &LogKey,
) -> ServiceResult<bool> {
    if store::consultations::exists_with_reference(conn, CIRCULAR_195)? {
        return Ok(false);
    }
    let mut tsb = None;
    for a in ACCOUNTS {
        let user = users::add(
            conn,
            clock,
            users::By::CommandLine,
            NewUser {
                email: a.email.into(),
                name: a.name.into(),
                role: a.role,
                member_state: a.member_state.map(Into::into),
                password: Some(a.password.into()),
                language: a.language.into(),
            },
        )?;
        if a.role == Role::Tsb {
            tsb = Some(sign_in::actor_of(user)?);
        }
    }
    let tsb: Actor =
        tsb.ok_or_else(|| crate::service::ServiceError::internal("no demo TSB account"))?;

    // The past circular: replies are entered as TSB would have, with a clock
    // set inside the consultation window, and without emails (it is history).
    let history = mail.silenced();
    let mail_now = mail;
    let mail = &history;
    let past_clock = ManualClock::new(
        Utc.with_ymd_and_hms(2024, 6, 10, 9, 0, 0)
            .single()
            .unwrap_or_else(Utc::now),
    );
    let c195 = consultations::create(
        conn,
        &tsb,
        &past_clock,
        mail,
        ProposedConsultation {
            meeting_starts_on: chrono::NaiveDate::from_ymd_opt(2024, 9, 3),
            meeting_ends_on: chrono::NaiveDate::from_ymd_opt(2024, 9, 12),
            ..proposal(
                CIRCULAR_195,
                "Approval of eight draft Recommendations at the SG17 meeting of September 2024",
                "2024-08-21T23:59".into(),
                &DRAFTS_195,
            )
        },
    )?;
    let states = store::member_states::all(conn)?;
    for (i, m) in states.iter().enumerate().filter(|(i, _)| i % 4 == 0) {
        past_clock.advance(Duration::minutes(37));
        let responses = DRAFTS_195
            .iter()
            .enumerate()
            .map(|(d, (number, _, _))| {
                // X.1283 draws enough opposition to fall under 70 %; the rest pass.
                let no = (d == 1 && i % 3 == 0) || (d == 5 && i % 11 == 0);
                SubmittedResponse {
                    draft: (*number).into(),
                    position: if no { "no".into() } else { "yes".into() },
                    reasons: no.then(|| "The text should align its terminology with X.1252 before approval (demo).".into()),
                    comments: None,
                }
            })
            .collect();
        replies::submit(
            conn,
            &tsb,
            &past_clock,
            mail,
            &c195.id,
            &Iso3::normalize(&m.iso3),
            responses,
            demo_source(),
        )?;
    }

    after_the_cut_off(conn, &tsb, mail, &c195.id)?;

    // An open consultation with its meeting, opened ten days ago with a
    // deadline five weeks from now, answered in part, then extended by a
    // week three days ago: its invitations, confirmations and the notice of
    // the extension go to the mail folder.
    let mail = mail_now;
    let now = clock.now();
    let recent = ManualClock::new(now - Duration::days(10));
    let day = |weeks: i64| {
        (now + Duration::weeks(weeks))
            .with_timezone(&GENEVA)
            .date_naive()
    };
    let open_proposal = |deadline: chrono::NaiveDate| ProposedConsultation {
        meeting_starts_on: Some(day(8)),
        meeting_ends_on: Some(day(8) + Duration::days(9)),
        ..proposal(
            "TSB Circular 999 (demo)",
            "Approval of three draft Recommendations (demo)",
            format!("{}T23:59", deadline.format("%Y-%m-%d")),
            &[
                (
                    "X.1290",
                    "X.pwd-less",
                    "Guidelines for passwordless authentication (demo title)",
                ),
                (
                    "X.1645",
                    "X.sc-cloud",
                    "Security controls for cloud computing (demo title)",
                ),
                (
                    "X.1821",
                    "X.5Gsec-slice",
                    "Security of 5G network slicing (demo title)",
                ),
            ],
        )
    };
    let open = consultations::create(conn, &tsb, &recent, mail, open_proposal(day(5)))?;
    let first = SubmittedResponse {
        draft: "X.1290".into(),
        position: "yes".into(),
        reasons: None,
        comments: None,
    };
    recent.advance(Duration::days(2));
    replies::submit(
        conn,
        &tsb,
        &recent,
        mail,
        &open.id,
        &Iso3::normalize("FRA"),
        vec![first],
        demo_source(),
    )?;
    recent.advance(Duration::days(5));
    consultations::update(
        conn,
        &tsb,
        &recent,
        mail,
        &open.id,
        open_proposal(day(6)),
        true,
    )?;
    // Outside the writer: the entries are appended here, in one batch.
    crate::service::log::settle(conn, log, clock.now())?;
    Ok(true)
}

pub fn print_accounts(base_url: &str) {
    println!("\ntapballot demo at {base_url}");
    println!("  Sign in:   {base_url}/sign-in");
    println!("  API docs:  {base_url}/api/docs/");
    println!("  Emails:    written as .eml files to the mail/ folder");
    println!("  Demo accounts (email / password):");
    for a in ACCOUNTS {
        let who = match a.member_state {
            Some(ms) => format!("focal point of {ms}"),
            None => "TSB staff".into(),
        };
        println!("    {:<28} {:<20} {who}", a.email, a.password);
    }
    println!();
}

/// The clock for the demo server.
pub fn clock() -> Arc<dyn Clock> {
    Arc::new(crate::clock::SystemClock)
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

/// What followed Circular 195's cut-off: a fax received at 23:50 and typed
/// in the next morning, a late reply, the certification, and the meeting's
/// decisions with a reservation, an abstention and a deferral.
fn after_the_cut_off(
    conn: &mut DbConnection,
    tsb: &Actor,
    mail: &Mail,
    id: &crate::domain::ids::ConsultationId,
) -> ServiceResult<()> {
    let clock = ManualClock::new(at(2024, 8, 22, 7, 12));
    let yes = |draft: &str, comments: Option<&str>| SubmittedResponse {
        draft: draft.into(),
        position: "yes".into(),
        reasons: None,
        comments: comments.map(Into::into),
    };
    let fax: Vec<SubmittedResponse> = DRAFTS_195
        .iter()
        .map(|(n, _, _)| {
            yes(
                n,
                (*n == "X.1237").then_some("受理 (demo): we support the text as it stands."),
            )
        })
        .collect();
    replies::submit(
        conn,
        tsb,
        &clock,
        mail,
        id,
        &Iso3::normalize("JPN"),
        fax,
        Claimed {
            source: Some("fax of 21 August 2024, 23:50 Geneva (demo)".into()),
            received_at: Some(at(2024, 8, 21, 21, 50)),
            late: false,
        },
    )?;
    clock.advance(Duration::minutes(20));
    replies::submit(
        conn,
        tsb,
        &clock,
        mail,
        id,
        &Iso3::normalize("KAZ"),
        vec![SubmittedResponse {
            draft: "X.1283".into(),
            position: "no".into(),
            reasons: Some("Предлагаем согласовать термины с X.1252 (demo).".into()),
            comments: None,
        }],
        Claimed {
            source: Some("email of 22 August 2024, 08:30 Geneva (demo)".into()),
            received_at: Some(at(2024, 8, 22, 6, 30)),
            late: true,
        },
    )?;
    clock.set(at(2024, 8, 23, 9, 0));
    consultations::certify(conn, tsb, &clock, mail, id)?;

    clock.set(at(2024, 9, 12, 15, 0));
    let decided_on = chrono::NaiveDate::from_ymd_opt(2024, 9, 12).unwrap_or_default();
    let decision = |outcome| ProposedDecision {
        outcome,
        decided_on,
        deferred_until: None,
        reservations: Vec::new(),
        abstentions: Vec::new(),
        note: None,
    };
    for (number, _, _) in DRAFTS_195 {
        let d = match number {
            "X.1237" => ProposedDecision {
                reservations: vec![Reservation {
                    member_state: "EGY".into(),
                    text: "تحفظ على البند 7 (demo)".into(),
                }],
                abstentions: vec!["BRA".into()],
                ..decision(Outcome::Approved)
            },
            // Under 70 %: not considered for approval.
            "X.1283" => decision(Outcome::NotApproved),
            "X.1353" => ProposedDecision {
                deferred_until: chrono::NaiveDate::from_ymd_opt(2024, 10, 10),
                note: Some("A delegation asked for time to consult its capital (demo).".into()),
                ..decision(Outcome::Deferred)
            },
            _ => decision(Outcome::Approved),
        };
        decisions::record(conn, tsb, &clock, id, number, d)?;
    }
    decisions::notify(conn, tsb, &clock, mail, id)?;
    Ok(())
}

/// How the demo's replies entered by TSB were "received".
fn demo_source() -> Claimed {
    Claimed {
        source: Some("Demo data".into()),
        ..Claimed::default()
    }
}
