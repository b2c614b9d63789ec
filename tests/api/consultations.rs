use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

async fn tsb_creates_a_consultation_with_its_drafts(app: TestApp) {
    let r = app
        .request(
            Method::POST,
            "/api/v1/consultations",
            Some(&app.tsb.token),
            Some(&circular_195_body()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let c: Value = r.json().await.unwrap();
    assert_eq!(
        location,
        format!("/api/v1/consultations/{}", c["id"].as_str().unwrap())
    );
    assert_eq!(c["reference"], "TSB Circular 195");
    assert_eq!(c["deadline"], "2024-08-21T23:59");
    assert_eq!(c["time_zone"], "Europe/Zurich");
    assert_eq!(c["closes_at"], "2024-08-21T22:00:00Z");
    assert_eq!(
        c["deadline_geneva"],
        "2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"
    );
    assert_eq!(c["status"], "open");
    assert_eq!(c["meeting_starts_on"], "2024-09-03");
    let drafts = c["drafts"].as_array().unwrap();
    assert_eq!(drafts.len(), 8);
    assert_eq!(drafts[0]["number"], "X.1237");
    assert_eq!(drafts[7]["provisional_name"], "X.5Gsec-srocvs");

    let id = c["id"].as_str().unwrap();
    for token in [&app.tsb.token, &app.che.token] {
        let (s, got) = app.get_consultation(Some(token), id).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(got["closes_at"], c["closes_at"]);
        assert_eq!(got["drafts"], c["drafts"]);
        let (s, list) = app.list_consultations(Some(token)).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list.as_array().unwrap().len(), 1);
    }
    let (s, v) = app
        .get_consultation(Some(&app.che.token), "no-such-id")
        .await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "consultation_not_found");
}

async fn the_time_zone_defaults_to_geneva_and_others_are_honoured(app: TestApp) {
    let mut body = circular_195_body();
    body.as_object_mut().unwrap().remove("time_zone");
    let c = app.create_consultation(body).await;
    assert_eq!(c["time_zone"], "Europe/Zurich");
    assert_eq!(c["closes_at"], "2024-08-21T22:00:00Z");

    let mut body = circular_195_body();
    body["reference"] = json!("TSB Circular 196");
    body["time_zone"] = json!("Asia/Tokyo");
    let c = app.create_consultation(body).await;
    assert_eq!(c["closes_at"], "2024-08-21T15:00:00Z");
}

async fn a_past_deadline_records_a_closed_consultation(app: TestApp) {
    let mut body = circular_195_body();
    body["deadline"] = json!("2024-07-01T12:00");
    body = without_meeting(body);
    let c = app.create_consultation(body).await;
    assert_eq!(c["status"], "closed");
}

async fn invalid_consultations_are_refused_with_stable_codes(app: TestApp) {
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"deadline": "2024-03-31T02:30"}),
            "nonexistent_deadline",
        ),
        (
            json!({"deadline": "2024-10-27T02:30"}),
            "ambiguous_deadline",
        ),
        (json!({"deadline": "21/08/2024"}), "invalid_deadline"),
        (json!({"time_zone": "Geneva"}), "unknown_time_zone"),
        (json!({"reference": " "}), "missing_field"),
        (json!({"drafts": []}), "no_drafts"),
        (
            json!({"drafts": [{"number": "X.1", "provisional_name": "a", "title": "t"}, {"number": "X.1", "provisional_name": "b", "title": "t"}]}),
            "repeated_draft",
        ),
        (
            json!({"meeting_ends_on": "2024-09-01"}),
            "invalid_meeting_dates",
        ),
        (json!({"title": "t".repeat(1001)}), "field_too_long"),
    ];
    for (patch, code) in cases {
        let mut body = circular_195_body();
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (s, v) = app.post_consultation(Some(&app.tsb.token), body).await;
        assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, code);
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    // Wrong types are a malformed body, not a server error.
    let mut body = circular_195_body();
    body["drafts"] = json!("X.1237");
    let (s, v) = app.post_consultation(Some(&app.tsb.token), body).await;
    assert_error((s, &v), StatusCode::BAD_REQUEST, "invalid_body");
    // Nothing was stored by the refused requests.
    let (_, list) = app.list_consultations(Some(&app.tsb.token)).await;
    assert_eq!(list.as_array().unwrap().len(), 0);
}

