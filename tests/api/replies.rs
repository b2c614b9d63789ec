use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

async fn a_member_state_replies_revises_and_withdraws(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let path = format!("/api/v1/consultations/{id}/replies/CHE");

    let (s, r1) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(r1["revision"], 1);
    assert_eq!(r1["changed"], true);
    assert_eq!(r1["received_at"], "2024-08-01T08:00:00Z");
    assert!(r1["receipt"].as_str().unwrap().starts_with("TAP-"));
    assert_eq!(r1["warnings"], json!([]));

    // The same reply again makes no revision and returns the same receipt.
    app.clock.advance(chrono::Duration::minutes(5));
    let (s, again) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(again["revision"], 1);
    assert_eq!(again["changed"], false);
    assert_eq!(again["receipt"], r1["receipt"]);

    // A "no" without reasons is accepted with a warning.
    let (s, r2) = app
        .put_reply(&app.che.token, id, "CHE", json!([{"draft": "X.1237", "position": "yes"}, {"draft": "X.1283", "position": "no", "comments": "see TD"}]))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(r2["revision"], 2);
    assert_ne!(r2["receipt"], r1["receipt"]);
    assert_eq!(r2["warnings"][0]["code"], "no_without_reasons");
    assert_eq!(r2["warnings"][0]["draft"], "X.1283");

    let (s, view) = app
        .call(Method::GET, &path, Some(&app.che.token), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(view["member_state"]["iso3"], "CHE");
    assert_eq!(view["current"]["revision"], 2);
    let current = view["current"]["responses"].as_array().unwrap();
    assert_eq!(current.len(), 2, "drafts left out have no reply");
    assert_eq!(current[1]["draft"], "X.1283");
    assert_eq!(current[1]["provisional_name"], "X.gpwd");
    assert_eq!(current[1]["position"], "no");
    assert_eq!(current[1]["reasons"], Value::Null);
    assert_eq!(current[1]["comments"], "see TD");
    assert_eq!(view["current"]["entered_by"]["email"], "che@admin.test");
    assert_eq!(view["current"]["on_behalf"], false);
    let revisions: Vec<i64> = view["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"].as_i64().unwrap())
        .collect();
    assert_eq!(revisions, vec![1, 2]);

    // Withdraw: a revision without responses.
    let (s, w) = app
        .call(Method::DELETE, &path, Some(&app.che.token), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(w["revision"], 3);
    let (_, view) = app
        .call(Method::GET, &path, Some(&app.che.token), None)
        .await;
    assert_eq!(view["current"]["withdrawn"], true);
    assert_eq!(view["current"]["responses"], json!([]));
    assert_eq!(view["revisions"].as_array().unwrap().len(), 3);
    // Withdrawing again changes nothing.
    let (s, w2) = app
        .call(Method::DELETE, &path, Some(&app.che.token), None)
        .await;
    assert_eq!(
        (s, w2["revision"].as_i64(), w2["changed"].as_bool()),
        (StatusCode::OK, Some(3), Some(false))
    );
    // And a new reply after a withdrawal counts again.
    let (_, r4) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(r4["revision"], 4);
}

async fn tsb_enters_a_reply_on_behalf_with_its_source(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (s, _) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "deu",
            json!({"responses": all_yes(), "source": "fax of 20 August 2024"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, view) = app.get_reply(Some(&app.tsb.token), id, "DEU").await;
    assert_eq!(view["current"]["on_behalf"], true);
    assert_eq!(view["current"]["source"], "fax of 20 August 2024");
    assert_eq!(view["current"]["entered_by"]["email"], "tsb@itu.test");
    let (s, all) = app.list_replies(Some(&app.tsb.token), id).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["member_state"]["iso3"], "DEU");
    assert_eq!(all[0]["member_state"]["name"], "Germany");
}

async fn invalid_replies_are_refused_and_store_nothing(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let long = "x".repeat(100_001);
    let cases: Vec<(Value, &str)> = vec![
        (
            json!([{"draft": "X.9999", "position": "yes"}]),
            "unknown_draft",
        ),
        (
            json!([{"draft": "X.1237", "position": "yes"}, {"draft": "X.1237", "position": "no"}]),
            "repeated_draft",
        ),
        (
            json!([{"draft": "X.1237", "position": "abstain"}]),
            "invalid_position",
        ),
        (
            json!([{"draft": "X.1237", "position": "no", "reasons": long}]),
            "text_too_long",
        ),
        (
            json!([{"draft": "X.1237", "position": "yes", "comments": "y".repeat(100_001)}]),
            "text_too_long",
        ),
        (json!([]), "empty_reply"),
    ];
    for (responses, code) in cases {
        let (s, v) = app.put_reply(&app.che.token, id, "CHE", responses).await;
        assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    // Exactly 100 000 characters (of a CJK script) is accepted.
    let (s, _) = app
        .put_reply(
            &app.che.token,
            id,
            "CHE",
            json!([{"draft": "X.1237", "position": "no", "reasons": "理".repeat(100_000)}]),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    // Bodies over 1 MiB are refused before parsing.
    let huge = json!({"responses": [{"draft": "X.1237", "position": "no", "reasons": "z".repeat(1_100_000)}]});
    let (s, v) = app
        .submit_reply(Some(&app.che.token), id, "CHE", huge)
        .await;
    assert_error((s, &v), StatusCode::PAYLOAD_TOO_LARGE, "body_too_large");
    // Malformed JSON and wrong shapes are 400.
    for raw in [
        "{",
        "[]",
        "{\"responses\": 5}",
        "{\"responses\": [{\"draft\": 1, \"position\": \"yes\"}]}",
    ] {
        let r = app
            .client
            .put(format!(
                "{}/api/v1/consultations/{id}/replies/CHE",
                app.base
            ))
            .bearer_auth(&app.che.token)
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{raw}");
    }

    let (_, view) = app.get_reply(Some(&app.che.token), id, "CHE").await;
    assert_eq!(
        view["revisions"].as_array().unwrap().len(),
        1,
        "only the valid reply was stored"
    );
}

async fn unknown_consultations_and_member_states_are_404(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (s, v) = app.put_reply(&app.tsb.token, id, "XXX", all_yes()).await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "member_state_not_found");
    let (s, v) = app
        .put_reply(&app.tsb.token, "nope", "CHE", all_yes())
        .await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "consultation_not_found");
    let (s, v) = app
        .withdraw_reply(Some(&app.che.token), id, "CHE", None)
        .await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "no_reply");
    let (s, v) = app.get_reply(Some(&app.tsb.token), id, "XXX").await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "member_state_not_found");
    // A Member State that never replied has an empty history.
    let (s, v) = app.get_reply(Some(&app.che.token), id, "CHE").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["current"], Value::Null);
    assert_eq!(v["revisions"], json!([]));
}

