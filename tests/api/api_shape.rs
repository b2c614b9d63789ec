//! The API as clients integrate with it: unknown fields refused on every
//! body, who am I, filters, and an OpenAPI document with unique operation ids.

use std::collections::HashSet;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends!(
    unknown_fields_are_refused_on_every_body,
    a_client_can_ask_who_it_is,
    consultations_can_be_listed_by_status,
);

async fn openapi(app: &TestApp) -> Value {
    let (s, doc) = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    doc
}

async fn unknown_fields_are_refused_on_every_body(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let doc = openapi(&app).await;
    let mut walked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op.get("requestBody").is_none() {
                continue;
            }
            let url = path.replace("{id}", id).replace("{iso3}", "CHE");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let (s, v) = app
                .call(
                    method.clone(),
                    &url,
                    Some(&app.tsb.token),
                    Some(json!({"zz_not_a_field": 1})),
                )
                .await;
            assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "unknown_field");
            let message = v["error"]["message"].as_str().unwrap();
            assert!(
                message.contains("`zz_not_a_field`"),
                "{method} {url}: {message}"
            );
            walked += 1;
        }
    }
    assert!(walked >= 8, "every body-taking endpoint walked: {walked}");

    // Inside a body too: a typo in a response is refused, not stored without reasons.
    let (s, v) = app
        .submit_reply(
            Some(&app.che.token),
            id,
            "CHE",
            json!({"responses": [{"draft": "X.1237", "position": "no", "reason": "typo"}]}),
        )
        .await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "unknown_field");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("`reason`") && message.contains("`reasons`"),
        "{message}"
    );
    let (_, reply) = app.get_reply(Some(&app.che.token), id, "CHE").await;
    assert!(reply["current"].is_null(), "nothing stored");
}

async fn a_client_can_ask_who_it_is(app: TestApp) {
    let (s, me) = app
        .call(Method::GET, "/api/v1/me", Some(&app.che.token), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["id"], app.che.id.as_str());
    assert_eq!(me["email"], "che@admin.test");
    assert_eq!(me["role"], "member");
    assert_eq!(me["member_state"], "CHE");
    assert_eq!(me["language"], "en");
    let (_, me) = app
        .call(Method::GET, "/api/v1/me", Some(&app.tsb.token), None)
        .await;
    assert_eq!(
        (me["role"].as_str(), me["member_state"].is_null()),
        (Some("tsb"), true)
    );
    let (s, v) = app.call(Method::GET, "/api/v1/me", None, None).await;
    assert_error((s, &v), StatusCode::UNAUTHORIZED, "missing_token");
}

async fn consultations_can_be_listed_by_status(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let listed = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let token = Some(app.che.token.as_str());
    let (_, open) = app
        .call(
            Method::GET,
            "/api/v1/consultations?status=open",
            token,
            None,
        )
        .await;
    assert_eq!(listed(&open), vec![id.to_owned()]);
    let (_, closed) = app
        .call(
            Method::GET,
            "/api/v1/consultations?status=closed",
            token,
            None,
        )
        .await;
    assert!(listed(&closed).is_empty());
    app.clock.set("2024-08-22T00:00:00Z".parse().unwrap());
    let (_, closed) = app
        .call(
            Method::GET,
            "/api/v1/consultations?status=closed",
            token,
            None,
        )
        .await;
    assert_eq!(listed(&closed), vec![id.to_owned()]);
    let (_, all) = app
        .call(Method::GET, "/api/v1/consultations", token, None)
        .await;
    assert_eq!(listed(&all).len(), 1);
    let (s, v) = app
        .call(
            Method::GET,
            "/api/v1/consultations?status=ended",
            token,
            None,
        )
        .await;
    assert_error((s, &v), StatusCode::BAD_REQUEST, "invalid_query");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_has_its_own_id() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let doc = openapi(&app).await;
    let mut seen = HashSet::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let id = op["operationId"].as_str().unwrap().to_owned();
            assert!(seen.insert(id.clone()), "operationId {id} twice");
        }
    }
    assert!(seen.len() > 20, "{seen:?}");
    // Positions and statuses are enums, not free strings.
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["ResponseBody"]["properties"]["position"]["$ref"]
            .as_str()
            .is_some_and(|r| r.ends_with("/Position")),
        "{}",
        schemas["ResponseBody"]
    );
    assert_eq!(schemas["Position"]["enum"], json!(["yes", "no"]));
}
