use reqwest::StatusCode;
use serde_json::{json, Value};
use tapballot::auth::token::TokenKeys;

use crate::helpers::*;
use crate::on_both_backends;

async fn tokens_are_issued_for_good_credentials_only(app: TestApp) {
    let (s, v) = app
        .request_token(json!({"email": "TSB@itu.test ", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["expires_in"], 3600);
    assert!(v["access_token"].as_str().unwrap().len() > 20);

    for body in [
        json!({"email": "tsb@itu.test", "password": "wrong password here"}),
        json!({"email": "nobody@itu.test", "password": PASSWORD}),
    ] {
        let (s, v) = app.request_token(body).await;
        assert_error((s, &v), StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let (s, v) = app.request_token(json!({"email": "x"})).await;
    assert_error((s, &v), StatusCode::BAD_REQUEST, "invalid_body");
    let r = app
        .client
        .post(format!("{}/api/v1/auth/token", app.base))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let s = r.status();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_error((s, &v), StatusCode::BAD_REQUEST, "malformed_json");
}

async fn missing_invalid_and_expired_tokens_are_refused(app: TestApp) {
    let (s, v) = app.list_consultations(None).await;
    assert_error((s, &v), StatusCode::UNAUTHORIZED, "missing_token");
    let (s, v) = app.list_consultations(Some("garbage")).await;
    assert_error((s, &v), StatusCode::UNAUTHORIZED, "invalid_token");

    let keys = TokenKeys::new(
        tapballot::auth::keys::Keys::derive(JWT_SECRET.as_bytes()).token_key(),
        std::time::Duration::from_secs(60),
    );
    let expired = keys
        .issue(&app.tsb.id, 0, chrono::Utc::now().timestamp() - 7200)
        .unwrap();
    let (s, v) = app.list_consultations(Some(&expired)).await;
    assert_error((s, &v), StatusCode::UNAUTHORIZED, "token_expired");

    let forged = TokenKeys::new(
        b"some other secret some other secret!!",
        std::time::Duration::from_secs(60),
    )
    .issue(&app.tsb.id, 0, chrono::Utc::now().timestamp())
    .unwrap();
    let (s, _) = app.list_consultations(Some(&forged)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // Tokens are signed with a key derived from the secret, never the secret itself.
    let raw = TokenKeys::new(JWT_SECRET.as_bytes(), std::time::Duration::from_secs(60))
        .issue(&app.tsb.id, 0, chrono::Utc::now().timestamp())
        .unwrap();
    let (s, v) = app.list_consultations(Some(&raw)).await;
    assert_error((s, &v), StatusCode::UNAUTHORIZED, "invalid_token");

    let (s, _) = app.list_consultations(Some(&app.tsb.token)).await;
    assert_eq!(s, StatusCode::OK);
}

async fn revoked_tokens_stop_working(app: TestApp) {
    let (s, _) = app.revoke_tokens(Some(&app.che.token)).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, v) = app.list_consultations(Some(&app.che.token)).await;
    assert_error((s, &v), StatusCode::UNAUTHORIZED, "invalid_token");
    // A new sign-in works again; other users are unaffected.
    let fresh = login(&app.client, &app.base, &app.che.email, PASSWORD).await;
    let (s, _) = app.list_consultations(Some(&fresh)).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.list_consultations(Some(&app.fra.token)).await;
    assert_eq!(s, StatusCode::OK);
}

async fn deactivated_users_cannot_sign_in_or_use_tokens(app: TestApp) {
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    tapballot::service::users::deactivate(
        &mut conn,
        &tapballot::clock::SystemClock,
        tapballot::service::users::By::CommandLine,
        &app.fra.id.as_str().into(),
    )
    .unwrap();
    let (s, _) = app.list_consultations(Some(&app.fra.token)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app
        .request_token(json!({"email": app.fra.email, "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

on_both_backends!(
    tokens_are_issued_for_good_credentials_only,
    missing_invalid_and_expired_tokens_are_refused,
    revoked_tokens_stop_working,
    deactivated_users_cannot_sign_in_or_use_tokens,
);

async fn repeated_failed_sign_ins_are_slowed_down(app: TestApp) {
    let attempt = |password: &'static str| {
        app.request_token(json!({"email": "che@admin.test", "password": password}))
    };
    for _ in 0..10 {
        let (s, _) = attempt("not the password").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    // The eleventh attempt within fifteen minutes is refused unchecked, even with the right password.
    let (s, v) = attempt(PASSWORD).await;
    assert_error((s, &v), StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    // Other addresses are not affected.
    let (s, _) = app
        .request_token(json!({"email": "fra@admin.test", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::OK);
    // Fifteen minutes later the address may try again; success clears the count.
    app.clock.advance(chrono::Duration::minutes(15));
    let (s, _) = attempt(PASSWORD).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = attempt("not the password").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = attempt(PASSWORD).await;
    assert_eq!(s, StatusCode::OK);
}

on_both_backends!(repeated_failed_sign_ins_are_slowed_down);

/// Unbounded input is refused before anything is written: a sign-in with a
/// huge address or password records no failure.
async fn oversized_credentials_are_refused_without_a_write(app: TestApp) {
    let huge = format!("{}@x.test", "a".repeat(900_000));
    for body in [
        json!({"email": huge, "password": PASSWORD}),
        json!({"email": "che@admin.test", "password": "p".repeat(1_001)}),
    ] {
        let (s, v) = app.request_token(body).await;
        assert_error((s, &v), StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let (s, _) = app.request_password_reset(json!({"email": huge})).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    let failures: i64 = {
        use diesel::prelude::*;
        tapballot::store::schema::sign_in_failures::table
            .count()
            .get_result(&mut conn)
            .unwrap()
    };
    assert_eq!(failures, 0, "nothing stored for oversized credentials");
    // An ordinary wrong password is still counted.
    app.request_token(json!({"email": "che@admin.test", "password": "wrong password here"}))
        .await;
    let failures: i64 = {
        use diesel::prelude::*;
        tapballot::store::schema::sign_in_failures::table
            .count()
            .get_result(&mut conn)
            .unwrap()
    };
    assert_eq!(failures, 1);
}

crate::on_both_backends!(oversized_credentials_are_refused_without_a_write);

/// Parallel attempts cannot overrun the throttle: of 30 wrong passwords sent
/// at once for one address, at most ten are checked.
async fn parallel_sign_ins_do_not_overrun_the_throttle(app: TestApp) {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..30 {
        let (client, base) = (app.client.clone(), app.base.clone());
        tasks.spawn(async move {
            let r = client
                .post(format!("{base}/api/v1/auth/token"))
                .json(&json!({"email": "che@admin.test", "password": "not the password"}))
                .send()
                .await
                .unwrap();
            let status = r.status();
            let body: serde_json::Value = r.json().await.unwrap();
            (status, body)
        });
    }
    let answers = tasks.join_all().await;
    let checked = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = answers
        .iter()
        .filter(|(s, v)| {
            *s == StatusCode::TOO_MANY_REQUESTS && v["error"]["code"] == "too_many_attempts"
        })
        .count();
    assert_eq!(checked + refused, 30, "{answers:?}");
    assert!(
        (1..=10).contains(&checked),
        "{checked} passwords were checked, against a limit of 10"
    );
    // The right password is refused too, until the window has passed.
    let (s, _) = app
        .request_token(json!({"email": "che@admin.test", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
}

/// The current-password check of a password change counts as a sign-in.
async fn the_current_password_check_is_throttled_too(app: TestApp) {
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    let che = tapballot::service::users::find_by_email(&mut conn, "che@admin.test").unwrap();
    let actor = tapballot::service::sign_in::actor_for_token(&mut conn, &che.id, 0).unwrap();
    let change = |conn: &mut tapballot::store::DbConnection, current: &str| {
        tapballot::service::password_links::change_password(
            conn,
            &actor,
            app.clock.as_ref(),
            tapballot::service::sign_in::Origin::unknown(),
            current,
            "a brand new long password",
        )
        .map(|_| ())
        .map_err(|e| e.code().as_str())
    };
    for _ in 0..10 {
        assert_eq!(change(&mut conn, "not the password"), Err("wrong_password"));
    }
    assert_eq!(change(&mut conn, PASSWORD), Err("too_many_attempts"));
    let (s, _) = app
        .request_token(json!({"email": "che@admin.test", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "one count for both");
}

/// At most three reset links an hour reach one address; the answer is the same.
async fn password_resets_are_limited_per_address(app: TestApp) {
    for _ in 0..5 {
        let (s, _) = app
            .request_password_reset(json!({"email": "fra@admin.test"}))
            .await;
        assert_eq!(s, StatusCode::ACCEPTED);
    }
    let sent = |app: &TestApp| {
        app.outbox()
            .into_iter()
            .filter(|e| e.kind == "password_reset")
            .count()
    };
    assert_eq!(sent(&app), 3);
    app.clock.advance(chrono::Duration::minutes(61));
    app.request_password_reset(json!({"email": "fra@admin.test"}))
        .await;
    assert_eq!(sent(&app), 4, "an hour later, one more");
}

on_both_backends!(
    parallel_sign_ins_do_not_overrun_the_throttle,
    the_current_password_check_is_throttled_too,
    password_resets_are_limited_per_address,
);

/// A reset request is answered before its work is done, so the answer takes
/// as long whether or not the address has an account: with the database held
/// by another writer, the answer still comes, and the link goes out after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_resets_are_answered_before_the_work() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let mut holder = tapballot::store::connect(&app.database_url).unwrap();
    holder.batch_execute("BEGIN EXCLUSIVE").unwrap();
    for address in ["che@admin.test", "nobody@nowhere.test"] {
        let r = app
            .request(
                reqwest::Method::POST,
                "/api/v1/auth/password-reset",
                None,
                Some(&json!({ "email": address })),
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::ACCEPTED,
            "answered while the work waits"
        );
    }
    assert!(
        app.state.after_answer.in_flight() > 0,
        "the work is still waiting"
    );
    holder.batch_execute("COMMIT").unwrap();
    app.state.after_answer_done().await;
    let resets: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|e| e.kind == "password_reset")
        .collect();
    assert_eq!(resets.len(), 1);
    assert_eq!(resets[0].recipient, "che@admin.test");
}

/// A token request from the test's client, as if forwarded for `client`.
async fn token_via(
    app: &TestApp,
    forwarded_for: &str,
    email: &str,
    password: &str,
) -> (StatusCode, Value) {
    let r = app
        .client
        .post(format!("{}/api/v1/auth/token", app.base))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap())
}

async fn app_allowing_three_failures_per_client(
    backend: Backend,
    trusted_proxies: &str,
) -> Option<TestApp> {
    let trusted = trusted_proxies.parse().unwrap();
    spawn_app_with(backend, move |s| {
        s.trusted_proxies = trusted;
        s.max_client_sign_in_failures = 3;
    })
    .await
}

/// Guessing one password for many accounts from one address is slowed down
/// as guessing many for one account is. Without trusted proxies the peer is
/// the client: what it writes in X-Forwarded-For changes nothing.
async fn failures_from_one_client_are_limited_across_accounts(backend: Backend) {
    let Some(app) = app_allowing_three_failures_per_client(backend, "").await else {
        return;
    };
    for n in 1..=3 {
        let (s, v) = token_via(
            &app,
            &format!("198.51.100.{n}"),
            &format!("nobody{n}@x.test"),
            "a guess at it",
        )
        .await;
        assert_error((s, &v), StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    // The fourth, for an account that has no failure of its own and with
    // the right password, is refused unchecked: its client has had three.
    let (s, v) = token_via(&app, "198.51.100.9", "che@admin.test", PASSWORD).await;
    assert_error((s, &v), StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("network address"),
        "{v}"
    );
    // The account's own count was not moved by the refusal.
    let failures: i64 = {
        use diesel::prelude::*;
        let mut conn = tapballot::store::connect(&app.database_url).unwrap();
        tapballot::store::schema::sign_in_failures::table
            .filter(tapballot::store::schema::sign_in_failures::email.eq("che@admin.test"))
            .count()
            .get_result(&mut conn)
            .unwrap()
    };
    assert_eq!(failures, 0);
    // After the window the client may try again. A success with one account
    // does not clear the client's failures with others.
    app.clock.advance(chrono::Duration::minutes(15));
    for n in 1..=2 {
        let (s, _) = token_via(
            &app,
            "198.51.100.1",
            &format!("nobody{n}@x.test"),
            "a guess",
        )
        .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let (s, _) = token_via(&app, "198.51.100.1", "che@admin.test", PASSWORD).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = token_via(&app, "198.51.100.1", "nobody3@x.test", "a guess").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = token_via(&app, "198.51.100.1", "fra@admin.test", PASSWORD).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
}

/// Behind a trusted proxy, the client is the address the proxy forwarded:
/// two clients behind one proxy are counted apart, and what a client wrote
/// into the header before the proxy appended its address is not believed.
async fn behind_a_trusted_proxy_clients_are_told_apart(backend: Backend) {
    // The test's requests come from 127.0.0.1: here it plays the proxy.
    let Some(app) = app_allowing_three_failures_per_client(backend, "127.0.0.1").await else {
        return;
    };
    for n in 1..=3 {
        let (s, _) = token_via(&app, "192.0.2.1", &format!("nobody{n}@x.test"), "a guess").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let (s, _) = token_via(&app, "192.0.2.1", "che@admin.test", PASSWORD).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    // A name the client wrote itself, left of the proxy's own entry.
    let (s, _) = token_via(&app, "192.0.2.2, 192.0.2.1", "che@admin.test", PASSWORD).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not held up.
    let (s, _) = token_via(&app, "192.0.2.2", "che@admin.test", PASSWORD).await;
    assert_eq!(s, StatusCode::OK);
    let stored: Vec<String> = {
        use diesel::prelude::*;
        use tapballot::store::schema::sign_in_client_failures as f;
        let mut conn = tapballot::store::connect(&app.database_url).unwrap();
        f::table
            .select(f::client)
            .distinct()
            .load(&mut conn)
            .unwrap()
    };
    assert_eq!(stored, vec!["192.0.2.1".to_owned()]);
}

mod client_limits {
    use crate::helpers::Backend;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_across_accounts() {
        super::failures_from_one_client_are_limited_across_accounts(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(
        not(postgres_tests),
        ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
    )]
    async fn postgres_across_accounts() {
        super::failures_from_one_client_are_limited_across_accounts(Backend::Postgres).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_behind_a_proxy() {
        super::behind_a_trusted_proxy_clients_are_told_apart(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(
        not(postgres_tests),
        ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
    )]
    async fn postgres_behind_a_proxy() {
        super::behind_a_trusted_proxy_clients_are_told_apart(Backend::Postgres).await;
    }
}