/// Runs one statement on the app's database, whichever backend it is.
fn execute_sql(app: &TestApp, sql: &str) -> usize {
    use diesel::RunQueryDsl;
    let mut conn = tapballot::store::connect(&app.database_url).expect("connect");
    match &mut conn {
        tapballot::store::DbConnection::Sqlite(c) => diesel::sql_query(sql).execute(c),
        tapballot::store::DbConnection::Postgres(c) => diesel::sql_query(sql).execute(c),
    }
    .expect("statement")
}

/// A new reply is compared with the one in force by the digest kept with
/// each revision; revisions stored before digests were kept have none, and
/// are compared response by response.
async fn a_revision_without_a_digest_is_compared_response_by_response(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (s, r1) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(r1["revision"], 1);
    assert_eq!(
        execute_sql(&app, "UPDATE reply_revisions SET responses_digest = NULL"),
        1
    );

    let (s, again) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (again["revision"].clone(), again["changed"].clone()),
        (json!(1), json!(false))
    );
    assert_eq!(again["receipt"], r1["receipt"]);

    let other = json!([{"draft": "X.1237", "position": "no", "reasons": "scope"}]);
    let (s, r2) = app
        .put_reply(&app.che.token, id, "CHE", other.clone())
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (r2["revision"].clone(), r2["changed"].clone()),
        (json!(2), json!(true))
    );
    // Only the first revision has no digest; the same reply again is found equal.
    assert_eq!(
        execute_sql(
            &app,
            "UPDATE reply_revisions SET revision = revision WHERE responses_digest IS NULL"
        ),
        1
    );
    let (s, again) = app.put_reply(&app.che.token, id, "CHE", other).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (again["revision"].clone(), again["changed"].clone()),
        (json!(2), json!(false))
    );
    // Back to the first reply: a new revision, not the old one's receipt.
    let (s, r3) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (r3["revision"].clone(), r3["changed"].clone()),
        (json!(3), json!(true))
    );
    assert_ne!(r3["receipt"], r1["receipt"]);
}

on_both_backends!(
    a_member_state_replies_revises_and_withdraws,
    a_revision_without_a_digest_is_compared_response_by_response,
    tsb_enters_a_reply_on_behalf_with_its_source,
    invalid_replies_are_refused_and_store_nothing,
    unknown_consultations_and_member_states_are_404,
);
