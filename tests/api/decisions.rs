//! The meeting's decisions (Resolution 1, 9.5-9.6): recorded per draft by
//! TSB, read by everyone, notified to every focal point, written out for the
//! Operational Bulletin; a deferral's end reminds TSB.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends!(
    the_meeting_decides_each_draft_and_every_focal_point_is_told,
    decisions_follow_the_rules_of_the_meeting,
);

async fn decide(
    app: &TestApp,
    token: Option<&str>,
    id: &str,
    draft: &str,
    body: Value,
) -> (StatusCode, Value) {
    app.call(
        Method::PUT,
        &format!("/api/v1/consultations/{id}/decisions/{draft}"),
        token,
        Some(body),
    )
    .await
}

/// Circular 195 closed: CHE yes to all; FRA no to X.1283, so X.1283 may not
/// proceed (1 of 2); the clock on the meeting's last day.
async fn closed_195(app: &TestApp) -> String {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    let mut fra = all_yes();
    fra[1] = json!({"draft": "X.1283", "position": "no", "reasons": "Clause 6.2."});
    app.put_reply(&app.fra.token, &id, "FRA", fra).await;
    let (s, v) = decide(
        app,
        Some(&app.tsb.token),
        &id,
        "X.1237",
        json!({"outcome": "approved", "decided_on": "2024-08-01"}),
    )
    .await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_open");
    app.clock.set("2024-09-12T10:00:00Z".parse().unwrap());
    id
}

