//! Test harness: every test gets its own application on port 0 and its own
//! database, a real SQLite file or a fresh PostgreSQL database.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::{Client, Method, Response, StatusCode};
use secrecy::SecretString;
use serde_json::{json, Value};
use tapballot::auth::Role;
use tapballot::clock::ManualClock;
use tapballot::config::Settings;
use tapballot::mail::worker::Worker;
use tapballot::mail::MailSettings;
use tapballot::service::users::{self, NewUser};
use tapballot::startup::Application;
use tapballot::state::AppState;

pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";
pub const PASSWORD: &str = "a long test password";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database made for one test and removed after it.
pub enum TestDb {
    /// The folder of the SQLite file, removed when dropped.
    Sqlite {
        _dir: tempfile::TempDir,
    },
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, name } = self {
            if let Ok(mut c) = PgConnection::establish(admin_url) {
                let _ =
                    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut c);
            }
        }
    }
}

pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TAPBALLOT_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A fresh database URL for the backend, or None (with a message) when the
/// PostgreSQL suite is not configured.
pub fn new_database(backend: Backend) -> Option<(String, TestDb)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("tapballot.db").display());
            Some((url, TestDb::Sqlite { _dir: dir }))
        }
        Backend::Postgres => {
            let Some(admin_url) = postgres_admin_url() else {
                eprintln!(
                    "SKIPPED: PostgreSQL test not run because TAPBALLOT_TEST_POSTGRES_URL is unset"
                );
                return None;
            };
            // Before libpq's first connection: see `store::init_openssl`.
            tapballot::store::init_openssl();
            let name = format!("tapballot_test_{}", uuid::Uuid::new_v4().simple());
            let mut admin = PgConnection::establish(&admin_url)
                .expect("connect to TAPBALLOT_TEST_POSTGRES_URL");
            diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                .execute(&mut admin)
                .expect("create test database");
            let mut url =
                url::Url::parse(&admin_url).expect("TAPBALLOT_TEST_POSTGRES_URL is a URL");
            url.set_path(&format!("/{name}"));
            Some((url.to_string(), TestDb::Postgres { admin_url, name }))
        }
    }
}

pub struct TestUser {
    pub id: String,
    pub email: String,
    pub token: String,
}

pub struct TestApp {
    pub base: String,
    pub client: Client,
    pub clock: Arc<ManualClock>,
    pub database_url: String,
    pub tsb: TestUser,
    /// Focal point of Switzerland.
    pub che: TestUser,
    /// Focal point of France.
    pub fra: TestUser,
    pub state: AppState,
    pub _mail_dir: tempfile::TempDir,
    pub _db: TestDb,
}

