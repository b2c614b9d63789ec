//! Faults inside one process: the sealed cut-off, database faults answered
//! 503/507 (never 500), the readiness probe, paging of long lists, and the
//! mail worker's stop and schedule. The fault suite (`tests/faults/`) does
//! the same from outside, with kill -9, restarts and load.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tapballot::domain::ids::ConsultationId;
use tapballot::error::ErrorCode;
use tapballot::mail::worker::Worker;
use tapballot::mail::{Mail, MailSettings};

use crate::helpers::*;
use crate::on_both_backends;
use crate::smtp::SmtpSink;

on_both_backends!(
    a_tally_is_final_only_once_sealed_and_a_seal_is_for_good,
    the_seal_waits_for_a_reply_in_flight,
    revisions_stay_in_time_order_when_the_clock_steps_back,
    emails_and_audit_come_a_page_at_a_time,
    a_stopping_worker_finishes_its_sends_and_releases_the_rest,
    the_closing_summary_goes_ahead_of_a_backlog,
);

fn instant(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

fn at(v: &Value) -> DateTime<Utc> {
    v.as_str().expect("a time").parse().expect("RFC 3339")
}

async fn a_tally_is_final_only_once_sealed_and_a_seal_is_for_good(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    let (_, t) = app.tally(Some(&app.tsb.token), id).await;
    assert_eq!(t["final"], false);
    assert!(t["sealed_at"].is_null());

    // Past closes_at (22:00 UTC) the clock alone closes it to replies, but
    // the tally is final only once sealed, which its first reading does.
    app.clock.set(instant("2024-08-21T22:00:00.5Z"));
    let (_, c) = app.get_consultation(Some(&app.tsb.token), id).await;
    assert_eq!(c["status"], "closed");
    assert!(c["sealed_at"].is_null());
    let (s, t) = app.tally(Some(&app.tsb.token), id).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(t["final"], true);
    assert_eq!(at(&t["sealed_at"]), instant("2024-08-21T22:00:00.5Z"));

    // An instance whose clock lags cannot reopen a sealed consultation.
    app.clock.set(instant("2024-08-21T21:59:00Z"));
    let (s, v) = app.put_reply(&app.fra.token, id, "FRA", all_yes()).await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_closed");
    let (_, c) = app.get_consultation(Some(&app.tsb.token), id).await;
    assert_eq!(c["status"], "closed");
    let (_, again) = app.tally(Some(&app.tsb.token), id).await;
    assert_eq!(again, t, "a final tally never changes");
    // Focal points see the same final tally.
    let (s, theirs) = app.tally(Some(&app.fra.token), id).await;
    assert_eq!((s, &theirs), (StatusCode::OK, &t));
}

async fn the_seal_waits_for_a_reply_in_flight(app: TestApp) {
    let c = app.circular_195().await;
    let id = ConsultationId::from(c["id"].as_str().unwrap().to_owned());
    app.clock.set(instant("2024-08-21T21:59:59Z"));
    let committed = Arc::new(AtomicBool::new(false));
    let (locked, is_locked) = std::sync::mpsc::channel();
    let reply = {
        let pool = app.state.pool.clone();
        let committed = committed.clone();
        let id = id.clone();
        std::thread::spawn(move || {
            let mut conn = pool.get().unwrap();
            conn.transaction(|c| {
                // What a reply holds while it is decided.
                tapballot::store::replies::lock_with_consultation(c, id.as_str(), "CHE")?;
                locked.send(()).unwrap();
                std::thread::sleep(Duration::from_millis(400));
                committed.store(true, Ordering::SeqCst);
                Ok::<_, diesel::result::Error>(())
            })
            .unwrap();
        })
    };
    is_locked.recv().unwrap();
    app.clock.set(instant("2024-08-21T22:00:01Z"));
    let (pool, clock) = (app.state.pool.clone(), app.clock.clone());
    let sealed = tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().unwrap();
        tapballot::service::consultations::seal(&mut conn, clock.as_ref(), &id)
    })
    .await
    .unwrap()
    .unwrap();
    assert!(
        committed.load(Ordering::SeqCst),
        "the seal waited until the reply in flight had committed"
    );
    assert_eq!(sealed, Some(instant("2024-08-21T22:00:01Z")));
    reply.join().unwrap();
}

