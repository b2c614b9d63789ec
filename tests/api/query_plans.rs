//! No query of a reply, a tally, an export or the start-up's backfill of
//! the log walks a table that grows with the history, or reads a table
//! whole once per row of another. The tests never time anything, so a plan gone wrong (a
//! join order that makes SQLite scan every response: once 87 replies/s
//! instead of about 2100) would pass them unnoticed; here every statement
//! those use cases send is recorded and SQLite's own `EXPLAIN QUERY PLAN`
//! of it is checked. SQLite's plans do not depend on the data here (no
//! `sqlite_stat*` tables, and the bundled SQLite is built with
//! `SQLITE_ENABLE_QPSG`), so the plans seen are those a real database gets.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use diesel::connection::{Connection, InstrumentationEvent};
use diesel::RunQueryDsl;
use serde_json::json;
use tapballot::auth::Actor;
use tapballot::clock::Clock;
use tapballot::domain::entry::Claimed;
use tapballot::domain::ids::ConsultationId;
use tapballot::domain::member_state::Iso3;
use tapballot::domain::reply::SubmittedResponse;
use tapballot::service::export::{self, ExportFormat, ExportRequest};
use tapballot::service::{replies, sign_in, tally, users};
use tapballot::store::DbConnection;

use crate::helpers::*;

/// Tables that grow with consultations, replies, revisions, emails and
/// events: a statement may look rows up in them by an index, never read
/// them whole.
const GROWING: [&str; 11] = [
    "consultations",
    "drafts",
    "replies",
    "reply_revisions",
    "reply_responses",
    "decisions",
    "decision_positions",
    "emails",
    "audit_events",
    "log_entries",
    "users",
];

/// Runs `f` and returns the SQL of every statement it sent.
fn recorded<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> T,
) -> (T, Vec<String>) {
    let seen: Arc<Mutex<Vec<String>>> = Default::default();
    let into = seen.clone();
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            let text = query.to_string();
            // diesel shows a statement as "SQL -- binds: [...]".
            let sql = match text.rsplit_once(" -- binds: ") {
                Some((sql, _)) => sql.to_owned(),
                None => text,
            };
            into.lock().unwrap().push(sql);
        }
    });
    let out = f(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    let sql = seen.lock().unwrap().clone();
    (out, sql)
}