/// 1 August 2024, during the consultation of TSB Circular 195.
pub fn summer_2024() -> DateTime<Utc> {
    "2024-08-01T08:00:00Z".parse().expect("instant")
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// Like `spawn_app`, with a chance to change the settings first. The mail
/// worker does not run by itself: tests drive it with `worker().run_due()`.
pub async fn spawn_app_with(
    backend: Backend,
    adjust: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let (database_url, db) = new_database(backend)?;
    let clock = Arc::new(ManualClock::new(summer_2024()));
    let mail_dir = tempfile::tempdir().expect("mail dir");
    let mut settings = Settings {
        bind: "127.0.0.1:0".into(),
        jwt_secret: Some(SecretString::from(JWT_SECRET)),
        pool_size: 12,
        run_worker: false,
        mail: MailSettings {
            mail_dir: mail_dir.path().to_owned(),
            tsb_copy_to: Some("tsb-copy@itu.test".into()),
            public_url: "https://tapballot.test".into(),
            from: "ITU TSB tapballot <tapballot@itu.test>".into(),
            ..MailSettings::default()
        },
        ..Settings::new(database_url.clone())
    };
    adjust(&mut settings);
    let app = Application::build(&settings, clock.clone()).expect("application builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    tokio::spawn(app.run());

    let made = state
        .run(|conn, clock| {
            let mut out = Vec::new();
            for (email, role, ms) in [
                ("tsb@itu.test", Role::Tsb, None),
                ("che@admin.test", Role::Member, Some("CHE")),
                ("fra@admin.test", Role::Member, Some("FRA")),
            ] {
                let u = users::add(
                    conn,
                    clock,
                    users::By::CommandLine,
                    NewUser {
                        email: email.into(),
                        name: format!("User {email}"),
                        role,
                        member_state: ms.map(Into::into),
                        password: Some(PASSWORD.into()),
                        language: "en".into(),
                    },
                )?;
                out.push((u.id, u.email));
            }
            Ok(out)
        })
        .await
        .expect("test users");
    let client = Client::new();
    let mut users_out = Vec::new();
    for (id, email) in made {
        let token = login(&client, &base, &email, PASSWORD).await;
        users_out.push(TestUser { id, email, token });
    }
    let fra = users_out.pop().expect("fra");
    let che = users_out.pop().expect("che");
    let tsb = users_out.pop().expect("tsb");
    Some(TestApp {
        base,
        client,
        clock,
        database_url,
        tsb,
        che,
        fra,
        state,
        _mail_dir: mail_dir,
        _db: db,
    })
}

pub async fn login(client: &Client, base: &str, email: &str, password: &str) -> String {
    let r = client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::OK, "login of {email}");
    let body: Value = r.json().await.expect("json");
    body["access_token"].as_str().expect("token").to_owned()
}

impl TestApp {
    /// A mail worker on this application's database, clock and settings.
    pub fn worker(&self) -> Worker {
        tapballot::startup::worker(&self.state).expect("worker")
    }

    /// A mail worker that delivers to a real SMTP server.
    pub fn smtp_worker(&self, sink: &crate::smtp::SmtpSink) -> Worker {
        let settings = MailSettings {
            smtp_url: Some(SecretString::from(sink.url())),
            ..self.state.mail.settings.clone()
        };
        let transport =
            tapballot::mail::transport::Transport::from_settings(&settings).expect("transport");
        tapballot::startup::worker_with(&self.state, transport)
    }

    /// Every email in the outbox, oldest first, with its bodies as it goes
    /// out (rendered from its stored context, as the worker does).
    pub fn outbox(&self) -> Vec<tapballot::store::emails::EmailRow> {
        let mut conn = tapballot::store::connect(&self.database_url).expect("connect");
        let mut rows = tapballot::store::emails::list(&mut conn, &Default::default(), None, 10_000)
            .expect("outbox");
        rows.reverse();
        rows.into_iter()
            .map(|e| tapballot::mail::outbox::with_bodies(&self.state.mail, e).expect("render"))
            .collect()
    }

    /// Adds a user directly in the store.
    pub fn add_user(
        &self,
        email: &str,
        role: Role,
        member_state: Option<&str>,
        language: &str,
    ) -> String {
        let mut conn = tapballot::store::connect(&self.database_url).expect("connect");
        users::add(
            &mut conn,
            &tapballot::clock::SystemClock,
            users::By::CommandLine,
            NewUser {
                email: email.into(),
                name: format!("User {email}"),
                role,
                member_state: member_state.map(Into::into),
                password: Some(PASSWORD.into()),
                language: language.into(),
            },
        )
        .expect("user added")
        .id
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Response {
        let mut rb = self
            .client
            .request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        if let Some(b) = body {
            rb = rb.json(b);
        }
        rb.send().await.expect("request sent")
    }

    /// Sends and returns the status and JSON body (Null if none).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let r = self.request(method, path, token, body.as_ref()).await;
        let status = r.status();
        let text = r.text().await.expect("body");
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, json)
    }

    pub async fn create_consultation(&self, body: Value) -> Value {
        let (s, v) = self
            .call(
                Method::POST,
                "/api/v1/consultations",
                Some(&self.tsb.token),
                Some(body),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "create consultation: {v}");
        v
    }

    /// TSB Circular 195 with its eight drafts, closing 21 August 2024 23:59 Geneva.
    pub async fn circular_195(&self) -> Value {
        self.create_consultation(circular_195_body()).await
    }

    pub async fn put_reply(
        &self,
        token: &str,
        consultation: &str,
        iso3: &str,
        responses: Value,
    ) -> (StatusCode, Value) {
        self.call(
            Method::PUT,
            &format!("/api/v1/consultations/{consultation}/replies/{iso3}"),
            Some(token),
            Some(json!({ "responses": responses })),
        )
        .await
    }
}

