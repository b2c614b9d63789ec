//! TSB manages accounts: reactivation and invitations sent again.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends!(
    tsb_changes_a_users_name_language_and_member_state,
    a_deactivated_user_can_be_reactivated_and_signs_in_afresh,
    an_invitation_sent_again_revokes_the_earlier_link,
);

async fn post(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    app.call(Method::POST, path, Some(token), None).await
}

async fn a_deactivated_user_can_be_reactivated_and_signs_in_afresh(app: TestApp) {
    let fra = app.fra.id.clone();
    let (s, _) = app.deactivate_user(Some(&app.tsb.token), &fra).await;
    assert_eq!(s, StatusCode::OK);
    let credentials = json!({"email": "fra@admin.test", "password": PASSWORD});
    let (s, _) = app.request_token(credentials.clone()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // Only TSB staff may reactivate; an unknown id is 404.
    let (s, v) = post(
        &app,
        &app.che.token,
        &format!("/api/v1/users/{fra}/reactivate"),
    )
    .await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "tsb_only");
    let (s, v) = post(&app, &app.tsb.token, "/api/v1/users/nobody/reactivate").await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "user_not_found");

    let (s, user) = post(
        &app,
        &app.tsb.token,
        &format!("/api/v1/users/{fra}/reactivate"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{user}");
    assert_eq!(user["active"], true);
    // The old token stays revoked; signing in again works.
    let (s, _) = app
        .call(Method::GET, "/api/v1/me", Some(&app.fra.token), None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app.request_token(credentials).await;
    assert_eq!(s, StatusCode::OK);
    // Once more changes nothing and records nothing more.
    let (s, _) = post(
        &app,
        &app.tsb.token,
        &format!("/api/v1/users/{fra}/reactivate"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (_, events) = app
        .list_audit(Some(&app.tsb.token), &format!("?subject=user/{fra}"))
        .await;
    let actions: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "user_reactivated").count(),
        1,
        "{actions:?}"
    );
}

/// The token of the newest account-invitation link sent to `email`.
fn newest_link_token(app: &TestApp, email: &str) -> String {
    let email = app
        .outbox()
        .into_iter()
        .rev()
        .find(|e| e.kind == "account_invitation" && e.recipient == email)
        .expect("an invitation");
    let start = email.body_text.find("set-password?token=").expect("a link") + 19;
    email.body_text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

async fn an_invitation_sent_again_revokes_the_earlier_link(app: TestApp) {
    let (s, user) = app
        .invite_user(
            Some(&app.tsb.token),
            json!({"email": "ken@admin.test", "name": "Kenya", "role": "member", "member_state": "KEN"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = user["id"].as_str().unwrap().to_owned();
    let first = newest_link_token(&app, "ken@admin.test");

    let (s, v) = post(
        &app,
        &app.tsb.token,
        &format!("/api/v1/users/{id}/invitation"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let second = newest_link_token(&app, "ken@admin.test");
    assert_ne!(first, second);
    let (s, v) = app
        .set_password(json!({"token": first, "password": "a new long password"}))
        .await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "invalid_link");
    let (s, _) = app
        .set_password(json!({"token": second, "password": "a new long password"}))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);

    // Once the password is set, or for a deactivated account, there is none to send.
    let (s, v) = post(
        &app,
        &app.tsb.token,
        &format!("/api/v1/users/{id}/invitation"),
    )
    .await;
    assert_error((s, &v), StatusCode::CONFLICT, "password_already_set");
    let (s, invited) = app
        .invite_user(
            Some(&app.tsb.token),
            json!({"email": "gha@admin.test", "name": "Ghana", "role": "member", "member_state": "GHA"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let gha = invited["id"].as_str().unwrap().to_owned();
    app.deactivate_user(Some(&app.tsb.token), &gha).await;
    let (s, v) = post(
        &app,
        &app.tsb.token,
        &format!("/api/v1/users/{gha}/invitation"),
    )
    .await;
    assert_error((s, &v), StatusCode::CONFLICT, "user_inactive");
    let (s, v) = post(
        &app,
        &app.che.token,
        &format!("/api/v1/users/{id}/invitation"),
    )
    .await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "tsb_only");
}

async fn patch(app: &TestApp, token: &str, id: &str, body: Value) -> (StatusCode, Value) {
    app.call(
        Method::PATCH,
        &format!("/api/v1/users/{id}"),
        Some(token),
        Some(body),
    )
    .await
}

async fn tsb_changes_a_users_name_language_and_member_state(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let fra = app.fra.id.clone();
    let (s, user) = patch(
        &app,
        &app.tsb.token,
        &fra,
        json!({"name": "Point focal", "language": "fr", "member_state": "bel"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{user}");
    assert_eq!(
        (&user["name"], &user["language"], &user["member_state"]),
        (&json!("Point focal"), &json!("fr"), &json!("BEL"))
    );
    // At once: the same token now acts for Belgium, no longer for France.
    let (s, _) = app.put_reply(&app.fra.token, id, "BEL", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app.put_reply(&app.fra.token, id, "FRA", all_yes()).await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "other_member_state");
    // A field left out stays; the change is in the audit trail.
    let (_, user) = patch(
        &app,
        &app.tsb.token,
        &fra,
        json!({"name": "Point focal (BEL)"}),
    )
    .await;
    assert_eq!(
        (&user["language"], &user["member_state"]),
        (&json!("fr"), &json!("BEL"))
    );
    let (_, events) = app
        .list_audit(Some(&app.tsb.token), &format!("?subject=user/{fra}"))
        .await;
    let changed: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "user_changed")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(
        changed
            .iter()
            .any(|d| d.contains("Member State FRA -> BEL")),
        "{changed:?}"
    );

    for (body, status, code) in [
        (
            json!({"name": " "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "missing_field",
        ),
        (
            json!({"name": "a\nb"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "control_characters",
        ),
        (
            json!({"language": "de"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_language",
        ),
        (
            json!({"member_state": "XXX"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "member_state_not_found",
        ),
        (
            json!({"role": "tsb"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_field",
        ),
    ] {
        let (s, v) = patch(&app, &app.tsb.token, &fra, body.clone()).await;
        assert_error((s, &v), status, code);
    }
    let tsb = app.tsb.id.clone();
    let (s, v) = patch(&app, &app.tsb.token, &tsb, json!({"member_state": "CHE"})).await;
    assert_error(
        (s, &v),
        StatusCode::UNPROCESSABLE_ENTITY,
        "member_state_refused",
    );
    let (s, v) = patch(&app, &app.che.token, &fra, json!({"name": "x"})).await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "tsb_only");
    let (s, v) = patch(&app, &app.tsb.token, "nobody", json!({"name": "x"})).await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "user_not_found");
}