async fn revisions_stay_in_time_order_when_the_clock_steps_back(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (_, first) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    app.clock.set(instant("2024-08-01T07:59:50Z"));
    let (s, second) = app
        .put_reply(
            &app.che.token,
            id,
            "CHE",
            json!([{"draft": "X.1237", "position": "no", "reasons": "r"}]),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(second["revision"], 2);
    assert_eq!(at(&second["received_at"]), at(&first["received_at"]));
    let (_, reply) = app.get_reply(Some(&app.che.token), id, "CHE").await;
    let times: Vec<DateTime<Utc>> = reply["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| at(&r["received_at"]))
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
}

/// Follows `Link: <…>; rel="next"` from `first` to the end.
async fn every_page(app: &TestApp, first: &str) -> Vec<Vec<Value>> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(path) = next.take() {
        let (s, v, link) = app.list_page(&path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        pages.push(v.as_array().unwrap().clone());
        next = link.map(|l| {
            let start = l.find('<').unwrap() + 1;
            let end = l.find('>').unwrap();
            assert!(l.ends_with("rel=\"next\""), "{l}");
            l[start..end].to_owned()
        });
        assert!(pages.len() < 100, "paging does not end");
    }
    pages
}

async fn emails_and_audit_come_a_page_at_a_time(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    for iso3 in ["AUT", "BEL", "CAN", "DNK", "EGY", "FIN", "GHA"] {
        app.put_reply(&app.tsb.token, id, iso3, all_yes()).await;
        app.clock.advance(chrono::Duration::seconds(1));
    }
    for (list, limit) in [("emails", 4), ("audit", 3)] {
        let (_, all) = app
            .list_page(&format!("/api/v1/{list}?limit=1000"))
            .await
            .clone()
            .into_all();
        let pages = every_page(&app, &format!("/api/v1/{list}?limit={limit}")).await;
        assert!(pages.len() > 2, "{list}: several pages");
        assert!(pages.iter().all(|p| p.len() <= limit));
        let paged: Vec<Value> = pages.into_iter().flatten().collect();
        assert_eq!(
            paged, all,
            "{list}: the pages, in order, are the whole list"
        );
        let ids: HashSet<&str> = paged.iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), paged.len(), "{list}: nothing twice");
    }
    // The other parameters stay in the next page's address.
    let (_, _, link) = app.list_page("/api/v1/emails?status=queued&limit=2").await;
    let link = link.expect("a next page");
    assert!(
        link.contains("status=queued") && link.contains("limit=2"),
        "{link}"
    );
    let (s, v) = app
        .list_emails(Some(&app.tsb.token), "?cursor=not-a-cursor")
        .await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "invalid_cursor");
    let (s, v) = app.list_audit(Some(&app.tsb.token), "?cursor=12_zz").await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "invalid_cursor");
}

trait IntoAll {
    fn into_all(self) -> (StatusCode, Vec<Value>);
}

impl IntoAll for (StatusCode, Value, Option<String>) {
    fn into_all(self) -> (StatusCode, Vec<Value>) {
        assert!(self.2.is_none(), "everything on one page");
        (self.0, self.1.as_array().unwrap().clone())
    }
}

/// A worker on the app's database that sends `concurrency` at once to `sink`.
fn worker_for(app: &TestApp, sink: &SmtpSink, concurrency: usize) -> Worker {
    let settings = MailSettings {
        smtp_url: Some(secrecy::SecretString::from(sink.url())),
        send_concurrency: concurrency,
        stop_timeout: Duration::from_secs(10),
        poll_interval: Duration::from_secs(1),
        ..app.state.mail.settings.clone()
    };
    let transport =
        tapballot::mail::transport::Transport::from_settings(&settings).expect("transport");
    Worker::new(
        app.state.pool.clone(),
        app.state.clock.clone(),
        Arc::new(Mail::new(settings, app.state.mail.renderer.catalogue_arc())),
        transport,
        Arc::new(tapballot::service::notices::schedule),
        {
            let key = app.state.log.clone();
            Arc::new(move |conn, clock, email| {
                tapballot::service::notices::attachments(conn, &key, clock, email)
            })
        },
    )
}

