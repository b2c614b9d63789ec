//! No query of a reply, a tally, an export or the start-up's backfill of
//! the log walks a table that grows with the history, or reads a table
//! whole once per row of another. The tests never time anything, so a
//! plan gone wrong (a join order that made SQLite scan every response: 87
//! replies/s instead of about 2100) would pass them unnoticed; here every
//! statement those use cases send is recorded and the database's own plan
//! of it checked. SQLite's plans do not depend on the data (no
//! `sqlite_stat*` tables, and the bundled SQLite is built with
//! `SQLITE_ENABLE_QPSG`), so the plans seen are those a real database
//! gets. PostgreSQL's do, and on a test's few rows it rightly prefers
//! sequential scans: it is asked for the generic plan of each statement
//! with sequential scans discouraged, so that one that remains on a
//! growing table means no index can serve the statement.

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
fn sqlite_plan(conn: &mut DbConnection, sql: &str) -> Vec<PlanStep> {
    // Its parameters are left unbound: the plan does not depend on them.
    diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
        .load(conn)
        .unwrap_or_else(|e| panic!("EXPLAIN QUERY PLAN {sql}: {e}"))
}

/// The steps of `sql`'s plan that read any table whole once per row of
/// another: under a correlated subquery, a step runs for each outer row.
fn multiplied_scans(conn: &mut DbConnection, sql: &str) -> Vec<String> {
    if matches!(conn, DbConnection::Postgres(_)) {
        return postgres_findings(conn, sql, false);
    }
    let steps = sqlite_plan(conn, sql);
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
    if matches!(conn, DbConnection::Postgres(_)) {
        return postgres_findings(conn, sql, true);
    }
    let mut found: Vec<String> = sqlite_plan(conn, sql)
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

#[derive(diesel::QueryableByName)]
struct Explained {
    #[diesel(sql_type = diesel::sql_types::Text)]
    #[diesel(column_name = "QUERY PLAN")]
    plan: String,
}

/// PostgreSQL's generic plan for `sql` (the one a prepared statement gets
/// whatever its parameters), with sequential scans discouraged: a
/// sequential scan of a growing table that remains means no index can
/// serve the statement (on the test's small tables the planner would
/// otherwise rightly prefer one). `whole`: also report reads of a growing
/// table whole and of a consultation's whole history; else only scans
/// under a correlated subplan (run once per outer row).
fn postgres_findings(conn: &mut DbConnection, sql: &str, whole: bool) -> Vec<String> {
    use diesel::connection::SimpleConnection;
    let params = (1..100)
        .take_while(|n| sql.contains(&format!("${n}")))
        .count();
    let args = vec!["NULL"; params].join(", ");
    conn.batch_execute(&format!(
        "SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off; \
         PREPARE plan_check AS {sql}"
    ))
    .unwrap_or_else(|e| panic!("PREPARE {sql}: {e}"));
    let execute = if params == 0 {
        "EXPLAIN (FORMAT JSON) EXECUTE plan_check".to_owned()
    } else {
        format!("EXPLAIN (FORMAT JSON) EXECUTE plan_check({args})")
    };
    let explained: Vec<Explained> = diesel::sql_query(execute)
        .load(conn)
        .unwrap_or_else(|e| panic!("EXPLAIN {sql}: {e}"));
    conn.batch_execute("DEALLOCATE plan_check; RESET enable_seqscan; RESET plan_cache_mode")
        .unwrap();
    let plan: serde_json::Value = serde_json::from_str(&explained[0].plan).unwrap();
    let mut found = Vec::new();
    walk(&plan[0]["Plan"], "", false, whole, &mut found);
    found
}

/// `parent`: the parent node's JSON, whose expressions name a subplan
/// "hashed SubPlan n" when it runs once into a hash table.
fn walk(
    node: &serde_json::Value,
    parent: &str,
    correlated: bool,
    whole: bool,
    found: &mut Vec<String>,
) {
    let text = |key: &str| node[key].as_str().unwrap_or_default();
    let correlated = correlated
        || (text("Parent Relationship") == "SubPlan"
            && !parent.contains(&format!("hashed {}", text("Subplan Name"))));
    let (kind, table, index, cond) = (
        text("Node Type"),
        text("Relation Name"),
        text("Index Name"),
        text("Index Cond"),
    );
    let step = format!("{kind} on {table} {index} {cond}");
    let whole_table = kind == "Seq Scan" && (correlated || (whole && GROWING.contains(&table)));
    // An index of the revisions searched by the consultation alone: all
    // its revisions, superseded ones included (the late ones' partial
    // index holds only those).
    let whole_history = whole
        && kind.contains("Index")
        && (table == "reply_revisions" || index.starts_with("reply_revisions"))
        && cond.contains("consultation_id")
        && !cond.contains("member_state")
        && index != "reply_revisions_late";
    if whole_table || whole_history {
        found.push(step);
    }
    let json = node.to_string();
    for child in node["Plans"].as_array().into_iter().flatten() {
        walk(child, &json, correlated, whole, found);
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

async fn no_query_of_a_reply_a_tally_or_an_export_reads_a_growing_table_whole(app: TestApp) {
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

crate::on_both_backends!(no_query_of_a_reply_a_tally_or_an_export_reads_a_growing_table_whole);

/// The checks above find a whole read when there is one.
async fn a_query_that_reads_responses_whole_is_caught(app: TestApp) {
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    let postgres = matches!(conn, DbConnection::Postgres(_));
    // The n-th parameter, as each database writes it.
    let p = |n: usize| {
        if postgres {
            format!("${n}")
        } else {
            "?".to_owned()
        }
    };
    let by_position = format!("SELECT * FROM reply_responses WHERE position = {}", p(1));
    assert_eq!(full_scans(&mut conn, &by_position).len(), 1);
    let by_revision = format!("SELECT * FROM reply_responses WHERE revision_id = {}", p(1));
    assert!(full_scans(&mut conn, &by_revision).is_empty());
    // A consultation's late revisions: with the condition bound, neither
    // database can use the partial index, and each reads every revision.
    let late = format!(
        "SELECT * FROM reply_revisions WHERE consultation_id = {} AND late",
        p(1)
    );
    assert_eq!(
        full_scans(&mut conn, &format!("{late} <> {}", p(2))).len(),
        1
    );
    assert!(full_scans(&mut conn, &format!("{late} <> 0")).is_empty());
    // A table read whole once per row of another: the queue of log entries
    // counted for each revision.
    let queued = format!(
        "SELECT id FROM reply_revisions WHERE consultation_id = {} AND member_state = {}",
        p(1),
        p(2)
    );
    let per_row = format!(
        "{queued} AND (SELECT count(*) FROM log_queue q WHERE q.record_id = reply_revisions.id) = 0"
    );
    assert_eq!(multiplied_scans(&mut conn, &per_row).len(), 1, "{per_row}");
    let once = format!("{queued} AND id NOT IN (SELECT record_id FROM log_queue)");
    assert!(multiplied_scans(&mut conn, &once).is_empty());
}

crate::on_both_backends!(a_query_that_reads_responses_whole_is_caught);
