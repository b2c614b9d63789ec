//! The pieces of the fault suite: the service as a separate process (so it
//! can be killed), a database per scenario, an SMTP server, a load of
//! replies, and the count of what was acknowledged, found, lost and sent.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::StatusCode;
use serde_json::{json, Value};

pub const PASSWORD: &str = "fault suite password";
pub const SECRET: &str = "fault-suite-secret-fault-suite-secret-0123";

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tapballot"))
}

fn example(name: &str) -> PathBuf {
    let path = binary()
        .parent()
        .expect("target dir")
        .join("examples")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: run `cargo build --examples` first",
        path.display()
    );
    path
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TAPBALLOT_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A database for one scenario, removed afterwards.
pub struct Database {
    pub url: String,
    pub dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl Database {
    pub fn new(backend: Backend) -> Database {
        Self::in_dir(backend, tempfile::tempdir().expect("temp dir"), None)
    }

    /// A SQLite file at `path` (e.g. on a small disk).
    pub fn sqlite_at(path: &Path) -> Database {
        Database {
            url: format!("sqlite://{}", path.display()),
            dir: tempfile::tempdir().expect("temp dir"),
            pg: None,
        }
    }

    fn in_dir(backend: Backend, dir: tempfile::TempDir, _: Option<()>) -> Database {
        match backend {
            Backend::Sqlite => Database {
                url: format!("sqlite://{}", dir.path().join("tapballot.db").display()),
                dir,
                pg: None,
            },
            Backend::Postgres => {
                let admin_url = postgres_admin_url().expect("TAPBALLOT_TEST_POSTGRES_URL");
                tapballot::store::init_openssl();
                let name = format!("tapballot_faults_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::establish(&admin_url).expect("admin connection");
                diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut admin)
                    .expect("create database");
                let mut url = url::Url::parse(&admin_url).expect("URL");
                url.set_path(&format!("/{name}"));
                Database {
                    url: url.to_string(),
                    dir,
                    pg: Some((admin_url, name)),
                }
            }
        }
    }

    /// Runs `tapballot ARGS` on this database, with `stdin`.
    pub fn cli(&self, args: &[&str], stdin: &str) {
        use std::io::Write;
        let mut child = Command::new(binary())
            .args(args)
            .env("TAPBALLOT_DATABASE_URL", &self.url)
            .env("TAPBALLOT_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("tapballot runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("stdin written");
        assert!(child.wait().expect("exit").success(), "tapballot {args:?}");
    }

    pub fn connect(&self) -> tapballot::store::DbConnection {
        tapballot::store::connect(&self.url).expect("connect")
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.pg {
            if let Ok(mut c) = PgConnection::establish(admin_url) {
                let _dropped =
                    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut c);
            }
        }
    }
}

/// The SMTP server of the tests (`examples/smtp_sink.rs`) in a process.
pub struct Sink {
    pub port: u16,
    pub dir: tempfile::TempDir,
    delay_ms: u64,
    child: Option<Child>,
}

impl Sink {
    pub fn start(delay_ms: u64) -> Sink {
        let mut s = Sink {
            port: free_port(),
            dir: tempfile::tempdir().expect("sink dir"),
            delay_ms,
            child: None,
        };
        s.resume();
        s
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn resume(&mut self) {
        let child = Command::new(example("smtp_sink"))
            .arg(format!("127.0.0.1:{}", self.port))
            .arg(self.dir.path())
            .env("SMTP_SINK_DELAY_MS", self.delay_ms.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("smtp_sink starts");
        self.child = Some(child);
        wait_for_port(self.port);
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _killed = c.kill();
            let _reaped = c.wait();
        }
    }

    /// Every message received: its Message-ID, subject line, and when.
    pub fn received(&self) -> Vec<(String, String, SystemTime)> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .flatten()
        {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let Ok(v) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let data = v["data"].as_str().unwrap_or_default();
            let Some(m) = mail_parser::MessageParser::default().parse(data.as_bytes()) else {
                continue;
            };
            let (id, subject) = (
                m.message_id().unwrap_or_default().to_owned(),
                m.subject().unwrap_or_default().to_owned(),
            );
            let when = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::now());
            out.push((format!("<{id}>"), subject, when));
        }
        out
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
    }
}

