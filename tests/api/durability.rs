//! The real binary, killed with SIGKILL while replies are being committed (on
//! SQLite, in the writer's groups): every reply it acknowledged is on disk
//! with its confirmation queued and its audit event, and no revision is half
//! written. Then a second process writes beside a running server.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use rand::Rng;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::mail::{add_user_with_cli, serve};
use crate::smtp::free_port;

/// A reply the server answered 200: what the client holds as proof.
#[derive(Debug, Clone)]
struct Acknowledged {
    iso3: String,
    revision: i64,
    receipt: String,
}

fn random_responses() -> Value {
    let mut rng = rand::rng();
    Value::Array(
        DRAFTS_195
            .iter()
            .map(|(n, _)| {
                let yes = rng.random_ratio(1, 2);
                json!({"draft": n, "position": if yes { "yes" } else { "no" },
                       "reasons": if yes { Value::Null } else { json!(format!("reason {}", rng.random::<u32>())) }})
            })
            .collect(),
    )
}

/// Circular 195 as TSB creates it, open until 2099; returns its id.
pub(crate) async fn create_consultation(
    client: &reqwest::Client,
    base: &str,
    token: &str,
) -> String {
    let mut body = without_meeting(circular_195_body());
    body["deadline"] = json!("2099-12-31T23:59");
    let r = client
        .post(format!("{base}/api/v1/consultations"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The first `n` Member States, each given a focal point (so that each
/// reply confirms to two addresses).
async fn replying_member_states(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    url: &str,
    n: usize,
) -> Vec<String> {
    let pool: Vec<String> = member_states(client, base, token)
        .await
        .into_iter()
        .take(n)
        .collect();
    for iso3 in &pool {
        add_user_with_cli(
            url,
            &format!("{}@admin.test", iso3.to_lowercase()),
            "member",
            Some(iso3),
        );
    }
    pool
}

async fn member_states(client: &reqwest::Client, base: &str, token: &str) -> Vec<String> {
    let r = client
        .get(format!("{base}/api/v1/member-states"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    let list = v.get("items").unwrap_or(&v).as_array().unwrap().clone();
    list.iter()
        .map(|m| m["iso3"].as_str().unwrap().to_owned())
        .collect()
}

/// What one client got: the replies acknowledged, and the answers that were
/// neither 200 nor a broken connection (there should be none).
type Outcome = (Vec<Acknowledged>, Vec<u16>);

/// `clients` loops of replies by TSB for Member States drawn from `pool`
/// (few, so that revisions of one Member State meet in one group), until
/// `stop` or the server is gone.
fn load(
    base: &str,
    token: &str,
    consultation: &str,
    pool: &[String],
    clients: usize,
    stop: Arc<std::sync::atomic::AtomicBool>,
    acks: Arc<std::sync::atomic::AtomicUsize>,
) -> Vec<tokio::task::JoinHandle<Outcome>> {
    (0..clients)
        .map(|_| {
            let (base, token, consultation, pool, stop, acks) = (
                base.to_owned(),
                token.to_owned(),
                consultation.to_owned(),
                pool.to_vec(),
                stop.clone(),
                acks.clone(),
            );
            tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(20))
                    .build()
                    .unwrap();
                let mut acked = Vec::new();
                let mut refused = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let iso3 = pool[rand::rng().random_range(0..pool.len())].clone();
                    let sent = client
                        .put(format!(
                            "{base}/api/v1/consultations/{consultation}/replies/{iso3}"
                        ))
                        .bearer_auth(&token)
                        .json(&json!({"responses": random_responses()}))
                        .send()
                        .await;
                    // Once the server is killed, requests in flight fail: they
                    // were never acknowledged, so nothing is owed for them.
                    let Ok(r) = sent else { break };
                    if r.status() != StatusCode::OK {
                        refused.push(r.status().as_u16());
                        continue;
                    }
                    let Ok(v) = r.json::<Value>().await else {
                        break;
                    };
                    if v["changed"] == json!(true) {
                        acks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        acked.push(Acknowledged {
                            iso3,
                            revision: v["revision"].as_i64().unwrap(),
                            receipt: v["receipt"].as_str().unwrap().to_owned(),
                        });
                    }
                }
                (acked, refused)
            })
        })
        .collect()
}

/// Waits until the load has had `n` replies acknowledged: a count, not a
/// time, so that a slow or busy machine only makes the test longer.
async fn wait_for_acks(acks: &std::sync::atomic::AtomicUsize, n: usize) {
    let started = std::time::Instant::now();
    while acks.load(std::sync::atomic::Ordering::Relaxed) < n {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the load got fewer than {n} replies acknowledged in two minutes"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn outcomes(tasks: Vec<tokio::task::JoinHandle<Outcome>>) -> Outcome {
    let mut all: Outcome = (Vec::new(), Vec::new());
    for t in tasks {
        let (acked, refused) = t.await.unwrap();
        all.0.extend(acked);
        all.1.extend(refused);
    }
    all
}

/// What the database holds of one consultation's replies, checked whole:
/// revisions contiguous from 1, the slot's current revision the last one,
/// every revision with all its responses, one confirmation per recipient
/// and its audit event. Returns each revision's receipt by (iso3, revision).
fn stored_replies(url: &str, consultation: &str) -> BTreeMap<(String, i64), String> {
    let mut conn = tapballot::store::connect(url).expect("connect");
    let emails = tapballot::store::emails::list(&mut conn, &Default::default(), None, 1_000_000)
        .expect("outbox");
    let mut confirmations: HashMap<String, usize> = HashMap::new();
    for e in emails.iter().filter(|e| e.kind == "reply_confirmation") {
        let context: Value = serde_json::from_str(e.context.as_deref().unwrap()).unwrap();
        *confirmations
            .entry(context["receipt"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let audit = tapballot::store::audit::list(
        &mut conn,
        Some(&format!("consultation/{consultation}")),
        None,
        1_000_000,
    )
    .expect("audit");
    let audited: Vec<&str> = audit.iter().map(|a| a.detail.as_str()).collect();
    let mut stored = BTreeMap::new();
    for (cid, iso3) in tapballot::store::replies::replied_member_states(&mut conn).unwrap() {
        if cid != consultation {
            continue;
        }
        let revisions = tapballot::store::replies::revisions(&mut conn, &cid, &iso3).unwrap();
        let slot = tapballot::store::replies::find_slot(&mut conn, &cid, &iso3)
            .unwrap()
            .unwrap();
        assert_eq!(
            slot.current_revision as usize,
            revisions.len(),
            "{iso3}: the current revision is the last one stored"
        );
        for (i, rev) in revisions.iter().enumerate() {
            assert_eq!(rev.revision as usize, i + 1, "{iso3}: revisions contiguous");
            let responses =
                tapballot::store::replies::responses_of_revision(&mut conn, &rev.id).unwrap();
            assert_eq!(
                responses.len(),
                DRAFTS_195.len(),
                "{iso3} revision {}: every response stored",
                rev.revision
            );
            // The submitter (TSB) and the Member State's focal point.
            assert_eq!(
                confirmations.get(&rev.receipt).copied().unwrap_or(0),
                2,
                "{iso3} revision {}: its confirmations queued",
                rev.revision
            );
            assert!(
                audited
                    .iter()
                    .any(|d| d.contains(&format!("receipt {}", rev.receipt))),
                "{iso3} revision {}: its audit event",
                rev.revision
            );
            stored.insert((iso3.clone(), i64::from(rev.revision)), rev.receipt.clone());
        }
    }
    stored
}

async fn acknowledged_replies_survive_sigkill_during_groups(backend: Backend) {
    let Some((url, _db)) = new_database(backend) else {
        return;
    };
    add_user_with_cli(&url, "tsb@itu.test", "tsb", None);
    let port = free_port();
    let server = serve(&url, port, &[("TAPBALLOT_EMBEDDED_WORKER", "false")]);
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let tsb = login(&client, &base, "tsb@itu.test", PASSWORD).await;
    let consultation = create_consultation(&client, &base, &tsb).await;
    let pool = replying_member_states(&client, &base, &tsb, &url, 12).await;

    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let acks = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let tasks = load(
        &base,
        &tsb,
        &consultation,
        &pool,
        32,
        stop.clone(),
        acks.clone(),
    );
    // Killed in the middle of the load, with requests in flight, once
    // enough were acknowledged (however slow the machine is).
    wait_for_acks(&acks, 40).await;
    drop(server); // SIGKILL
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (acked, refused) = outcomes(tasks).await;
    assert_eq!(
        refused,
        Vec::<u16>::new(),
        "no reply refused before the kill"
    );
    assert!(
        acked.len() >= 20,
        "the load got only {} replies acknowledged before the kill",
        acked.len()
    );

    let stored = stored_replies(&url, &consultation);
    for a in &acked {
        assert_eq!(
            stored.get(&(a.iso3.clone(), a.revision)),
            Some(&a.receipt),
            "acknowledged {a:?} is stored as acknowledged"
        );
    }
    eprintln!(
        "{} acknowledged, {} stored (the rest were committed but not yet answered)",
        acked.len(),
        stored.len()
    );

    // The next life carries on from what is stored.
    let port = free_port();
    let _server = serve(&url, port, &[("TAPBALLOT_EMBEDDED_WORKER", "false")]);
    let base = format!("http://127.0.0.1:{port}");
    let tsb = login(&client, &base, "tsb@itu.test", PASSWORD).await;
    let iso3 = &pool[0];
    let last = stored
        .keys()
        .filter(|(s, _)| s == iso3)
        .map(|(_, r)| *r)
        .max()
        .unwrap_or(0);
    let r = client
        .put(format!(
            "{base}/api/v1/consultations/{consultation}/replies/{iso3}"
        ))
        .bearer_auth(&tsb)
        .json(&json!({"responses": random_responses()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["revision"], json!(last + 1), "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_replies_survive_sigkill_during_groups_sqlite() {
    acknowledged_replies_survive_sigkill_during_groups(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
async fn acknowledged_replies_survive_sigkill_during_groups_postgres() {
    acknowledged_replies_survive_sigkill_during_groups(Backend::Postgres).await;
}

/// Two processes on one database: a server taking replies (on SQLite, in
/// its writer's groups) and a second server beside it. Revisions stay
/// contiguous with one current reply, and everything either acknowledged is
/// stored.
async fn two_processes_write_one_database(backend: Backend) {
    let Some((url, _db)) = new_database(backend) else {
        return;
    };
    add_user_with_cli(&url, "tsb@itu.test", "tsb", None);
    let ports = [free_port(), free_port()];
    let _servers: Vec<_> = ports
        .iter()
        .map(|p| serve(&url, *p, &[("TAPBALLOT_EMBEDDED_WORKER", "false")]))
        .collect();
    let bases: Vec<String> = ports
        .iter()
        .map(|p| format!("http://127.0.0.1:{p}"))
        .collect();
    let client = reqwest::Client::new();
    let tsb = login(&client, &bases[0], "tsb@itu.test", PASSWORD).await;
    let consultation = create_consultation(&client, &bases[0], &tsb).await;
    // Few Member States, so both processes revise the same replies.
    let pool = replying_member_states(&client, &bases[0], &tsb, &url, 4).await;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let acks = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for base in &bases {
        tasks.extend(load(
            base,
            &tsb,
            &consultation,
            &pool,
            8,
            stop.clone(),
            acks.clone(),
        ));
    }
    wait_for_acks(&acks, 40).await;
    // A little more, so that both processes keep writing together.
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (acked, refused) = outcomes(tasks).await;
    // The second process waits for the database's lock (bounded), never 503.
    assert_eq!(refused, Vec::<u16>::new(), "no reply refused");
    assert!(
        acked.len() >= 20,
        "only {} replies acknowledged",
        acked.len()
    );
    let stored = stored_replies(&url, &consultation);
    assert_eq!(
        stored.len(),
        acked.len(),
        "every stored revision was acknowledged to one client"
    );
    for a in &acked {
        assert_eq!(
            stored.get(&(a.iso3.clone(), a.revision)),
            Some(&a.receipt),
            "{a:?}"
        );
    }
    // One log, no fork: each process appended under the log's lock, every
    // checkpoint signs the root of the tree recomputed from the entries up
    // to it (so each is consistent with the next), and every revision is in.
    let (ok, out) = crate::log::cli(&url, &["log", "verify"]);
    assert!(ok, "{out}");
    let key = reqwest::get(format!("{}/api/v1/log/key", bases[1]))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut previous: Option<tapballot::tlog::VerifiedCheckpoint> = None;
    for base in bases.iter().cycle().take(4) {
        let note = reqwest::get(format!("{base}/api/v1/log/checkpoint"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let c = tapballot::tlog::verify_checkpoint(&note, key.trim()).expect("both sign alike");
        if let Some(p) = &previous {
            assert_eq!(
                (p.tree_size, p.root),
                (c.tree_size, c.root),
                "both show one log"
            );
        }
        previous = Some(c);
    }
    assert_eq!(
        previous.map(|c| c.tree_size),
        Some(1 + stored.len() as u64),
        "the consultation and every revision"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_write_one_database_sqlite() {
    two_processes_write_one_database(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
async fn two_processes_write_one_database_postgres() {
    two_processes_write_one_database(Backend::Postgres).await;
}

/// On SQLite the reads run on read-only connections: a write there fails
/// (it would otherwise wait on the writer's lock), and nothing is changed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_reads_run_on_connections_that_refuse_writes() {
    use diesel::RunQueryDsl;
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let mut conn = app.state.reads.get().unwrap();
    let refused = diesel::sql_query("UPDATE member_states SET name_en = 'x'").execute(&mut *conn);
    let error = refused.expect_err("a read-only connection refuses the update");
    assert!(error.to_string().contains("readonly"), "{error}");
    let mut rw = app.state.pool.get().unwrap();
    let changed: i64 = diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
        "(SELECT COUNT(*) FROM member_states WHERE name_en = 'x')",
    ))
    .get_result(&mut *rw)
    .unwrap();
    assert_eq!(changed, 0);
    // And a page or endpoint that reads works on them.
    let (status, _) = app
        .call(
            reqwest::Method::GET,
            "/api/v1/member-states",
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}