pub const DRAFTS_195: [(&str, &str); 8] = [
    ("X.1237", "X.tsfpp"),
    ("X.1283", "X.gpwd"),
    ("X.1353", "X.ztd-iot"),
    ("X.1354", "X.sc-iot"),
    ("X.1384", "X.itssec-5"),
    ("X.1471", "X.websec-7"),
    ("X.1819", "X.5Gsec-netec"),
    ("X.1820", "X.5Gsec-srocvs"),
];

pub fn circular_195_body() -> Value {
    json!({
        "reference": "TSB Circular 195",
        "study_group": "SG17",
        "title": "Approval of draft Recommendations",
        "deadline": "2024-08-21T23:59",
        "time_zone": "Europe/Zurich",
        "meeting_starts_on": "2024-09-03",
        "meeting_ends_on": "2024-09-12",
        "meeting_place": "Geneva",
        "drafts": DRAFTS_195.iter().map(|(n, p)| json!({"number": n, "provisional_name": p, "title": format!("Draft {n}")})).collect::<Vec<_>>(),
    })
}

/// Circular 195's body under another reference (references are unique).
pub fn circular_body(reference: &str) -> Value {
    let mut body = circular_195_body();
    body["reference"] = json!(reference);
    body
}

/// Leaves out the meeting (which must start after the deadline's day), for
/// bodies given another deadline.
pub fn without_meeting(mut body: Value) -> Value {
    let o = body.as_object_mut().expect("object");
    o.remove("meeting_starts_on");
    o.remove("meeting_ends_on");
    body
}

pub fn all_yes() -> Value {
    Value::Array(
        DRAFTS_195
            .iter()
            .map(|(n, _)| json!({"draft": n, "position": "yes"}))
            .collect(),
    )
}

/// Runs an async scenario on SQLite and on PostgreSQL, each in its own test.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await {
                        super::$name(app).await;
                    }
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[cfg_attr(not(postgres_tests), ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset")]
                async fn postgres() {
                    if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            }
        )*
    };
}

/// A binary from `examples/`, which `cargo test` builds beside the tests.
pub fn example_binary(name: &str) -> std::path::PathBuf {
    // target/debug/deps/api-… → target/debug/examples/NAME
    let exe = std::env::current_exe().expect("test binary path");
    let debug = exe.parent().and_then(|p| p.parent()).expect("target dir");
    let path = debug.join("examples").join(name);
    assert!(
        path.exists(),
        "{} is missing: `cargo test` builds it; with a filter, run `cargo build --examples` first",
        path.display()
    );
    path
}

/// An API error: its status and its stable code, with a message for people.
#[track_caller]
pub fn assert_error(answer: (StatusCode, &Value), status: StatusCode, code: &str) {
    let (s, v) = answer;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (status, Some(code)),
        "the answer was {s} {v}"
    );
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "an error without a message: {v}"
    );
}