async fn an_explicit_offset_settles_an_ambiguous_deadline(app: TestApp) {
    let mut body = circular_195_body();
    body["deadline"] = json!("2024-10-27T02:30+01:00");
    body = without_meeting(body);
    let c = app.create_consultation(body).await;
    assert_eq!(c["closes_at"], "2024-10-27T01:31:00Z");
    assert_eq!(c["deadline"], "2024-10-27T02:30+01:00");
}

async fn what_may_change_is_limited_once_member_states_have_replied(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let path = format!("/api/v1/consultations/{id}");
    // Before any reply, anything may change, drafts included.
    let mut body = circular_195_body();
    body["drafts"] = json!([{"number": "X.1237", "provisional_name": "X.tsfpp", "title": "Renamed"}, {"number": "X.9", "provisional_name": "X.new", "title": "New"}]);
    body["deadline"] = json!("2024-08-20T12:00");
    body = without_meeting(body);
    let (s, v) = app
        .call(Method::PUT, &path, Some(&app.tsb.token), Some(body))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["drafts"].as_array().unwrap().len(), 2);
    assert_eq!(v["closes_at"], "2024-08-20T10:01:00Z");
    let (s, _) = app
        .call(
            Method::PUT,
            &path,
            Some(&app.che.token),
            Some(circular_195_body()),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    app.put_reply(
        &app.che.token,
        id,
        "CHE",
        json!([{"draft": "X.1237", "position": "yes"}]),
    )
    .await;
    let base = json!({
        "reference": "TSB Circular 195", "study_group": "SG17", "title": "New title", "deadline": "2024-08-25T23:59",
        "drafts": [{"number": "X.1237", "provisional_name": "X.tsfpp", "title": "Better title", "text_url": "https://www.itu.int/md/T22-SG17-x"},
                   {"number": "X.9", "provisional_name": "X.new", "title": "New"}]
    });
    let (s, v) = app
        .call(Method::PUT, &path, Some(&app.tsb.token), Some(base.clone()))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["title"], "New title");
    assert_eq!(v["drafts"][0]["title"], "Better title");
    assert_eq!(v["closes_at"], "2024-08-25T22:00:00Z");
    for (field, value) in [
        ("deadline", json!("2024-08-24T23:59")),
        ("reference", json!("TSB Circular 196")),
        (
            "drafts",
            json!([{"number": "X.1237", "provisional_name": "X.tsfpp", "title": "t"}]),
        ),
    ] {
        let mut body = base.clone();
        body[field] = value;
        let (s, v) = app
            .call(Method::PUT, &path, Some(&app.tsb.token), Some(body))
            .await;
        eprintln!("changing {field}");
        assert_error((s, &v), StatusCode::CONFLICT, "locked_after_replies");
    }
    // The stored reply still refers to the same draft.
    let (_, reply) = app
        .call(
            Method::GET,
            &format!("{path}/replies/CHE"),
            Some(&app.che.token),
            None,
        )
        .await;
    assert_eq!(reply["current"]["responses"][0]["draft"], "X.1237");
    // Closed: no more changes.
    app.clock.set("2024-08-26T00:00:00Z".parse().unwrap());
    let (s, v) = app
        .call(Method::PUT, &path, Some(&app.tsb.token), Some(base))
        .await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_closed");
}