async fn the_meeting_decides_each_draft_and_every_focal_point_is_told(app: TestApp) {
    let id = closed_195(&app).await;
    let tsb = Some(app.tsb.token.as_str());
    let (s, v) = decide(
        &app,
        tsb,
        &id,
        "X.1237",
        json!({"outcome": "approved", "decided_on": "2024-09-12",
               "reservations": [{"member_state": "egy", "text": "تحفظ على البند 7"}],
               "abstentions": ["fra"], "note": "Approved at the closing plenary."}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["outcome"], "approved");
    assert_eq!(v["reservations"][0]["member_state"]["iso3"], "EGY");
    assert_eq!(v["reservations"][0]["member_state"]["name"], "Egypt");
    assert_eq!(v["reservations"][0]["text"], "تحفظ على البند 7");
    assert_eq!(v["abstentions"][0]["iso3"], "FRA");
    assert_eq!(v["recorded_by"], app.tsb.id.as_str());
    let (s, _) = decide(
        &app,
        tsb,
        &id,
        "X.1283",
        json!({"outcome": "not_approved", "decided_on": "2024-09-12"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = decide(
        &app,
        tsb,
        &id,
        "X.1353",
        json!({"outcome": "deferred", "decided_on": "2024-09-12", "deferred_until": "2024-10-10"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["deferred_until"], "2024-10-10");

    // Every signed-in user reads them, in draft order; only TSB records.
    let (s, list) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/decisions"),
            Some(&app.fra.token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let drafts: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["draft"].as_str().unwrap())
        .collect();
    assert_eq!(drafts, ["X.1237", "X.1283", "X.1353"]);
    let notify_path = format!("/api/v1/consultations/{id}/decisions/notify");
    let bulletin_path = format!("/api/v1/consultations/{id}/decisions/bulletin");
    let body = json!({"outcome": "approved", "decided_on": "2024-09-12"});
    for (token, expected) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(app.che.token.as_str()), StatusCode::FORBIDDEN),
    ] {
        let (s, _) = decide(&app, token, &id, "X.1354", body.clone()).await;
        assert_eq!(s, expected);
        let (s, _) = app.call(Method::POST, &notify_path, token, None).await;
        assert_eq!(s, expected);
        let (s, _) = app.call(Method::GET, &bulletin_path, token, None).await;
        assert_eq!(s, expected);
    }
    let (s, _) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/decisions"),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // The notification reaches every focal point and the TSB copy.
    let before = app.outbox().len();
    let (s, v) = app.call(Method::POST, &notify_path, tsb, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let rows = app.outbox();
    let mut told: Vec<&str> = rows[before..]
        .iter()
        .filter(|e| e.kind == "decision_notice")
        .map(|e| e.recipient.as_str())
        .collect();
    told.sort_unstable();
    assert_eq!(
        told,
        ["che@admin.test", "fra@admin.test", "tsb-copy@itu.test"]
    );
    assert_eq!(v["queued"], 3);
    let che = rows
        .iter()
        .find(|e| e.kind == "decision_notice" && e.recipient == "che@admin.test")
        .unwrap();
    assert!(
        che.body_text.contains("X.1237 (X.tsfpp): approved"),
        "{}",
        che.body_text
    );
    assert!(
        che.body_text
            .contains("Reservation of Egypt: تحفظ على البند 7"),
        "{}",
        che.body_text
    );
    assert!(che.body_text.contains("Abstained: France"));
    assert!(che.body_text.contains("until 10 October 2024"));

    // The text for the Operational Bulletin.
    let r = app.request(Method::GET, &bulletin_path, tsb, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = r.text().await.unwrap();
    assert!(
        text.contains("ITU-T X.1237 (X.tsfpp), Draft X.1237: approved on 12 September 2024."),
        "{text}"
    );
    assert!(
        text.contains("Reservation of Egypt: تحفظ على البند 7"),
        "{text}"
    );
    assert!(text.contains("Abstained: France."), "{text}");
    assert!(
        text.contains("X.1283 (X.gpwd), Draft X.1283: not approved"),
        "{text}"
    );
    assert!(
        text.contains("decision deferred on 12 September 2024 until 10 October 2024."),
        "{text}"
    );

    // The deferral's end reminds TSB, once.
    app.clock.set("2024-10-10T06:00:00Z".parse().unwrap());
    let worker = app.worker();
    worker.run_due().unwrap();
    worker.run_due().unwrap();
    let reminders: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|e| e.kind == "deferral_reminder")
        .collect();
    assert_eq!(reminders.len(), 1, "once, to the TSB copy address");
    assert_eq!(reminders[0].recipient, "tsb-copy@itu.test");
    assert!(reminders[0].body_text.contains("X.1353"));

    // The final outcome replaces the deferral.
    let (s, v) = decide(
        &app,
        tsb,
        &id,
        "X.1353",
        json!({"outcome": "approved", "decided_on": "2024-10-10"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["deferred_until"].is_null());
    let (_, list) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/decisions"),
            tsb,
            None,
        )
        .await;
    assert_eq!(list[2]["outcome"], "approved");
    let (_, audit) = app.list_audit(tsb, "?limit=200").await;
    let recorded = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "decision_recorded")
        .count();
    assert_eq!(recorded, 4);
    assert!(audit
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "decisions_notified"));

    // A focal point sees them on its page of the consultation.
    use crate::pages::{browser, get_page, sign_in};
    let client = browser();
    sign_in(&app, &client, "che@admin.test").await;
    let page = get_page(&app, &client, &format!("/consultations/{id}/replies/CHE")).await;
    assert!(page.contains("Decisions of the meeting"), "{page}");
    assert!(page.contains("Reservation of Egypt"), "{page}");
}

async fn decisions_follow_the_rules_of_the_meeting(app: TestApp) {
    let id = closed_195(&app).await;
    let tsb = Some(app.tsb.token.as_str());
    for (draft, body, status, code) in [
        (
            "X.1283",
            json!({"outcome": "approved", "decided_on": "2024-09-12"}),
            422,
            "invalid_decision",
        ),
        (
            "X.1237",
            json!({"outcome": "deferred", "decided_on": "2024-09-12", "deferred_until": "2024-10-11"}),
            422,
            "invalid_decision",
        ),
        (
            "X.1237",
            json!({"outcome": "deferred", "decided_on": "2024-09-12"}),
            422,
            "invalid_decision",
        ),
        (
            "X.1237",
            json!({"outcome": "approved", "decided_on": "2024-09-12", "deferred_until": "2024-09-20"}),
            422,
            "invalid_decision",
        ),
        (
            "X.1237",
            json!({"outcome": "approved", "decided_on": "2024-08-20"}),
            422,
            "invalid_decision",
        ),
        (
            "X.1237",
            json!({"outcome": "approved", "decided_on": "2024-09-13"}),
            422,
            "invalid_decision",
        ),
        (
            "X.1237",
            json!({"outcome": "approved", "decided_on": "2024-09-12", "abstentions": ["XXX"]}),
            422,
            "member_state_not_found",
        ),
        (
            "X.1237",
            json!({"outcome": "approved", "decided_on": "2024-09-12", "abstentions": ["CHE"], "reservations": [{"member_state": "CHE", "text": "x"}]}),
            422,
            "invalid_decision",
        ),
        (
            "X.1237",
            json!({"outcome": "approved", "decided_on": "2024-09-12", "votes": 3}),
            422,
            "unknown_field",
        ),
        (
            "X.9999",
            json!({"outcome": "approved", "decided_on": "2024-09-12"}),
            404,
            "not_found",
        ),
    ] {
        let (s, v) = decide(&app, tsb, &id, draft, body.clone()).await;
        assert_error((s, &v), StatusCode::from_u16(status).unwrap(), code);
    }
    let (s, v) = decide(
        &app,
        tsb,
        &id,
        "X.1237",
        json!({"outcome": "maybe", "decided_on": "2024-09-12"}),
    )
    .await;
    assert!(s.is_client_error(), "{s} {v}");
    let (_, list) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/decisions"),
            tsb,
            None,
        )
        .await;
    assert_eq!(list, json!([]), "nothing stored");
    let (s, v) = app
        .call(
            Method::POST,
            &format!("/api/v1/consultations/{id}/decisions/notify"),
            tsb,
            None,
        )
        .await;
    assert_error(
        (s, &v),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_decision",
    );

    // A cancelled consultation has no decisions.
    app.clock.set(summer_2024());
    let other = app
        .create_consultation(circular_body("TSB Circular 196"))
        .await;
    let oid = other["id"].as_str().unwrap();
    let (s, _) = app
        .call(
            Method::POST,
            &format!("/api/v1/consultations/{oid}/cancel"),
            tsb,
            Some(json!({"reason": "withdrawn"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    app.clock.set("2024-09-12T10:00:00Z".parse().unwrap());
    let (s, v) = decide(
        &app,
        tsb,
        oid,
        "X.1237",
        json!({"outcome": "approved", "decided_on": "2024-09-12"}),
    )
    .await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_cancelled");
}

on_both_backends!(tsb_records_notifies_and_downloads_the_decisions_in_the_pages);

async fn tsb_records_notifies_and_downloads_the_decisions_in_the_pages(app: TestApp) {
    use crate::pages::{browser, get_page, sign_in};
    let id = closed_195(&app).await;
    let client = browser();
    let csrf = sign_in(&app, &client, "tsb@itu.test").await;
    let page = get_page(&app, &client, &format!("/tsb/consultations/{id}")).await;
    assert!(
        page.contains(&format!("href=\"/tsb/consultations/{id}/decisions\"")),
        "{page}"
    );
    let page = get_page(&app, &client, &format!("/tsb/consultations/{id}/decisions")).await;
    assert!(page.contains("Save the decision on X.1237"), "{page}");
    let post = |path: String, form: Vec<(&'static str, String)>| {
        let client = client.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let r = client.post(url).form(&form).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let form = |reservations: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("outcome", "approved".to_owned()),
            ("decided_on", "2024-09-12".to_owned()),
            ("deferred_until", String::new()),
            ("reservations", reservations.to_owned()),
            ("abstentions", "che, fra".to_owned()),
            ("note", String::new()),
        ]
    };
    // Nothing to notify before a decision is recorded: said in the page's words.
    let (s, page) = post(
        format!("/tsb/consultations/{id}/decisions-notify"),
        vec![("csrf", csrf.clone())],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Nothing to notify yet"), "{page}");
    let (s, page) = post(
        format!("/tsb/consultations/{id}/decisions/0"),
        form("EGY clause 7"),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("href=\"#reservations-0\""), "{page}");
    let (s, page) = post(format!("/tsb/consultations/{id}/decisions/1"), form("")).await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "X.1283 may not proceed"
    );
    assert!(page.contains("The decision was not saved"), "{page}");
    assert!(page.contains("it cannot be approved"), "{page}");
    // A refusal in French, beside the field it concerns, never the API's English.
    get_page(
        &app,
        &client,
        &format!("/language/fr?back=/tsb/consultations/{id}/decisions"),
    )
    .await;
    let mut deferred = form("");
    deferred[1].1 = "deferred".to_owned();
    deferred[3].1 = "2024-11-30".to_owned();
    let (s, page) = post(format!("/tsb/consultations/{id}/decisions/0"), deferred).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("au plus quatre semaines après (9.5.5)"),
        "{page}"
    );
    assert!(page.contains("2024-10-10"), "the latest day: {page}");
    assert!(page.contains("href=\"#deferred_until-0\""), "{page}");
    assert!(!page.contains("must be after decided_on"), "{page}");
    get_page(
        &app,
        &client,
        &format!("/language/en?back=/tsb/consultations/{id}/decisions"),
    )
    .await;
    let (s, page) = post(
        format!("/tsb/consultations/{id}/decisions/0"),
        form("EGY: clause 7\nRUS: пункт 3"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("The decision is saved"), "{page}");
    let (_, list) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/decisions"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(list[0]["reservations"][1]["text"], "пункт 3");
    assert_eq!(list[0]["abstentions"].as_array().unwrap().len(), 2);

    let (s, page) = post(
        format!("/tsb/consultations/{id}/decisions-notify"),
        vec![("csrf", csrf.clone())],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("being sent to every focal point"), "{page}");
    assert!(app.outbox().iter().any(|e| e.kind == "decision_notice"));
    let r = client
        .get(format!(
            "{}/tsb/consultations/{id}/decisions/bulletin",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("tsb-circular-195-bulletin.txt"));
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Reservation of Russian Federation: пункт 3"));
}
