use std::collections::BTreeMap;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

async fn exactly_seventy_percent_may_proceed(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let states = [
        "AUT", "BEL", "CAN", "DNK", "EGY", "FIN", "GHA", "HUN", "IND", "JPN",
    ];
    for (i, iso3) in states.iter().enumerate() {
        // X.1237: 7 yes of 10. X.1283: 6 yes of 9 (66.7 %). X.1353: no replies.
        let mut responses = vec![
            json!({"draft": "X.1237", "position": if i < 7 { "yes" } else { "no" }, "reasons": "r"}),
        ];
        if i < 9 {
            responses.push(json!({"draft": "X.1283", "position": if i < 6 { "yes" } else { "no" }, "reasons": "r"}));
        }
        let (s, _) = app
            .put_reply(&app.tsb.token, id, iso3, Value::Array(responses))
            .await;
        assert_eq!(s, StatusCode::OK);
    }
    let (s, t) = app.tally(Some(&app.tsb.token), id).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(t["final"], false);
    assert_eq!(t["member_states_replied"], 10);
    assert_eq!(
        t["drafts"][0],
        json!({"draft": "X.1237", "provisional_name": "X.tsfpp", "replies": 10, "yes": 7, "no": 3, "outcome": "may_proceed"})
    );
    assert_eq!(t["drafts"][1]["replies"], 9);
    assert_eq!(t["drafts"][1]["outcome"], "may_not_proceed");
    assert_eq!(t["drafts"][2]["replies"], 0);
    assert_eq!(t["drafts"][2]["outcome"], "may_proceed");
}

async fn the_tally_equals_an_independent_count_of_random_replies(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (_, states) = app.member_states().await;
    let states: Vec<String> = states
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["iso3"].as_str().unwrap().to_owned())
        .collect();
    let seed = 0x7A11_u64 + u64::from(std::process::id() % 1000);
    eprintln!("random tally seed {seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    // What each Member State's current reply should be, kept independently.
    let mut expected: BTreeMap<String, BTreeMap<&str, bool>> = BTreeMap::new();
    for _ in 0..120 {
        let iso3 = states[rng.random_range(0..states.len())].clone();
        if rng.random_ratio(1, 8) && expected.contains_key(&iso3) {
            let (s, _) = app
                .withdraw_reply(Some(&app.tsb.token), id, &iso3, None)
                .await;
            assert_eq!(s, StatusCode::OK);
            expected.remove(&iso3);
            continue;
        }
        let mut reply = BTreeMap::new();
        for (draft, _) in DRAFTS_195 {
            if rng.random_ratio(4, 5) {
                reply.insert(draft, rng.random_ratio(3, 4));
            }
        }
        if reply.is_empty() {
            continue;
        }
        let body: Vec<Value> = reply
            .iter()
            .map(|(d, yes)| json!({"draft": d, "position": if *yes { "yes" } else { "no" }, "reasons": if *yes { Value::Null } else { json!("reasons") }}))
            .collect();
        let (s, v) = app
            .put_reply(&app.tsb.token, id, &iso3, Value::Array(body))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        expected.insert(iso3, reply);
    }
    let (_, t) = app.tally(Some(&app.tsb.token), id).await;
    assert_eq!(t["member_states_replied"], expected.len());
    for (i, (draft, _)) in DRAFTS_195.iter().enumerate() {
        let yes = expected
            .values()
            .filter(|r| r.get(draft) == Some(&true))
            .count();
        let no = expected
            .values()
            .filter(|r| r.get(draft) == Some(&false))
            .count();
        // Independent rule: as a fraction, yes / (yes + no) >= 0.7, or no replies.
        let proceeds = yes + no == 0 || (yes as f64) / ((yes + no) as f64) >= 0.7 - 1e-12;
        let d = &t["drafts"][i];
        assert_eq!(d["draft"], *draft);
        assert_eq!(
            (
                d["yes"].as_u64().unwrap() as usize,
                d["no"].as_u64().unwrap() as usize
            ),
            (yes, no),
            "{draft}"
        );
        assert_eq!(d["replies"].as_u64().unwrap() as usize, yes + no);
        assert_eq!(
            d["outcome"],
            if proceeds {
                "may_proceed"
            } else {
                "may_not_proceed"
            },
            "{draft}: {yes} yes, {no} no"
        );
    }
}

async fn member_states_see_the_tally_once_it_is_final(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    let path = format!("/api/v1/consultations/{id}/tally");
    let (s, v) = app
        .call(Method::GET, &path, Some(&app.fra.token), None)
        .await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "tally_not_final");
    app.clock.set("2024-08-21T22:00:00Z".parse().unwrap());
    let (s, v) = app
        .call(Method::GET, &path, Some(&app.fra.token), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["final"], true);
    assert_eq!(v["drafts"][0]["yes"], 1);
}

on_both_backends!(
    exactly_seventy_percent_may_proceed,
    the_tally_equals_an_independent_count_of_random_replies,
    member_states_see_the_tally_once_it_is_final,
);