async fn references_are_unique_and_meetings_follow_the_deadline(app: TestApp) {
    let tsb = Some(app.tsb.token.as_str());
    app.circular_195().await;
    let (s, v) = app.post_consultation(tsb, circular_195_body()).await;
    assert_error((s, &v), StatusCode::CONFLICT, "duplicate_reference");
    // Nor may another consultation take the reference by a change.
    let mut other = circular_195_body();
    other["reference"] = json!("TSB Circular 196");
    let c = app.create_consultation(other.clone()).await;
    other["reference"] = json!("TSB Circular 195");
    let (s, v) = app
        .update_consultation(tsb, c["id"].as_str().unwrap(), other)
        .await;
    assert_error((s, &v), StatusCode::CONFLICT, "duplicate_reference");

    // The meeting starts after the deadline's day (21 August, Geneva).
    for (starts, ends, expected) in [
        ("2024-08-10", "2024-08-12", StatusCode::UNPROCESSABLE_ENTITY),
        ("2024-08-21", "2024-08-23", StatusCode::UNPROCESSABLE_ENTITY),
        ("2024-09-03", "2024-09-01", StatusCode::UNPROCESSABLE_ENTITY),
        ("2024-08-22", "2024-08-23", StatusCode::CREATED),
    ] {
        let mut body = circular_195_body();
        body["reference"] = json!(format!("TSB Circular 197 {starts}"));
        body["meeting_starts_on"] = json!(starts);
        body["meeting_ends_on"] = json!(ends);
        let (s, v) = app.post_consultation(tsb, body).await;
        if expected == StatusCode::CREATED {
            assert_eq!(s, expected, "{starts}: {v}");
        } else {
            assert_error((s, &v), expected, "invalid_meeting_dates");
        }
    }

    // Eight TSB staff creating the same circular at once: one consultation.
    let answers = futures_join(&app, 8).await;
    assert_eq!(
        answers
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1,
        "{answers:?}"
    );
    assert!(answers
        .iter()
        .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT));
}

async fn futures_join(app: &TestApp, n: usize) -> Vec<StatusCode> {
    let mut body = circular_195_body();
    body["reference"] = json!("TSB Circular 198");
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (client, url, token, body) = (
            app.client.clone(),
            format!("{}/api/v1/consultations", app.base),
            app.tsb.token.clone(),
            body.clone(),
        );
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

on_both_backends!(
    references_are_unique_and_meetings_follow_the_deadline,
    what_may_change_is_limited_once_member_states_have_replied,
    tsb_creates_a_consultation_with_its_drafts,
    the_time_zone_defaults_to_geneva_and_others_are_honoured,
    a_past_deadline_records_a_closed_consultation,
    invalid_consultations_are_refused_with_stable_codes,
    an_explicit_offset_settles_an_ambiguous_deadline,
);

/// Single-line fields refuse control characters, so no stored text can
/// forge a log line, a header or a CSV row.
async fn single_line_fields_refuse_control_characters(app: TestApp) {
    let mut body = circular_195_body();
    body["reference"] = json!("TSB Circular 195\r\n2024-08-01T00:00:00Z INFO forged");
    let (s, v) = app.post_consultation(Some(&app.tsb.token), body).await;
    assert_error(
        (s, &v),
        StatusCode::UNPROCESSABLE_ENTITY,
        "control_characters",
    );
    let (s, v) = app
        .invite_user(
            Some(&app.tsb.token),
            json!({"email": "x@admin.test", "name": "X\nY", "role": "tsb"}),
        )
        .await;
    assert_error(
        (s, &v),
        StatusCode::UNPROCESSABLE_ENTITY,
        "control_characters",
    );
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    for (source, code) in [
        ("fax\r\nof 20 August".to_owned(), "control_characters"),
        ("f".repeat(1_001), "field_too_long"),
    ] {
        let (s, v) = app
            .submit_reply(
                Some(&app.tsb.token),
                id,
                "DEU",
                json!({"responses": all_yes(), "source": source}),
            )
            .await;
        assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    let (_, reply) = app.get_reply(Some(&app.tsb.token), id, "DEU").await;
    assert_eq!(reply["revisions"], json!([]), "nothing stored");
}

crate::on_both_backends!(single_line_fields_refuse_control_characters);