fn wait_for_port(port: u16) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "nothing listens on {port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `tapballot serve` in a process of its own.
pub struct Service {
    pub base: String,
    env: Vec<(String, String)>,
    child: Option<Child>,
    log: PathBuf,
}

impl Service {
    pub fn start(db: &Database, smtp: Option<&Sink>, extra: &[(&str, &str)]) -> Service {
        let port = free_port();
        let mut env: Vec<(String, String)> = vec![
            ("TAPBALLOT_DATABASE_URL".into(), db.url.clone()),
            ("TAPBALLOT_BIND".into(), format!("127.0.0.1:{port}")),
            ("TAPBALLOT_JWT_SECRET".into(), SECRET.into()),
            ("TAPBALLOT_LOG".into(), "warn".into()),
            ("TAPBALLOT_MAIL_POLL_SECONDS".into(), "1".into()),
            ("TAPBALLOT_TSB_COPY_TO".into(), "tsb-copy@itu.test".into()),
            ("TAPBALLOT_POOL_SIZE".into(), "16".into()),
            // A killed worker's emails go out again after this (120 s by default).
            ("TAPBALLOT_MAIL_LEASE_SECONDS".into(), "10".into()),
            (
                "TAPBALLOT_MAIL_DIR".into(),
                db.dir.path().join("mail").display().to_string(),
            ),
        ];
        if let Some(s) = smtp {
            env.push(("TAPBALLOT_SMTP_URL".into(), s.url()));
        }
        for (k, v) in extra {
            env.retain(|(key, _)| key != k);
            env.push(((*k).into(), (*v).into()));
        }
        let log = db.dir.path().join(format!("serve-{port}.log"));
        let mut s = Service {
            base: format!("http://127.0.0.1:{port}"),
            env,
            child: None,
            log,
        };
        s.restart();
        s
    }

    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "already running");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("log file");
        let child = Command::new(binary())
            .arg("serve")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("tapballot serve");
        self.child = Some(child);
        let started = Instant::now();
        loop {
            if let Ok(r) = reqwest::blocking::get(format!("{}/readyz", self.base)) {
                if r.status() == StatusCode::OK {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the service did not become ready: {}",
                self.log_tail()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _killed = c.kill();
            let _reaped = c.wait();
        }
    }

    /// SIGTERM, then how long the process took to exit.
    pub fn terminate(&mut self, limit: Duration) -> Duration {
        let mut c = self.child.take().expect("running");
        let asked = Instant::now();
        let sent = Command::new("kill")
            .args(["-TERM", &c.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        loop {
            if c.try_wait().expect("wait").is_some() {
                return asked.elapsed();
            }
            if asked.elapsed() > limit {
                let _killed = c.kill();
                let _reaped = c.wait();
                return asked.elapsed();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// Lines of the log with "internal error" or a panic: a 500 behind the scenes.
    pub fn internal_errors(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("internal error") || l.contains("panicked"))
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// Adds TSB's user to a fresh database.
pub fn setup_users(db: &Database) {
    db.cli(&["migrate"], "");
    db.cli(
        &[
            "user",
            "add",
            "--email",
            "tsb@itu.test",
            "--name",
            "TSB",
            "--role",
            "tsb",
        ],
        &format!("{PASSWORD}\n"),
    );
}

pub async fn token(client: &reqwest::Client, base: &str) -> String {
    let r = client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({"email": "tsb@itu.test", "password": PASSWORD}))
        .send()
        .await
        .expect("token request");
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.expect("json");
    v["access_token"].as_str().expect("token").to_owned()
}

/// A consultation of two drafts closing at `closes_at` (Geneva time, to the second).
pub async fn consultation(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    closes_at: DateTime<Utc>,
) -> (String, DateTime<Utc>) {
    let local = closes_at
        .with_timezone(&chrono_tz::Europe::Zurich)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let r = client
        .post(format!("{base}/api/v1/consultations"))
        .bearer_auth(token)
        .json(&json!({
            "reference": format!("TSB Circular F-{}", uuid::Uuid::new_v4().simple()),
            "study_group": "SG17",
            "title": "Fault suite",
            "deadline": local,
            "time_zone": "Europe/Zurich",
            "drafts": [
                {"number": "X.1", "provisional_name": "X.one", "title": "One"},
                {"number": "X.2", "provisional_name": "X.two", "title": "Two"},
            ],
        }))
        .send()
        .await
        .expect("create");
    assert_eq!(r.status(), StatusCode::CREATED, "consultation created");
    let v: Value = r.json().await.expect("json");
    let closes: DateTime<Utc> = v["closes_at"]
        .as_str()
        .expect("closes_at")
        .parse()
        .expect("time");
    (v["id"].as_str().expect("id").to_owned(), closes)
}

pub async fn member_states(client: &reqwest::Client, base: &str, token: &str) -> Vec<String> {
    let v: Value = client
        .get(format!("{base}/api/v1/member-states"))
        .bearer_auth(token)
        .send()
        .await
        .expect("member states")
        .json()
        .await
        .expect("json");
    v.as_array()
        .expect("list")
        .iter()
        .map(|m| m["iso3"].as_str().expect("iso3").to_owned())
        .collect()
}

/// A reply the service acknowledged (200).
#[derive(Debug, Clone)]
pub struct Ack {
    pub iso3: String,
    pub revision: i64,
    pub receipt: String,
    pub received_at: DateTime<Utc>,
}

/// What a load saw.
#[derive(Debug, Default)]
pub struct Seen {
    pub acks: Vec<Ack>,
    pub status_5xx: BTreeMap<u16, usize>,
    /// 409 consultation_closed.
    pub closed: usize,
    /// No answer (the process was down).
    pub no_answer: usize,
    pub other: BTreeMap<u16, usize>,
}

impl Seen {
    pub fn count_5xx(&self) -> usize {
        self.status_5xx.values().sum()
    }
    pub fn count_500(&self) -> usize {
        self.status_5xx.get(&500).copied().unwrap_or(0)
    }
}

/// Writers that each revise the replies of their Member States, against
/// the services in turn, until `stop` is raised.
pub struct Load {
    pub bases: Vec<String>,
    pub token: String,
    pub consultation: String,
    /// One list of Member States per writer (several writers may share one).
    pub writers: Vec<Vec<String>>,
}

impl Load {
    pub async fn run(self, stop: Arc<AtomicBool>) -> Seen {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let mut tasks = Vec::new();
        for (w, members) in self.writers.into_iter().enumerate() {
            let (client, seen, stop) = (client.clone(), seen.clone(), stop.clone());
            let (bases, token, id) = (
                self.bases.clone(),
                self.token.clone(),
                self.consultation.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let mut n: usize = w;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let iso3 = &members[n % members.len()];
                    let base = &bases[n % bases.len()];
                    let position = if (n / members.len()).is_multiple_of(2) { "yes" } else { "no" };
                    let body = json!({"responses": [
                        {"draft": "X.1", "position": position, "reasons": format!("writer {w}, request {n}")},
                        {"draft": "X.2", "position": "yes"},
                    ]});
                    let r = client
                        .put(format!("{base}/api/v1/consultations/{id}/replies/{iso3}"))
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await;
                    let Ok(r) = r else {
                        seen.lock().expect("seen").no_answer += 1;
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    };
                    let status = r.status();
                    let v: Value = r.json().await.unwrap_or(Value::Null);
                    let mut s = seen.lock().expect("seen");
                    match status.as_u16() {
                        200 => s.acks.push(Ack {
                            iso3: iso3.clone(),
                            revision: v["revision"].as_i64().expect("revision"),
                            receipt: v["receipt"].as_str().expect("receipt").to_owned(),
                            received_at: v["received_at"]
                                .as_str()
                                .expect("received_at")
                                .parse()
                                .expect("time"),
                        }),
                        409 if v["error"]["code"] == "consultation_closed" => s.closed += 1,
                        code @ 500..=599 => *s.status_5xx.entry(code).or_default() += 1,
                        code => *s.other.entry(code).or_default() += 1,
                    }
                }
            }));
        }
        for t in tasks {
            t.await.expect("writer");
        }
        Arc::try_unwrap(seen)
            .expect("writers done")
            .into_inner()
            .expect("seen")
    }
}

/// One stored revision.
#[derive(Debug, Clone, Queryable)]
pub struct Stored {
    pub member_state: String,
    pub revision: i32,
    pub receipt: String,
    pub received_at: chrono::NaiveDateTime,
}

pub fn stored_revisions(db: &Database, consultation: &str) -> Vec<Stored> {
    use tapballot::store::schema::reply_revisions as r;
    let mut conn = db.connect();
    r::table
        .filter(r::consultation_id.eq(consultation))
        .order((r::member_state, r::revision))
        .select((r::member_state, r::revision, r::receipt, r::received_at))
        .load::<Stored>(&mut conn)
        .expect("revisions")
}

/// Replies: acknowledged, found, lost, and stored revisions out of order.
pub struct ReplyCount {
    pub acknowledged: usize,
    pub found: usize,
    pub lost: Vec<Ack>,
    pub duplicated: usize,
    pub out_of_order: usize,
    /// What `tapballot log verify` said of the database, when it failed:
    /// the verifiable log must hold whatever the fault.
    pub log_differences: Option<String>,
}

/// Runs `tapballot log verify` on the database: None when the log and the
/// rows agree, else its report.
pub fn log_differences(db: &Database) -> Option<String> {
    let out = std::process::Command::new(binary())
        .args(["log", "verify"])
        .env("TAPBALLOT_DATABASE_URL", &db.url)
        .env("TAPBALLOT_LOG", "warn")
        .output()
        .expect("tapballot log verify runs");
    if out.status.success() {
        None
    } else {
        Some(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

pub fn count_replies(db: &Database, consultation: &str, seen: &Seen) -> ReplyCount {
    let stored = stored_revisions(db, consultation);
    let by_key: HashMap<(&str, i64), &Stored> = stored
        .iter()
        .map(|s| ((s.member_state.as_str(), i64::from(s.revision)), s))
        .collect();
    let mut receipts: HashMap<&str, usize> = HashMap::new();
    for s in &stored {
        *receipts.entry(s.receipt.as_str()).or_default() += 1;
    }
    let duplicated = receipts.values().filter(|n| **n > 1).count();
    let mut lost = Vec::new();
    let mut found = 0;
    for a in &seen.acks {
        match by_key.get(&(a.iso3.as_str(), a.revision)) {
            Some(s) if s.receipt == a.receipt && s.received_at.and_utc() == a.received_at => {
                found += 1
            }
            _ => lost.push(a.clone()),
        }
    }
    // Revisions of one Member State: numbered 1, 2, 3… and in time order.
    let mut out_of_order = 0;
    for w in stored.windows(2) {
        if w[0].member_state == w[1].member_state
            && (w[1].revision != w[0].revision + 1 || w[1].received_at < w[0].received_at)
        {
            out_of_order += 1;
        }
    }
    ReplyCount {
        acknowledged: seen.acks.len(),
        found,
        lost,
        duplicated,
        out_of_order,
        log_differences: log_differences(db),
    }
}

/// Waits until the outbox has nothing left to send, then compares it with
/// what the SMTP server received.
pub struct EmailCount {
    pub promised: usize,
    pub received: usize,
    pub lost: usize,
    pub duplicated: usize,
}

pub fn settle_emails(db: &Database, sink: &Sink, limit: Duration) -> EmailCount {
    use tapballot::store::schema::emails as e;
    let started = Instant::now();
    loop {
        let pending: i64 = {
            let mut conn = db.connect();
            e::table
                .filter(e::status.eq("queued").or(e::status.eq("failing")))
                .count()
                .get_result(&mut conn)
                .expect("count")
        };
        if pending == 0 || started.elapsed() > limit {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let promised: Vec<String> = {
        let mut conn = db.connect();
        e::table
            .select(e::message_id)
            .load(&mut conn)
            .expect("emails")
    };
    let received = sink.received();
    let mut times: HashMap<&str, usize> = HashMap::new();
    for (id, _, _) in &received {
        *times.entry(id.as_str()).or_default() += 1;
    }
    let got: HashSet<&str> = times.keys().copied().collect();
    EmailCount {
        promised: promised.len(),
        received: received.len(),
        lost: promised
            .iter()
            .filter(|m| !got.contains(m.as_str()))
            .count(),
        duplicated: times.values().map(|n| n - 1).sum(),
    }
}

/// Prints the line of a scenario and fails it on any loss (and on what
/// `allow` does not allow).
pub struct Verdict<'a> {
    pub scenario: &'a str,
    pub replies: ReplyCount,
    pub seen: &'a Seen,
    pub emails: Option<EmailCount>,
    /// Duplicate emails are possible only when a process was killed.
    pub crashed: bool,
    /// 503/507 are the right answers while the database itself is away.
    pub faults_expected: bool,
    pub internal_errors: Vec<String>,
}

impl Verdict<'_> {
    pub fn check(self) {
        let r = &self.replies;
        let (promised, received, elost, edup) = self
            .emails
            .as_ref()
            .map(|e| (e.promised, e.received, e.lost, e.duplicated))
            .unwrap_or_default();
        println!(
            "{:<28} acknowledged={} found={} lost={} duplicated={} out_of_order={} 5xx={:?} closed={} no_answer={} other={:?} | emails promised={} received={} lost={} duplicated={}",
            self.scenario, r.acknowledged, r.found, r.lost.len(), r.duplicated, r.out_of_order,
            self.seen.status_5xx, self.seen.closed, self.seen.no_answer, self.seen.other,
            promised, received, elost, edup
        );
        assert!(
            r.acknowledged > 0,
            "{}: the load was acknowledged at all",
            self.scenario
        );
        assert!(
            r.lost.is_empty(),
            "{}: acknowledged replies lost: {:?}",
            self.scenario,
            r.lost
        );
        assert_eq!(r.duplicated, 0, "{}: a receipt stored twice", self.scenario);
        assert_eq!(
            r.out_of_order, 0,
            "{}: revisions out of number or time order",
            self.scenario
        );
        assert_eq!(
            r.log_differences, None,
            "{}: the verifiable log does not hold",
            self.scenario
        );
        assert_eq!(self.seen.count_500(), 0, "{}: 500 answered", self.scenario);
        assert!(
            self.internal_errors.is_empty(),
            "{}: internal errors logged: {:?}",
            self.scenario,
            self.internal_errors
        );
        if !self.faults_expected {
            assert_eq!(self.seen.count_5xx(), 0, "{}: 5xx answered", self.scenario);
        }
        assert!(
            self.seen.other.is_empty(),
            "{}: unexpected answers {:?}",
            self.scenario,
            self.seen.other
        );
        if self.emails.is_some() {
            assert_eq!(elost, 0, "{}: promised emails never sent", self.scenario);
            if !self.crashed {
                assert_eq!(
                    edup, 0,
                    "{}: an email sent twice without a crash",
                    self.scenario
                );
            }
        }
    }
}