#[derive(diesel::QueryableByName)]
struct PlanStep {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    id: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    parent: i32,
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// SQLite's plan for `sql`.
fn plan(conn: &mut DbConnection, sql: &str) -> Vec<PlanStep> {
    // Its parameters are left unbound: the plan does not depend on them.
    diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
        .load(conn)
        .unwrap_or_else(|e| panic!("EXPLAIN QUERY PLAN {sql}: {e}"))
}

/// The steps of `sql`'s plan that read any table whole once per row of
/// another: under a correlated subquery, a step runs for each outer row.
fn multiplied_scans(conn: &mut DbConnection, sql: &str) -> Vec<String> {
    let steps = plan(conn, sql);
    let parents: HashMap<i32, (i32, &str)> = steps
        .iter()
        .map(|s| (s.id, (s.parent, s.detail.as_str())))
        .collect();
    let correlated = |mut id: i32| {
        while let Some((parent, detail)) = parents.get(&id) {
            if detail.starts_with("CORRELATED") {
                return true;
            }
            id = *parent;
        }
        false
    };
    steps
        .iter()
        .filter(|s| s.detail.starts_with("SCAN ") && correlated(s.parent))
        .map(|s| s.detail.clone())
        .collect()
}

/// The steps of `sql`'s plan that read a growing table whole, or a
/// consultation's whole history, or any table once per row of another.
fn full_scans(conn: &mut DbConnection, sql: &str) -> Vec<String> {
    let mut found: Vec<String> = plan(conn, sql)
        .into_iter()
        .map(|s| s.detail)
        .filter(|detail| reads_whole(detail))
        .collect();
    found.extend(multiplied_scans(conn, sql));
    found
}

/// One step of a plan: "SCAN t" (also "SCAN t USING INDEX i", a whole
/// index, no better) reads every row of t; "SEARCH t USING AUTOMATIC …
/// INDEX" first builds an index of every row of t; and a search of a
/// consultation's revisions by the consultation alone reads all its
/// revisions, superseded ones included (except in the partial index of
/// late revisions, which holds only those).
fn reads_whole(detail: &str) -> bool {
    let mut words = detail.split_whitespace();
    let (Some(step), Some(table)) = (words.next(), words.next()) else {
        return false;
    };
    if !GROWING.contains(&table) {
        return false;
    }
    match step {
        "SCAN" => true,
        "SEARCH" => {
            detail.contains("AUTOMATIC")
                || (table == "reply_revisions"
                    && detail.ends_with("(consultation_id=?)")
                    && !detail.contains("INDEX reply_revisions_late "))
        }
        _ => false,
    }
}

fn is_query(sql: &str) -> bool {
    let first = sql
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains(&first.as_str())
}

fn actor(conn: &mut DbConnection, email: &str) -> Actor {
    let user = users::find_by_email(conn, email).unwrap();
    sign_in::actor_for_token(conn, &user.id, 0).unwrap()
}

fn responses(position: &str) -> Vec<SubmittedResponse> {
    DRAFTS_195
        .iter()
        .map(|(number, _)| SubmittedResponse {
            draft: (*number).into(),
            position: position.into(),
            reasons: (position == "no").then(|| "terminology".into()),
            comments: None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_query_of_a_reply_a_tally_or_an_export_reads_a_growing_table_whole() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    // Some history first: several consultations, revisions, Member States.
    let mut ids = Vec::new();
    for n in 0..3 {
        let mut body = circular_195_body();
        body["reference"] = json!(format!("TSB Circular {}", 700 + n));
        ids.push(
            app.create_consultation(body).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    for id in &ids {
        for iso3 in ["DEU", "EGY", "CHN", "BRA"] {
            let (s, v) = app.put_reply(&app.tsb.token, id, iso3, all_yes()).await;
            assert_eq!(s, reqwest::StatusCode::OK, "{v}");
        }
    }

    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    let (tsb, che) = (
        actor(&mut conn, "tsb@itu.test"),
        actor(&mut conn, "che@admin.test"),
    );
    let id = ConsultationId::from(ids[0].as_str());
    let che_iso3 = Iso3::normalize("CHE");
    let clock = app.clock.clone();
    let mail = app.state.mail.clone();
    let catalogue = mail.renderer.catalogue_arc();
    let log = app.state.log.clone();
    let (_, sql) = recorded(&mut conn, |conn| {
        let clock = clock.as_ref();
        for position in ["yes", "no", "no"] {
            // A first reply, a revision, and one identical to the current.
            replies::submit(
                conn,
                &che,
                clock,
                &mail,
                &id,
                &che_iso3,
                responses(position),
                Claimed::default(),
            )
            .unwrap();
        }
        let fax = Claimed {
            source: Some("fax".into()),
            ..Claimed::default()
        };
        replies::submit(
            conn,
            &tsb,
            clock,
            &mail,
            &id,
            &Iso3::normalize("DEU"),
            responses("no"),
            fax,
        )
        .unwrap();
        replies::withdraw(conn, &che, clock, &mail, &id, &che_iso3, Claimed::default()).unwrap();
        replies::get(conn, &che, clock, &id, &che_iso3).unwrap();
        replies::list_current(conn, &tsb, clock, &id).unwrap();
        tally::tally(conn, &tsb, clock, &id).unwrap();
        for format in [ExportFormat::Json, ExportFormat::Csv] {
            export::export(
                conn,
                &tsb,
                clock,
                &catalogue,
                &id,
                format,
                &ExportRequest::default(),
            )
            .unwrap();
        }
    });
    // Start-up's append of what the log lacks (records stored before it
    // began, entries a stopped process left queued) reads whole tables
    // once, by design; but never once per record.
    let (_, backfill) = recorded(&mut conn, |conn| {
        tapballot::service::log::backfill(conn, &log, clock.now()).unwrap()
    });
    let mut scans: Vec<String> = backfill
        .iter()
        .filter(|s| is_query(s))
        .flat_map(|sql| {
            multiplied_scans(&mut conn, sql)
                .into_iter()
                .map(move |step| format!("{step}\n    in: {sql}"))
        })
        .collect();
    assert!(backfill.len() > 5, "{} statements recorded", backfill.len());
    let queries: Vec<&String> = sql.iter().filter(|s| is_query(s)).collect();
    // The recording saw the use cases' statements (a reply alone makes more
    // than ten), so an empty list cannot pass for a clean one.
    assert!(queries.len() > 50, "{} statements recorded", queries.len());
    for sql in queries {
        for step in full_scans(&mut conn, sql) {
            scans.push(format!("{step}\n    in: {sql}"));
        }
    }
    scans.sort();
    scans.dedup();
    assert!(
        scans.is_empty(),
        "statements that read a growing table whole:\n{}",
        scans.join("\n")
    );
}

/// The check above finds a whole read when there is one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_that_reads_responses_whole_is_caught() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    let scans = full_scans(
        &mut conn,
        "SELECT * FROM reply_responses WHERE position = ?",
    );
    assert_eq!(scans.len(), 1, "{scans:?}");
    assert!(full_scans(
        &mut conn,
        "SELECT * FROM reply_responses WHERE revision_id = ?"
    )
    .is_empty());
    // A consultation's late revisions: with the condition bound, SQLite
    // cannot use the partial index and reads every revision.
    let late = "SELECT * FROM reply_revisions WHERE consultation_id = ? AND late";
    assert_eq!(full_scans(&mut conn, &format!("{late} != ?")).len(), 1);
    assert!(full_scans(&mut conn, &format!("{late} <> 0")).is_empty());
    // The queue of log entries is read whole, as it should be, but not once
    // for each revision.
    let queued = "SELECT id FROM reply_revisions WHERE consultation_id = ? AND member_state = ?";
    assert_eq!(
        full_scans(
            &mut conn,
            &format!("{queued} AND NOT EXISTS (SELECT 1 FROM log_queue q WHERE q.record_id = reply_revisions.id)")
        )
        .len(),
        1
    );
    assert!(full_scans(
        &mut conn,
        &format!("{queued} AND id NOT IN (SELECT record_id FROM log_queue)")
    )
    .is_empty());
}
