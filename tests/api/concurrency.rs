use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::on_both_backends;

/// Sends Switzerland's replies with these bodies all at once; the answers,
/// in the order sent.
async fn che_replies_at_once(
    app: &TestApp,
    id: &str,
    bodies: impl Iterator<Item = serde_json::Value>,
) -> Vec<(StatusCode, serde_json::Value)> {
    let tasks: Vec<_> = bodies
        .map(|body| {
            let client = app.client.clone();
            let url = format!("{}/api/v1/consultations/{id}/replies/CHE", app.base);
            let token = app.che.token.clone();
            tokio::spawn(async move {
                let r = client
                    .put(url)
                    .bearer_auth(token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                (r.status(), r.json::<serde_json::Value>().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    answers
}

async fn simultaneous_revisions_stay_contiguous_with_one_current_reply(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    const N: usize = 24;
    // Every body differs, so every request makes a revision.
    let bodies = (0..N).map(|i| json!({"responses": [{"draft": "X.1237", "position": "no", "reasons": format!("variant {i}")}]}));
    let mut revisions = Vec::new();
    for (s, v) in che_replies_at_once(&app, &id, bodies).await {
        assert_eq!(s, StatusCode::OK, "{v}");
        revisions.push(v["revision"].as_i64().unwrap());
    }
    revisions.sort();
    assert_eq!(
        revisions,
        (1..=N as i64).collect::<Vec<_>>(),
        "each request got its own revision"
    );

    let (_, view) = app.get_reply(Some(&app.che.token), &id, "CHE").await;
    let stored: Vec<i64> = view["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"].as_i64().unwrap())
        .collect();
    assert_eq!(stored, (1..=N as i64).collect::<Vec<_>>());
    assert_eq!(view["current"]["revision"], N as i64);
    let (_, all) = app.list_replies(Some(&app.tsb.token), &id).await;
    assert_eq!(
        all.as_array().unwrap().len(),
        1,
        "exactly one current reply"
    );
    let (_, tally) = app.tally(Some(&app.tsb.token), &id).await;
    assert_eq!(tally["drafts"][0]["replies"], 1);
}

async fn replies_of_different_member_states_proceed_side_by_side(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let states = [
        "AUT", "BEL", "CAN", "DNK", "EGY", "FIN", "GHA", "HUN", "IND", "JPN", "KEN", "LUX", "MEX",
        "NOR", "OMN", "PER",
    ];
    let mut tasks = Vec::new();
    for iso3 in states {
        for _ in 0..2 {
            let client = app.client.clone();
            let url = format!("{}/api/v1/consultations/{id}/replies/{iso3}", app.base);
            let token = app.tsb.token.clone();
            tasks.push(tokio::spawn(async move {
                client
                    .put(url)
                    .bearer_auth(token)
                    .json(&json!({"responses": all_yes()}))
                    .send()
                    .await
                    .unwrap()
                    .status()
            }));
        }
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    let (_, tally) = app.tally(Some(&app.tsb.token), &id).await;
    assert_eq!(tally["member_states_replied"], states.len());
    // The second identical request of each pair made no revision.
    let (_, all) = app.list_replies(Some(&app.tsb.token), &id).await;
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["reply"]["revision"] == 1));
}

/// The same reply sent many times at once makes one revision, and every
/// answer carries its log receipt: those that changed nothing wait for the
/// append of the entry the first one queued (PostgreSQL appends after the
/// commit), rather than answering before it.
async fn the_same_reply_sent_at_once_gets_one_receipt_in_every_answer(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let key = app.log_key().await;
    for round in 0..3 {
        const N: usize = 12;
        let body = json!({"responses": [{"draft": "X.1237", "position": "no", "reasons": format!("round {round}")}]});
        let mut receipts = Vec::new();
        for (s, v) in che_replies_at_once(&app, &id, std::iter::repeat_n(body, N)).await {
            assert_eq!(s, StatusCode::OK, "round {round}: {v}");
            assert_eq!(v["revision"], round + 1, "{v}");
            receipts.push(crate::log::receipt_of(&v));
        }
        let failed = crate::log::failed(&receipts[0], &key);
        assert!(failed.is_empty(), "{failed:?}");
        assert!(
            receipts.iter().all(|r| r == &receipts[0]),
            "one revision, one receipt"
        );
    }
}

on_both_backends!(
    simultaneous_revisions_stay_contiguous_with_one_current_reply,
    the_same_reply_sent_at_once_gets_one_receipt_in_every_answer,
    replies_of_different_member_states_proceed_side_by_side,
);
