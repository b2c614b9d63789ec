use std::io::Write;
use std::process::{Command, Stdio};

use reqwest::{Method, StatusCode};

use crate::helpers::*;
use crate::on_both_backends;

async fn health_docs_and_reference_data_are_served(app: TestApp) {
    let (s, v) = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("ok")));
    let (s, v) = app.call(Method::GET, "/readyz", None, None).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("ready")));
    // HEAD answers as GET would, without a body (monitors probe with it).
    for path in ["/healthz", "/readyz", "/sign-in", "/api/v1/openapi.json"] {
        let r = app
            .client
            .head(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "HEAD {path}");
        assert!(
            r.bytes().await.unwrap().is_empty(),
            "HEAD {path} has no body"
        );
    }

    let (s, doc) = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/auth/token",
        "/api/v1/consultations",
        "/api/v1/consultations/{id}/replies/{iso3}",
        "/api/v1/consultations/{id}/tally",
        "/api/v1/consultations/{id}/export",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    let r = app.request(Method::GET, "/api/docs/", None, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("swagger"));

    let (s, v) = app.member_states().await;
    assert_eq!(s, StatusCode::OK);
    let states = v.as_array().unwrap();
    assert_eq!(states.len(), 193);
    let kor = states.iter().find(|m| m["iso3"] == "KOR").unwrap();
    assert_eq!(kor["iso2"], "KR");
    assert_eq!(kor["name"], "Korea, Republic of");
    assert!(!states.iter().any(|m| m["iso3"] == "PLW"));

    let (s, v) = app
        .call(Method::GET, "/api/v1/no/such/resource", None, None)
        .await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "not_found");
    // A known path with a method it does not serve: 405, saying which it does.
    for (method, path, allow) in [
        (Method::DELETE, "/api/v1/consultations", "GET, HEAD, POST"),
        (Method::POST, "/healthz", "GET, HEAD"),
        (
            Method::PATCH,
            "/api/v1/consultations/x/replies/CHE",
            "DELETE, GET, HEAD, PUT",
        ),
    ] {
        let r = app
            .client
            .request(method.clone(), format!("{}{path}", app.base))
            .bearer_auth(&app.tsb.token)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_eq!(r.headers()["allow"], allow);
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["error"]["code"], "method_not_allowed");
    }
}

