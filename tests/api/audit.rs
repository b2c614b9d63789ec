//! The audit trail: every change says who made it, through the API.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

async fn audit(app: &TestApp, query: &str) -> Vec<Value> {
    let (s, v) = app.list_audit(Some(&app.tsb.token), query).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v.as_array().unwrap().clone()
}

fn actions(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}

async fn every_change_records_who_made_it(app: TestApp) {
    // The accounts of the harness were added on the command line.
    let start = audit(&app, "").await;
    assert_eq!(actions(&start), ["user_added"; 3]);
    assert!(start
        .iter()
        .all(|e| e["actor"] == "command line" && e["actor_id"].is_null()));

    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let (s, _) = app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .submit_reply(
            Some(&app.tsb.token),
            &id,
            "FRA",
            json!({"responses": all_yes(), "source": "fax of 1 August"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    // An identical reply makes no revision, so no event either.
    let (s, _) = app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .withdraw_reply(Some(&app.che.token), &id, "CHE", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .update_consultation(Some(&app.tsb.token), &id, circular_195_body())
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, invited) = app
        .invite_user(Some(&app.tsb.token), json!({"email": "ken@admin.test", "name": "Kenya FP", "role": "member", "member_state": "KEN"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let ken = invited["id"].as_str().unwrap().to_owned();
    let (s, _) = app.deactivate_user(Some(&app.tsb.token), &ken).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.revoke_tokens(Some(&app.fra.token)).await;
    assert_eq!(s, StatusCode::NO_CONTENT);

    let all = audit(&app, "").await;
    assert_eq!(
        actions(&all)[..8],
        [
            "tokens_revoked",
            "user_deactivated",
            "user_added",
            "consultation_changed",
            "reply_withdrawn",
            "reply_submitted",
            "reply_submitted",
            "consultation_created",
        ],
        "newest first"
    );
    let by = |i: usize| all[i]["actor_id"].as_str().unwrap().to_owned();
    assert_eq!(by(0), app.fra.id);
    assert_eq!(all[0]["subject"], format!("user/{}", app.fra.id));
    assert_eq!(by(1), app.tsb.id);
    assert_eq!(all[1]["subject"], format!("user/{ken}"));
    assert_eq!(by(2), app.tsb.id);
    assert!(all[2]["detail"].as_str().unwrap().contains("of KEN"));
    assert_eq!(by(4), app.che.id);
    assert_eq!(all[4]["subject"], format!("consultation/{id}/reply/CHE"));
    assert!(all[4]["detail"]
        .as_str()
        .unwrap()
        .starts_with("revision 2, receipt "));
    assert_eq!(by(5), app.tsb.id);
    assert_eq!(all[5]["subject"], format!("consultation/{id}/reply/FRA"));
    assert!(all[5]["detail"]
        .as_str()
        .unwrap()
        .ends_with("entered by TSB on behalf (fax of 1 August)"));
    assert_eq!(all[7]["actor"], "User tsb@itu.test <tsb@itu.test>");
    assert!(all[7]["detail"]
        .as_str()
        .unwrap()
        .contains("TSB Circular 195 (SG17), deadline 2024-08-21T23:59 Europe/Zurich"));

    // One consultation with its replies; one Member State's reply.
    let of_consultation = audit(&app, &format!("?subject=consultation/{id}")).await;
    assert_eq!(
        actions(&of_consultation),
        [
            "consultation_changed",
            "reply_withdrawn",
            "reply_submitted",
            "reply_submitted",
            "consultation_created"
        ]
    );
    let of_che = audit(&app, &format!("?subject=consultation/{id}/reply/CHE")).await;
    assert_eq!(actions(&of_che), ["reply_withdrawn", "reply_submitted"]);
    // Wildcards in the filter are taken literally.
    assert!(audit(&app, "?subject=%25").await.is_empty());
    assert!(audit(&app, "?subject=consultation/_").await.is_empty());
    assert_eq!(audit(&app, "?limit=2").await.len(), 2);

    let (s, v) = app.list_audit(Some(&app.tsb.token), "?limit=0").await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "invalid_limit");
    let (s, _) = app.list_audit(Some(&app.che.token), "").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

/// A change refused is not recorded, and a recorded event never outlives a
/// change rolled back.
async fn refused_changes_leave_no_event(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let before = audit(&app, "").await.len();
    let (s, _) = app
        .submit_reply(
            Some(&app.che.token),
            &id,
            "CHE",
            json!({"responses": [{"draft": "X.9999", "position": "yes"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app
        .submit_reply(
            Some(&app.fra.token),
            &id,
            "CHE",
            json!({"responses": all_yes()}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(audit(&app, "").await.len(), before);
}

on_both_backends!(
    every_change_records_who_made_it,
    refused_changes_leave_no_event
);