/// Queues 2 invitations and 2 emails per reply of seven Member States.
async fn backlog(app: &TestApp) -> (String, usize) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    for iso3 in ["AUT", "BEL", "CAN", "DNK", "EGY", "FIN", "GHA"] {
        app.put_reply(&app.tsb.token, &id, iso3, all_yes()).await;
    }
    let n = app.outbox().len();
    assert_eq!(n, 2 + 7 * 2);
    (id, n)
}

async fn a_stopping_worker_finishes_its_sends_and_releases_the_rest(app: TestApp) {
    let (_, promised) = backlog(&app).await;
    // 400 ms per message, two at a time: about 3 s for the lot.
    let sink = SmtpSink::start_slow(400);
    let handle = worker_for(&app, &sink, 2).spawn();
    sink.wait_for(1, Duration::from_secs(30));
    let asked = Instant::now();
    tokio::task::spawn_blocking(move || handle.stop())
        .await
        .unwrap();
    assert!(
        asked.elapsed() < Duration::from_secs(8),
        "stopped within the stop timeout"
    );
    let sent_before = sink.messages().len();
    assert!(
        sent_before < promised,
        "it stopped before the end of the backlog"
    );
    let outbox = app.outbox();
    let recorded = outbox.iter().filter(|e| e.status == "sent").count();
    assert_eq!(
        recorded, sent_before,
        "every email sent was recorded as sent"
    );
    assert!(
        outbox
            .iter()
            .filter(|e| e.status != "sent")
            .all(|e| e.locked_until.is_none() && e.lease_token.is_none()),
        "what was not sent is free for the next worker at once"
    );
    // The next worker sends the rest, once each.
    let report = worker_for(&app, &sink, 4).run_due().unwrap();
    assert_eq!(report.sent, promised - sent_before);
    let received = sink.messages();
    assert_eq!(received.len(), promised);
    let ids: HashSet<String> = received.iter().map(|m| m.message_id()).collect();
    assert_eq!(ids.len(), promised, "no email went out twice");
}