fn tapballot(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .args(args)
        .env("TAPBALLOT_DATABASE_URL", database_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tapballot");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn command_line_adds_users_on_a_fresh_database(backend: Backend) {
    let Some((url, _db)) = new_database(backend) else {
        return;
    };
    let out = tapballot(
        &url,
        &[
            "user",
            "add",
            "--email",
            "Focal@Example.org",
            "--name",
            "Focal",
            "--role",
            "member",
            "--member-state",
            "che",
        ],
        "a long enough password\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut conn = tapballot::store::connect(&url).unwrap();
    let user = tapballot::service::sign_in::authenticate(
        &mut conn,
        &tapballot::clock::SystemClock,
        tapballot::service::sign_in::Origin::unknown(),
        "focal@example.org",
        "a long enough password",
    )
    .unwrap();
    assert_eq!(user.member_state.as_deref(), Some("CHE"));

    for (args, needle) in [
        (
            vec![
                "user", "add", "--email", "a@b.org", "--name", "A", "--role", "member",
            ],
            "member-state",
        ),
        (
            vec![
                "user",
                "add",
                "--email",
                "a@b.org",
                "--name",
                "A",
                "--role",
                "tsb",
                "--member-state",
                "CHE",
            ],
            "no Member State",
        ),
        (
            vec![
                "user",
                "add",
                "--email",
                "focal@example.org",
                "--name",
                "A",
                "--role",
                "tsb",
            ],
            "exists",
        ),
    ] {
        let out = tapballot(&url, &args, "a long enough password\n");
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(needle),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = tapballot(
        &url,
        &[
            "user", "add", "--email", "t@b.org", "--name", "T", "--role", "tsb",
        ],
        "short\n",
    );
    assert!(!out.status.success(), "weak password refused");
    let out = tapballot(&url, &["migrate"], "");
    assert!(out.status.success());
}

#[test]
fn command_line_adds_users_on_sqlite() {
    command_line_adds_users_on_a_fresh_database(Backend::Sqlite);
}

#[test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
fn command_line_adds_users_on_postgres() {
    command_line_adds_users_on_a_fresh_database(Backend::Postgres);
}

on_both_backends!(health_docs_and_reference_data_are_served);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_logs_leave_out_query_strings_that_carry_secrets() {
    let (url, _db) = new_database(Backend::Sqlite).unwrap();
    let port = crate::smtp::free_port();
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .arg("serve")
        .env("TAPBALLOT_DATABASE_URL", &url)
        .env("TAPBALLOT_BIND", format!("127.0.0.1:{port}"))
        .env("TAPBALLOT_EMBEDDED_WORKER", "false")
        .stdout(Stdio::null())
        .stderr(log.reopen().unwrap())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let started = std::time::Instant::now();
    loop {
        if let Ok(r) = client
            .get(format!(
                "http://127.0.0.1:{port}/set-password?token=VerySecretToken123"
            ))
            .send()
            .await
        {
            assert_eq!(r.status(), StatusCode::OK);
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "serve did not start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // The access log line is written once the response completes.
    let waited = std::time::Instant::now();
    let mut written = String::new();
    while !written.contains("/set-password")
        && waited.elapsed() < std::time::Duration::from_secs(20)
    {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        written = std::fs::read_to_string(log.path()).unwrap();
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(written.contains("GET /set-password"), "{written}");
    assert!(!written.contains("VerySecretToken123"), "{written}");
}

fn migrations_run_down_and_up_again(backend: Backend) {
    use diesel::Connection;
    use diesel_migrations::MigrationHarness;
    let Some((url, _db)) = new_database(backend) else {
        return;
    };
    let path = tapballot::store::diesel_url(&url).unwrap();
    match backend {
        Backend::Sqlite => {
            let mut c = diesel::SqliteConnection::establish(&path).unwrap();
            c.run_pending_migrations(tapballot::store::SQLITE_MIGRATIONS)
                .unwrap();
            c.revert_all_migrations(tapballot::store::SQLITE_MIGRATIONS)
                .unwrap();
            c.run_pending_migrations(tapballot::store::SQLITE_MIGRATIONS)
                .unwrap();
        }
        Backend::Postgres => {
            let mut c = diesel::PgConnection::establish(&path).unwrap();
            c.run_pending_migrations(tapballot::store::POSTGRES_MIGRATIONS)
                .unwrap();
            c.revert_all_migrations(tapballot::store::POSTGRES_MIGRATIONS)
                .unwrap();
            c.run_pending_migrations(tapballot::store::POSTGRES_MIGRATIONS)
                .unwrap();
        }
    }
    // And the application starts on the result.
    let mut conn = tapballot::store::connect(&url).unwrap();
    tapballot::store::migrate(&mut conn).unwrap();
    assert_eq!(
        tapballot::store::member_states::all(&mut conn)
            .unwrap()
            .len(),
        193
    );
}

#[test]
fn migrations_run_down_and_up_again_on_sqlite() {
    migrations_run_down_and_up_again(Backend::Sqlite);
}

#[test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
fn migrations_run_down_and_up_again_on_postgres() {
    migrations_run_down_and_up_again(Backend::Postgres);
}

/// SQLite tables made anew by a migration (`reply_responses` WITHOUT ROWID,
/// `emails` with a partial unique index), and back by its down migration:
/// every row survives both, exactly, and the constraints still hold.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebuilding_tables_keeps_every_row() {
    use diesel::prelude::*;
    use diesel_migrations::MigrationHarness;
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let mut mixed = all_yes();
    mixed[1] = serde_json::json!({"draft": "X.1283", "position": "no",
        "reasons": "Not mature: see contribution C-12", "comments": "Ready in 2025"});
    for (user, iso3, responses) in [(&app.che, "CHE", all_yes()), (&app.fra, "FRA", mixed)] {
        let (status, body) = app.put_reply(&user.token, id, iso3, responses).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let path = tapballot::store::diesel_url(&app.database_url).unwrap();
    let mut conn = diesel::SqliteConnection::establish(&path).unwrap();
    diesel::sql_query("PRAGMA busy_timeout = 10000")
        .execute(&mut conn)
        .unwrap();
    let text = |conn: &mut diesel::SqliteConnection, sql: &str| -> String {
        diesel::dsl::sql::<diesel::sql_types::Text>(sql)
            .get_result(conn)
            .unwrap()
    };
    // A table's every row and column, quoted, in key order.
    let dump = |conn: &mut diesel::SqliteConnection, table: &str, key: &str| -> String {
        let columns = text(
            conn,
            &format!("SELECT group_concat('quote(' || name || ')', ' || '','' || ') FROM pragma_table_info('{table}')"),
        );
        text(
            conn,
            &format!("SELECT group_concat(line, char(10)) FROM (SELECT {columns} AS line FROM {table} ORDER BY {key})"),
        )
    };
    let schema = |conn: &mut diesel::SqliteConnection| {
        text(conn, "SELECT group_concat(sql, char(10)) FROM (SELECT sql FROM sqlite_master WHERE tbl_name IN ('reply_responses', 'emails') AND sql IS NOT NULL ORDER BY name)")
    };
    let responses = dump(&mut conn, "reply_responses", "revision_id, draft_id");
    assert_eq!(responses.lines().count(), 16, "{responses}");
    assert!(
        responses.contains("'Not mature: see contribution C-12'"),
        "{responses}"
    );

    let migrations = diesel::migration::MigrationSource::<diesel::sqlite::Sqlite>::migrations(
        &tapballot::store::SQLITE_MIGRATIONS,
    )
    .unwrap();
    let named = |tail: &str| {
        migrations
            .iter()
            .find(|m| m.name().to_string().ends_with(tail))
            .unwrap_or_else(|| panic!("the migration {tail}"))
    };
    // The later migration first (`undoing_shared_email_contexts_…` checks it).
    conn.revert_migration(named("_shared_email_contexts").as_ref())
        .unwrap();
    let emails = dump(&mut conn, "emails", "id");
    assert!(emails.lines().count() >= 4, "{emails}");
    let rebuilt = schema(&mut conn);
    assert!(rebuilt.contains("WITHOUT ROWID"), "{rebuilt}");
    assert!(
        rebuilt.contains("WHERE dedupe_key IS NOT NULL"),
        "{rebuilt}"
    );
    for tail in ["_emails_rebuilt", "_responses_without_rowid"] {
        conn.revert_migration(named(tail).as_ref()).unwrap();
    }
    let before = schema(&mut conn);
    assert!(!before.contains("WITHOUT ROWID"), "{before}");
    assert!(!before.contains("emails_dedupe_key"), "{before}");
    assert_eq!(
        dump(&mut conn, "reply_responses", "revision_id, draft_id"),
        responses
    );
    assert_eq!(dump(&mut conn, "emails", "id"), emails);
    conn.run_pending_migrations(tapballot::store::SQLITE_MIGRATIONS)
        .unwrap();
    assert_eq!(
        dump(&mut conn, "reply_responses", "revision_id, draft_id"),
        responses
    );
    // Compared without the later migration's column, then with it again.
    conn.revert_migration(named("_shared_email_contexts").as_ref())
        .unwrap();
    assert_eq!(schema(&mut conn), rebuilt);
    assert_eq!(dump(&mut conn, "emails", "id"), emails);
    conn.run_pending_migrations(tapballot::store::SQLITE_MIGRATIONS)
        .unwrap();

    // The constraints hold on the new tables: one email per dedupe key, a
    // known status only.
    let copy = |conn: &mut diesel::SqliteConnection, id: &str, key: &str, status: &str| {
        diesel::sql_query(format!(
            "INSERT INTO emails (id, message_id, kind, dedupe_key, recipient, language, subject, \
             body_text, body_html, status, next_attempt_at, created_at) \
             VALUES ('{id}', '<{id}@x>', 'reminder', '{key}', 'a@b.test', 'en', '', '', '', \
             '{status}', '2024-08-01 00:00:00', '2024-08-01 00:00:00')"
        ))
        .execute(conn)
    };
    copy(&mut conn, "e1", "once", "queued").unwrap();
    let twice = copy(&mut conn, "e2", "once", "queued").unwrap_err();
    assert!(tapballot::store::is_unique_violation(&twice), "{twice}");
    let unknown = copy(&mut conn, "e3", "other", "bogus").unwrap_err();
    assert!(unknown.to_string().contains("CHECK"), "{unknown}");

    // The service reads them as before.
    let (status, reply) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/replies/FRA"),
            Some(&app.fra.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert!(reply.to_string().contains("Ready in 2025"), "{reply}");
}

/// Undoing `shared_email_contexts` gives every email its whole context back
/// (the shared fields with its own), on both databases: an older version
/// reads each email's context alone.
async fn undoing_shared_email_contexts_gives_each_email_its_whole_context(app: TestApp) {
    use diesel::prelude::*;
    use tapballot::store::schema::emails;
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    for (user, iso3) in [(&app.che, "CHE"), (&app.fra, "FRA")] {
        let (status, body) = app.put_reply(&user.token, id, iso3, all_yes()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    // As the service reads them: each email's whole context.
    let read: std::collections::BTreeMap<String, serde_json::Value> =
        tapballot::store::emails::list(&mut conn, &Default::default(), None, 1000)
            .unwrap()
            .into_iter()
            .map(|e| (e.id, serde_json::from_str(&e.context.unwrap()).unwrap()))
            .collect();
    let shared = emails::table
        .filter(emails::shared_context_id.is_not_null())
        .count()
        .get_result::<i64>(&mut conn)
        .unwrap();
    assert!(
        shared >= 4,
        "the two confirmations, to two readers each: {shared}"
    );

    let sql = |conn: &mut tapballot::store::DbConnection, text: &str| {
        use diesel::connection::SimpleConnection;
        conn.batch_execute(text).unwrap();
    };
    let down = match app.database_url.starts_with("sqlite://") {
        true => {
            include_str!("../../migrations/sqlite/2026-12-13-000001_shared_email_contexts/down.sql")
        }
        false => include_str!(
            "../../migrations/postgres/2026-12-13-000001_shared_email_contexts/down.sql"
        ),
    };
    sql(&mut conn, down);
    // As stored now, without the shared table: the same, email by email.
    let stored: std::collections::BTreeMap<String, serde_json::Value> = emails::table
        .select((emails::id, emails::context))
        .load::<(String, Option<String>)>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|(id, context)| (id, serde_json::from_str(&context.unwrap()).unwrap()))
        .collect();
    assert_eq!(stored, read);
    let fra = stored
        .values()
        .find(|c| c["recipient_name"] == "User fra@admin.test" && c.get("revision").is_some())
        .expect("France's confirmation to its focal point");
    assert_eq!(fra["member_state"], "France", "{fra}");
    assert!(
        fra["drafts"].as_array().is_some_and(|d| d.len() == 8),
        "{fra}"
    );
}

on_both_backends!(undoing_shared_email_contexts_gives_each_email_its_whole_context);

/// libpq must not leave OpenSSL an exit handler that frees what busy pool
/// threads still use: such a process crashed on its way out in about one run
/// in eight. Thirty clean exits in a row make a regression all but certain to
/// show.
#[test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
fn the_process_exits_cleanly_with_busy_postgres_connections() {
    let url = crate::helpers::postgres_admin_url().expect("TAPBALLOT_TEST_POSTGRES_URL");
    let binary = crate::helpers::example_binary("busy_exit");
    for run in 1..=30 {
        let out = Command::new(&binary)
            .arg(&url)
            .output()
            .expect("run busy_exit");
        assert!(
            out.status.success(),
            "run {run}: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Waits for a child to exit, at most `limit`.
fn exit_within(
    child: &mut std::process::Child,
    limit: std::time::Duration,
) -> std::process::ExitStatus {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("did not exit within {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn terminate(child: &std::process::Child) {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -TERM");
}

/// A service manager stops `serve` and `worker` with SIGTERM: both finish
/// what they are doing and exit successfully.
#[test]
fn serve_and_worker_stop_cleanly_on_sigterm() {
    let (url, _db) = new_database(Backend::Sqlite).unwrap();
    let port = crate::smtp::free_port();
    let mail_dir = tempfile::tempdir().unwrap();
    let mut serve = Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .arg("serve")
        .env("TAPBALLOT_DATABASE_URL", &url)
        .env("TAPBALLOT_BIND", format!("127.0.0.1:{port}"))
        .env("TAPBALLOT_MAIL_DIR", mail_dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Ready once it answers HTTP: the socket accepts connections a little
    // earlier, before the server listens for signals.
    let healthy = || -> Option<bool> {
        use std::io::Read;
        let mut c = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        c.write_all(b"GET /healthz HTTP/1.0\r\n\r\n").ok()?;
        let mut answer = String::new();
        c.read_to_string(&mut answer).ok()?;
        Some(answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200"))
    };
    let ready = (0..400).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        healthy() == Some(true)
    });
    assert!(ready, "serve answers /healthz");
    terminate(&serve);
    let status = exit_within(&mut serve, std::time::Duration::from_secs(30));
    assert!(status.success(), "serve: {status:?}");

    let mut worker = Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .arg("worker")
        .env("TAPBALLOT_DATABASE_URL", &url)
        .env("TAPBALLOT_MAIL_DIR", mail_dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Signal only once it is running (it says so), not while it starts.
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(worker.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert!(line.contains("mail worker running"), "{line}");
    terminate(&worker);
    let status = exit_within(&mut worker, std::time::Duration::from_secs(30));
    assert!(status.success(), "worker: {status:?}");
}

/// Secrets given through the environment are never printed by `--help`.
#[test]
fn help_never_prints_the_values_of_the_environment() {
    let secret = "s3cret-in-the-environment";
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["demo", "--help"],
        &["worker", "--help"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tapballot"))
            .args(args)
            .env(
                "TAPBALLOT_DATABASE_URL",
                format!("postgres://tapballot:{secret}@db.example/tapballot"),
            )
            .env(
                "TAPBALLOT_SMTP_URL",
                format!("smtp://mail:{secret}@smtp.example"),
            )
            .env("TAPBALLOT_JWT_SECRET", format!("{secret}-{secret}"))
            .env("TAPBALLOT_PUBLIC_URL", format!("https://{secret}.example"))
            .output()
            .expect("tapballot runs");
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("TAPBALLOT_DATABASE_URL"), "{args:?}: {text}");
        assert!(!text.contains(secret), "{args:?} printed a secret:\n{text}");
    }
}

/// The docs UI has a Content Security Policy of its own, and the pages keep theirs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_docs_have_a_content_security_policy() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite)
        .await
        .unwrap();
    for path in ["/api/docs/", "/api/docs/swagger-initializer.js"] {
        let r = app.request(reqwest::Method::GET, path, None, None).await;
        assert_eq!(r.status(), reqwest::StatusCode::OK, "{path}");
        let csp = r.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self';"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
    let r = app
        .request(reqwest::Method::GET, "/sign-in", None, None)
        .await;
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        !csp.contains("unsafe-inline"),
        "pages keep the strict policy: {csp}"
    );
}

/// The secret may come from a file; what is wrong with it is said, and the
/// secret itself never is.
#[test]
fn the_secret_may_come_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("t.db").display());
    let serve = |file: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tapballot"))
            .args(["serve", "--bind", "127.0.0.1:0", "--database-url", &db])
            .env("TAPBALLOT_JWT_SECRET_FILE", file)
            .env_remove("TAPBALLOT_JWT_SECRET")
            .output()
            .expect("tapballot runs")
    };
    let out = serve(&dir.path().join("missing"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("cannot read the secret file"), "{err}");
    let short = dir.path().join("short");
    std::fs::write(&short, "too-short-s3cret\n").unwrap();
    let out = serve(&short);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("at least 32 characters"),
        "the file was read: {err}"
    );
    assert!(!err.contains("too-short-s3cret"), "{err}");
}

/// `demo --bind` links its emails to where it listens (without
/// TAPBALLOT_PUBLIC_URL): the links in `mail/` work on the demo machine.
#[test]
fn the_demo_links_its_emails_to_its_own_address() {
    let (url, _db) = new_database(Backend::Sqlite).unwrap();
    let port = crate::smtp::free_port();
    let mail_dir = tempfile::tempdir().unwrap();
    let mut demo = Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .args(["demo", "--bind", &format!("127.0.0.1:{port}")])
        .env("TAPBALLOT_DATABASE_URL", &url)
        .env("TAPBALLOT_MAIL_DIR", mail_dir.path())
        .env_remove("TAPBALLOT_PUBLIC_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let wanted = format!("http://127.0.0.1:{port}/consultations/");
    let linked = (0..600).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::fs::read_dir(mail_dir.path())
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(&wanted)))
    });
    terminate(&demo);
    let status = exit_within(&mut demo, std::time::Duration::from_secs(30));
    assert!(linked, "an email links to {wanted}");
    assert!(status.success(), "demo: {status:?}");
}

/// Runs `tapballot demo ARGS` until its seed is in (the notice of the
/// extension queued and written), then stops it; returns the outbox.
fn run_demo(
    url: &str,
    mail_dir: &std::path::Path,
    args: &[&str],
) -> Vec<tapballot::store::emails::EmailRow> {
    let port = crate::smtp::free_port();
    let bind = format!("127.0.0.1:{port}");
    let outbox = || -> Vec<tapballot::store::emails::EmailRow> {
        let Ok(mut conn) = tapballot::store::connect(url) else {
            return Vec::new();
        };
        tapballot::store::emails::list(&mut conn, &Default::default(), None, 10_000)
            .unwrap_or_default()
    };
    // Emails of an earlier run do not count: this run must write its own.
    let before: std::collections::HashSet<String> = outbox().into_iter().map(|e| e.id).collect();
    let mut demo = Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .arg("demo")
        .args(args)
        .args(["--bind", &bind])
        .env("TAPBALLOT_DATABASE_URL", url)
        .env("TAPBALLOT_MAIL_DIR", mail_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let sent = (0..600).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        outbox()
            .iter()
            .any(|e| e.kind == "change_notice" && e.status == "sent" && !before.contains(&e.id))
    });
    terminate(&demo);
    let status = exit_within(&mut demo, std::time::Duration::from_secs(30));
    assert!(
        sent,
        "the demo's notice of its extension is written to mail/"
    );
    assert!(status.success(), "demo: {status:?}");
    outbox()
}

/// The demo shows the lifecycle: an open consultation with its meeting and
/// an extension already notified; `--reset` starts it afresh, and refuses
/// on a database that is not a demo's.
#[test]
fn the_demo_shows_an_extension_and_resets_afresh() {
    let (url, _db) = new_database(Backend::Sqlite).unwrap();
    let mail_dir = tempfile::tempdir().unwrap();
    let first = run_demo(&url, mail_dir.path(), &[]);
    let notices: Vec<_> = first.iter().filter(|e| e.kind == "change_notice").collect();
    // The five demo focal points and TSB's copy have none by default: four focal points.
    assert_eq!(notices.len(), 4, "one per demo focal point");
    let notice = notices[0];
    // Its subject as it is read and sent: rendered from the stored context.
    let mail = tapballot::mail::Mail::new(
        tapballot::mail::MailSettings::default(),
        std::sync::Arc::new(tapballot::i18n::Catalogue::embedded().unwrap()),
    );
    let subject = tapballot::mail::outbox::subject(&mail, notice).unwrap();
    assert!(subject.contains("TSB Circular 999 (demo)"), "{subject}");
    assert!(notice.ics.as_deref().unwrap().contains("SEQUENCE:1"));
    let eml: Vec<String> = std::fs::read_dir(mail_dir.path())
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        eml.iter().any(|t| t.contains("SEQUENCE:1")),
        "the notice's .eml is in mail/"
    );
    let mut conn = tapballot::store::connect(&url).unwrap();
    let open = tapballot::store::consultations::list(&mut conn)
        .unwrap()
        .into_iter()
        .find(|(c, _)| c.reference == "TSB Circular 999 (demo)")
        .unwrap()
        .0;
    assert!(open.meeting_starts_on.is_some() && open.meeting_place.is_some());
    assert_eq!(open.notice_sequence, 1);

    // --reset: the old data and the old .eml files go; the seed is fresh.
    std::fs::write(mail_dir.path().join("stale.eml"), "old").unwrap();
    tapballot::store::consultations::cancel(
        &mut conn,
        &open.id,
        chrono::Utc::now().naive_utc(),
        "x",
        "stale",
    )
    .unwrap();
    let again = run_demo(&url, mail_dir.path(), &["--reset"]);
    assert!(!mail_dir.path().join("stale.eml").exists());
    assert_eq!(
        again.iter().filter(|e| e.kind == "change_notice").count(),
        4
    );
    let all = tapballot::store::consultations::list(&mut conn).unwrap();
    assert_eq!(all.len(), 2, "the two demo consultations, once each");
    assert!(
        all.iter().all(|(c, _)| c.cancelled_at.is_none()),
        "seeded afresh"
    );

    // A database with a real account is not a demo's: refused, nothing deleted.
    tapballot::service::users::add(
        &mut conn,
        &tapballot::clock::SystemClock,
        tapballot::service::users::By::CommandLine,
        tapballot::service::users::NewUser {
            email: "someone@itu.int".into(),
            name: "Someone".into(),
            role: tapballot::auth::Role::Tsb,
            member_state: None,
            password: None,
            language: "en".into(),
        },
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .args(["demo", "--reset", "--bind", "127.0.0.1:0"])
        .env("TAPBALLOT_DATABASE_URL", &url)
        .env("TAPBALLOT_MAIL_DIR", mail_dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("refusing to reset"), "{err}");
    assert_eq!(
        tapballot::store::consultations::list(&mut conn)
            .unwrap()
            .len(),
        2
    );
}