/// One helper per endpoint of the API; each returns the status and the JSON
/// body. Tests of malformed requests use `call` or `request` directly.
impl TestApp {
    pub async fn request_token(&self, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, "/api/v1/auth/token", None, Some(body))
            .await
    }

    pub async fn revoke_tokens(&self, token: Option<&str>) -> (StatusCode, Value) {
        self.call(Method::POST, "/api/v1/auth/revoke", token, None)
            .await
    }

    /// The reset is done after the answer: this waits for it too.
    pub async fn request_password_reset(&self, body: Value) -> (StatusCode, Value) {
        let answer = self
            .call(
                Method::POST,
                "/api/v1/auth/password-reset",
                None,
                Some(body),
            )
            .await;
        self.state.after_answer_done().await;
        answer
    }

    pub async fn set_password(&self, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, "/api/v1/auth/set-password", None, Some(body))
            .await
    }

    pub async fn list_users(&self, token: Option<&str>) -> (StatusCode, Value) {
        self.call(Method::GET, "/api/v1/users", token, None).await
    }

    pub async fn invite_user(&self, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, "/api/v1/users", token, Some(body))
            .await
    }

    pub async fn deactivate_user(&self, token: Option<&str>, id: &str) -> (StatusCode, Value) {
        self.call(
            Method::POST,
            &format!("/api/v1/users/{id}/deactivate"),
            token,
            None,
        )
        .await
    }

    /// `query` is empty or starts with "?".
    pub async fn list_audit(&self, token: Option<&str>, query: &str) -> (StatusCode, Value) {
        self.call(Method::GET, &format!("/api/v1/audit{query}"), token, None)
            .await
    }

    /// A page of a list: status, body, and the `Link` header.
    pub async fn list_page(&self, path_and_query: &str) -> (StatusCode, Value, Option<String>) {
        let r = self
            .request(Method::GET, path_and_query, Some(&self.tsb.token), None)
            .await;
        let status = r.status();
        let link = r
            .headers()
            .get("link")
            .map(|v| v.to_str().expect("ascii").to_owned());
        (status, r.json().await.expect("json"), link)
    }

    /// `query` is empty or starts with "?".
    pub async fn list_emails(&self, token: Option<&str>, query: &str) -> (StatusCode, Value) {
        self.call(Method::GET, &format!("/api/v1/emails{query}"), token, None)
            .await
    }

    pub async fn get_email(&self, token: Option<&str>, id: &str) -> (StatusCode, Value) {
        self.call(Method::GET, &format!("/api/v1/emails/{id}"), token, None)
            .await
    }

    pub async fn retry_email(&self, token: Option<&str>, id: &str) -> (StatusCode, Value) {
        self.call(
            Method::POST,
            &format!("/api/v1/emails/{id}/retry"),
            token,
            None,
        )
        .await
    }

    pub async fn member_states(&self) -> (StatusCode, Value) {
        self.call(Method::GET, "/api/v1/member-states", None, None)
            .await
    }

    pub async fn list_consultations(&self, token: Option<&str>) -> (StatusCode, Value) {
        self.call(Method::GET, "/api/v1/consultations", token, None)
            .await
    }

    pub async fn post_consultation(&self, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, "/api/v1/consultations", token, Some(body))
            .await
    }

    pub async fn get_consultation(&self, token: Option<&str>, id: &str) -> (StatusCode, Value) {
        self.call(
            Method::GET,
            &format!("/api/v1/consultations/{id}"),
            token,
            None,
        )
        .await
    }

    pub async fn update_consultation(
        &self,
        token: Option<&str>,
        id: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        self.call(
            Method::PUT,
            &format!("/api/v1/consultations/{id}"),
            token,
            Some(body),
        )
        .await
    }

    pub async fn tally(&self, token: Option<&str>, id: &str) -> (StatusCode, Value) {
        self.call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/tally"),
            token,
            None,
        )
        .await
    }

    pub async fn list_replies(&self, token: Option<&str>, id: &str) -> (StatusCode, Value) {
        self.call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/replies"),
            token,
            None,
        )
        .await
    }

    pub async fn get_reply(
        &self,
        token: Option<&str>,
        id: &str,
        iso3: &str,
    ) -> (StatusCode, Value) {
        self.call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/replies/{iso3}"),
            token,
            None,
        )
        .await
    }

    /// The whole body, e.g. `{"responses": […], "source": "…"}`.
    pub async fn submit_reply(
        &self,
        token: Option<&str>,
        id: &str,
        iso3: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        self.call(
            Method::PUT,
            &format!("/api/v1/consultations/{id}/replies/{iso3}"),
            token,
            Some(body),
        )
        .await
    }

    pub async fn withdraw_reply(
        &self,
        token: Option<&str>,
        id: &str,
        iso3: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.call(
            Method::DELETE,
            &format!("/api/v1/consultations/{id}/replies/{iso3}"),
            token,
            body,
        )
        .await
    }
}