async fn the_closing_summary_goes_ahead_of_a_backlog(app: TestApp) {
    let (_, promised) = backlog(&app).await;
    // A backlog of about 5 s at one message at a time.
    let sink = SmtpSink::start_slow(300);
    let handle = worker_for(&app, &sink, 1).spawn();
    sink.wait_for(1, Duration::from_secs(30));
    app.clock.set(instant("2024-08-21T22:00:05Z"));
    // The scheduler runs every second whatever the deliverer is doing.
    let started = Instant::now();
    let summary_queued = loop {
        if app.outbox().iter().any(|e| e.kind == "closing_summary") {
            break started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no summary queued"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let all = sink.wait_for(promised + 1, Duration::from_secs(60));
    tokio::task::spawn_blocking(move || handle.stop())
        .await
        .unwrap();
    assert!(
        summary_queued < Duration::from_secs(5),
        "{summary_queued:?}"
    );
    let order: Vec<String> = all.iter().map(|m| m.subject()).collect();
    let summary_at = order
        .iter()
        .position(|s| s.contains("TSB Circular 195") && s.to_lowercase().contains("closed"))
        .unwrap_or_else(|| panic!("summary sent: {order:#?}"));
    assert!(
        summary_at < promised - 2,
        "the summary went ahead of the backlog: {order:#?}"
    );
}

// --- PostgreSQL: a connection lost, a database that refuses connections ----

fn admin() -> Option<PgConnection> {
    let url = postgres_admin_url()?;
    Some(PgConnection::establish(&url).expect("admin connection"))
}

fn database_name(url: &str) -> String {
    url::Url::parse(url)
        .unwrap()
        .path()
        .trim_start_matches('/')
        .to_owned()
}

fn terminate_backends(admin: &mut PgConnection, name: &str) {
    diesel::sql_query(format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ))
    .execute(admin)
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
async fn a_lost_postgres_connection_is_unavailable_and_the_service_recovers() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let c = app.circular_195().await;
    let id = ConsultationId::from(c["id"].as_str().unwrap().to_owned());
    let name = database_name(&app.database_url);
    let state = app.state.clone();
    let err = tokio::task::spawn_blocking(move || {
        let mut conn = state.pool.get().unwrap();
        let user = tapballot::service::users::find_by_email(&mut conn, "tsb@itu.test").unwrap();
        let actor = tapballot::service::sign_in::actor_for_token(&mut conn, &user.id, 0).unwrap();
        let mut admin = admin().unwrap();
        // PostgreSQL stopping ends every session so.
        terminate_backends(&mut admin, &name);
        std::thread::sleep(Duration::from_millis(300));
        tapballot::service::replies::submit(
            &mut conn,
            &actor,
            state.clock.as_ref(),
            &state.mail,
            &id,
            &tapballot::domain::member_state::Iso3::normalize("CHE"),
            vec![tapballot::domain::reply::SubmittedResponse {
                draft: "X.1237".into(),
                position: "yes".into(),
                reasons: None,
                comments: None,
            }],
            tapballot::domain::entry::Claimed::default(),
        )
        .unwrap_err()
    })
    .await
    .unwrap();
    assert_eq!(
        err.code(),
        ErrorCode::Unavailable,
        "{err}: {:?}",
        std::error::Error::source(&err)
    );
    // The pool drops the dead connections and opens new ones.
    let (s, v) = app
        .put_reply(&app.che.token, c["id"].as_str().unwrap(), "CHE", all_yes())
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
async fn an_unreachable_database_is_503_with_retry_after_and_readyz_says_so_within_two_seconds() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let name = database_name(&app.database_url);
    let mut admin = admin().unwrap();
    let r = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(r.status(), StatusCode::OK);

    diesel::sql_query(format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false"))
        .execute(&mut admin)
        .unwrap();
    terminate_backends(&mut admin, &name);
    std::thread::sleep(Duration::from_millis(300));

    let asked = Instant::now();
    let (s, v) = app.call(Method::GET, "/readyz", None, None).await;
    assert!(
        asked.elapsed() < Duration::from_secs(4),
        "{:?}",
        asked.elapsed()
    );
    assert_error(
        (s, &v),
        StatusCode::SERVICE_UNAVAILABLE,
        "database_unavailable",
    );

    let r = app
        .request(
            Method::PUT,
            &format!("/api/v1/consultations/{id}/replies/CHE"),
            Some(&app.che.token),
            Some(&json!({"responses": all_yes()})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.headers().get("retry-after").is_some());
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "unavailable");

    diesel::sql_query(format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"))
        .execute(&mut admin)
        .unwrap();
    let r = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (s, _) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
}

// --- SQLite: a full disk --------------------------------------------------------

/// The value of a hidden input in a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in page: {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

/// A small tmpfs, unmounted when dropped; None (with a message) where it
/// cannot be mounted (not root, no mount namespace).
struct SmallDisk {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("disk");
        std::fs::create_dir(&path).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .output();
        match mounted {
            Ok(o) if o.status.success() => Some(SmallDisk { _dir: dir, path }),
            Ok(o) => {
                eprintln!(
                    "SKIPPED: cannot mount a tmpfs for the disk-full test: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: cannot run mount for the disk-full test: {e}");
                None
            }
        }
    }

    /// Writes a file until the disk is full.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path.join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 16 * 1024];
        while f.write_all(&chunk).is_ok() {}
        let _ignored_full = f.sync_all();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _unmounted = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_is_507_with_retry_after_loses_nothing_and_recovers() {
    let Some(disk) = SmallDisk::mount("16m") else {
        return;
    };
    let db = disk.path.join("tapballot.db");
    let url = format!("sqlite://{}", db.display());
    let app = spawn_app_with(Backend::Sqlite, |s| s.database_url = url.clone())
        .await
        .unwrap();
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    // A French focal point replies through the pages meanwhile.
    app.state
        .run(|conn, clock| {
            tapballot::service::users::add(
                conn,
                clock,
                tapballot::service::users::By::CommandLine,
                tapballot::service::users::NewUser {
                    email: "bel@admin.test".into(),
                    name: "Point focal".into(),
                    role: tapballot::auth::Role::Member,
                    member_state: Some("BEL".into()),
                    password: Some(PASSWORD.into()),
                    language: "fr".into(),
                },
            )
        })
        .await
        .unwrap();
    let web = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let page = web
        .get(format!("{}/sign-in", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = web
        .post(format!("{}/sign-in", app.base))
        .form(&[
            ("email", "bel@admin.test"),
            ("password", PASSWORD),
            ("csrf", &hidden(&page, "csrf")),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    let csrf = hidden(&r.text().await.unwrap(), "csrf");
    let filler = disk.fill();

    let members = [
        "AUT", "CAN", "DNK", "EGY", "FIN", "GHA", "HUN", "IND", "JPN",
    ];
    let mut acknowledged: Vec<(String, String)> = Vec::new();
    let (mut full, mut page_full) = (0, 0);
    for round in 0..12 {
        let position = if round % 2 == 0 { "yes" } else { "no" };
        for iso3 in members {
            let r = app
                .request(
                    Method::PUT,
                    &format!("/api/v1/consultations/{id}/replies/{iso3}"),
                    Some(&app.tsb.token),
                    Some(&json!({"responses": [{"draft": "X.1237", "position": position, "reasons": "r".repeat(2000)}]})),
                )
                .await;
            let status = r.status();
            let retry_after = r.headers().get("retry-after").is_some();
            let v: Value = r.json().await.unwrap();
            match status {
                StatusCode::OK => {
                    acknowledged.push((iso3.to_owned(), v["receipt"].as_str().unwrap().to_owned()))
                }
                StatusCode::INSUFFICIENT_STORAGE => {
                    assert_eq!(v["error"]["code"], "storage_full", "{v}");
                    assert!(retry_after, "507 says when to retry");
                    full += 1;
                }
                other => panic!("{other}: {v}"),
            }
        }
        let r = web
            .post(format!("{}/consultations/{id}/replies/BEL", app.base))
            .form(&[
                ("csrf", csrf.as_str()),
                ("position-0", position),
                ("reasons-0", &"p".repeat(3000)),
                ("action", "submit"),
            ])
            .send()
            .await
            .unwrap();
        match r.status() {
            StatusCode::OK => {}
            StatusCode::INSUFFICIENT_STORAGE => {
                assert!(r.headers().get("retry-after").is_some());
                let html = r.text().await.unwrap();
                assert!(html.contains("espace de stockage est plein"), "{html}");
                assert!(html.contains("lang=\"fr\""), "{html}");
                page_full += 1;
            }
            other => panic!("page: {other}: {}", r.text().await.unwrap()),
        }
        if full > 0 {
            let (s, v) = app.call(Method::GET, "/readyz", None, None).await;
            assert_error(
                (s, &v),
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
            );
            if page_full > 0 {
                break;
            }
        }
    }
    assert!(
        page_full > 0,
        "the full disk refused a reply made in the pages, in French"
    );
    assert!(full > 0, "the full disk refused some reply");

    std::fs::remove_file(filler).unwrap();
    let r = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (s, v) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // Every acknowledged reply is there, and the file is sound.
    for (iso3, receipt) in &acknowledged {
        let (_, reply) = app.get_reply(Some(&app.tsb.token), id, iso3).await;
        assert!(
            reply["revisions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["receipt"] == receipt.as_str()),
            "{iso3} {receipt}"
        );
    }
    let mut conn = tapballot::store::connect(&url).unwrap();
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    let check: Vec<Check> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .unwrap();
    assert_eq!(check[0].integrity_check, "ok");
}

/// A PostgreSQL database whose tables live on a small disk (a tablespace on
/// a tmpfs); dropped with its tablespace.
struct SmallPostgres {
    admin_url: String,
    name: String,
    space: String,
}

impl Drop for SmallPostgres {
    fn drop(&mut self) {
        if let Ok(mut c) = PgConnection::establish(&self.admin_url) {
            let _db = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ))
            .execute(&mut c);
            let _space = diesel::sql_query(format!("DROP TABLESPACE IF EXISTS \"{}\"", self.space))
                .execute(&mut c);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
async fn a_full_postgres_disk_is_507_and_loses_nothing() {
    let Some(admin_url) = postgres_admin_url() else {
        return;
    };
    let Some(disk) = SmallDisk::mount("48m") else {
        return;
    };
    // PostgreSQL's own user must reach and own the tablespace's folder.
    let reachable = [disk._dir.path(), disk.path.as_path()].iter().all(|p| {
        Command::new("chmod")
            .arg("755")
            .arg(p)
            .status()
            .is_ok_and(|s| s.success())
    }) && Command::new("chown")
        .args(["postgres:postgres"])
        .arg(&disk.path)
        .status()
        .is_ok_and(|s| s.success());
    if !reachable {
        eprintln!("SKIPPED: the small disk cannot be given to PostgreSQL's user");
        return;
    }
    let suffix = uuid::Uuid::new_v4().simple().to_string();
    let small = SmallPostgres {
        admin_url: admin_url.clone(),
        name: format!("tapballot_test_full_{suffix}"),
        space: format!("tapballot_full_{suffix}"),
    };
    let mut admin = admin().unwrap();
    if let Err(e) = diesel::sql_query(format!(
        "CREATE TABLESPACE \"{}\" LOCATION '{}'",
        small.space,
        disk.path.display()
    ))
    .execute(&mut admin)
    {
        eprintln!("SKIPPED: PostgreSQL cannot use the small disk: {e}");
        return;
    }
    diesel::sql_query(format!(
        "CREATE DATABASE \"{}\" TABLESPACE \"{}\"",
        small.name, small.space
    ))
    .execute(&mut admin)
    .unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&format!("/{}", small.name));
    let url = url.to_string();
    let app = spawn_app_with(Backend::Postgres, |s| s.database_url = url.clone())
        .await
        .unwrap();
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let filler = disk.fill();

    let members = [
        "AUT", "BEL", "CAN", "DNK", "EGY", "FIN", "GHA", "HUN", "IND", "JPN",
    ];
    let mut acknowledged: Vec<(String, String)> = Vec::new();
    let mut full = 0;
    'rounds: for round in 0..40 {
        for iso3 in members {
            let position = if round % 2 == 0 { "yes" } else { "no" };
            let r = app
                .request(
                    Method::PUT,
                    &format!("/api/v1/consultations/{id}/replies/{iso3}"),
                    Some(&app.tsb.token),
                    Some(&json!({"responses": [{"draft": "X.1237", "position": position, "reasons": "r".repeat(4000)}]})),
                )
                .await;
            let status = r.status();
            let retry_after = r.headers().get("retry-after").is_some();
            let v: Value = r.json().await.unwrap();
            match status {
                StatusCode::OK => {
                    acknowledged.push((iso3.to_owned(), v["receipt"].as_str().unwrap().to_owned()))
                }
                StatusCode::INSUFFICIENT_STORAGE => {
                    assert_eq!(v["error"]["code"], "storage_full", "{v}");
                    assert!(retry_after);
                    full += 1;
                    break 'rounds;
                }
                other => panic!("{other}: {v}"),
            }
        }
    }
    assert!(full > 0, "the full disk refused a reply");
    std::fs::remove_file(filler).unwrap();
    let (s, v) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    for (iso3, receipt) in &acknowledged {
        let (_, reply) = app.get_reply(Some(&app.tsb.token), id, iso3).await;
        assert!(
            reply["revisions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["receipt"] == receipt.as_str()),
            "{iso3} {receipt}"
        );
    }
    drop(app);
}

#[test]
fn a_failed_connection_reports_the_databases_own_reason() {
    // Nothing listens on port 1: libpq says so, and so must the error.
    let Err(e) = tapballot::store::connect("postgres://tapballot@127.0.0.1:1/none") else {
        panic!("connected to nothing");
    };
    let text = e.to_string();
    assert!(
        text.contains("Connection refused") || text.contains("connection refused"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("multiconnection"), "{text}");
    let Err(e) = tapballot::store::connect("sqlite:///nonexistent-folder/x/tapballot.db") else {
        panic!("opened a file in a folder that does not exist");
    };
    assert!(
        e.to_string().contains("unable to open database file"),
        "{e}"
    );
}
