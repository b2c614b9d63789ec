//! `tapballot backup FILE`: a consistent, checked copy of the SQLite
//! database taken while replies are being written; it never overwrites, and
//! on PostgreSQL it points to pg_dump.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use reqwest::StatusCode;

use crate::helpers::*;
use crate::log::cli;

/// (Member State, revision, receipt) of the revisions stored in a copy.
fn revisions_in(copy: &std::path::Path) -> Vec<(String, i32, String)> {
    use diesel::{Connection, QueryableByName, RunQueryDsl};
    #[derive(QueryableByName)]
    struct Rev {
        #[diesel(sql_type = diesel::sql_types::Text)]
        member_state: String,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        revision: i32,
        #[diesel(sql_type = diesel::sql_types::Text)]
        receipt: String,
    }
    let mut conn = diesel::SqliteConnection::establish(&copy.to_string_lossy()).unwrap();
    diesel::sql_query("SELECT member_state, revision, receipt FROM reply_revisions")
        .load::<Rev>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|r| (r.member_state, r.revision, r.receipt))
        .collect()
}

#[actix_web::test]
async fn a_backup_under_load_is_whole_and_checked_and_never_overwrites() {
    let app = spawn_app(Backend::Sqlite)
        .await
        .expect("SQLite always runs");
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let states = ["AUT", "BEL", "CAN", "DNK", "EGY", "FIN", "GHA", "HUN"];
    // Acknowledged before the backup starts: each must be in the copy.
    let mut before = Vec::new();
    for iso3 in states {
        let (s, v) = app.put_reply(&app.tsb.token, &id, iso3, all_yes()).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        before.push((
            iso3.to_owned(),
            v["revision"].as_i64().unwrap() as i32,
            v["receipt"].as_str().unwrap().to_owned(),
        ));
    }
    // Replies go on, alternating positions so that each is a new revision,
    // while the backup runs in a process of its own.
    let app = Arc::new(app);
    let stop = Arc::new(AtomicBool::new(false));
    let load = {
        let (app, stop, id) = (app.clone(), stop.clone(), id.clone());
        actix_web::rt::spawn(async move {
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) {
                let position = if n.is_multiple_of(2) { "no" } else { "yes" };
                let body =
                    serde_json::json!([{"draft": "X.1237", "position": position, "reasons": "r"}]);
                let (s, v) = app
                    .put_reply(&app.tsb.token, &id, states[(n as usize) % 8], body)
                    .await;
                assert_eq!(s, StatusCode::OK, "{v}");
                n += 1;
            }
            n
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("tap.db");
    let url = app.database_url.clone();
    let target = copy.clone();
    let (ok, out) =
        tokio::task::spawn_blocking(move || cli(&url, &["backup", target.to_str().unwrap()]))
            .await
            .unwrap();
    stop.store(true, Ordering::Relaxed);
    let during = load.await.unwrap();
    assert!(ok, "{out}");
    assert!(out.contains("checked"), "{out}");
    assert!(during > 0, "no reply was written during the backup");
    let stored = revisions_in(&copy);
    for b in &before {
        assert!(stored.contains(b), "{b:?} is not in the backup");
    }
    // The copy is the database at one moment: its log and rows agree.
    let (ok, out) = cli(&format!("sqlite://{}", copy.display()), &["log", "verify"]);
    assert!(ok, "{out}");
    // Never overwrites, and says so.
    let size = std::fs::metadata(&copy).unwrap().len();
    let (ok, out) = cli(&app.database_url, &["backup", copy.to_str().unwrap()]);
    assert!(!ok && out.contains("exists"), "{out}");
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), size);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no partial file is left"
    );
}

#[actix_web::test]
async fn on_postgresql_backup_points_to_pg_dump_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("tap.dump");
    let (ok, out) = cli(
        "postgres://nobody@127.0.0.1:1/none",
        &["backup", copy.to_str().unwrap()],
    );
    assert!(!ok && out.contains("pg_dump"), "{out}");
    assert!(!copy.exists());
}
