use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::on_both_backends;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn a_reply_one_second_before_closes_at_is_stored_and_one_at_closes_at_refused(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let closes_at = at(c["closes_at"].as_str().unwrap());
    assert_eq!(closes_at, at("2024-08-21T22:00:00Z"));

    app.clock.set(closes_at - Duration::seconds(1));
    let (s, r) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["received_at"], "2024-08-21T21:59:59Z");
    assert_eq!(
        r["received_at_geneva"],
        "2024-08-21 23:59:59 Geneva (CEST, UTC+2) = 21:59:59 UTC"
    );

    app.clock.set(closes_at);
    let (s, r) = app.put_reply(&app.fra.token, id, "FRA", all_yes()).await;
    assert_error((s, &r), StatusCode::CONFLICT, "consultation_closed");
    // TSB on behalf is refused too, and so is a withdrawal.
    let (s, _) = app.put_reply(&app.tsb.token, id, "FRA", all_yes()).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, r) = app
        .withdraw_reply(Some(&app.che.token), id, "CHE", None)
        .await;
    assert_error((s, &r), StatusCode::CONFLICT, "consultation_closed");

    // The consultation now reads as closed and the stored reply is intact.
    let (_, c) = app.get_consultation(Some(&app.che.token), id).await;
    assert_eq!(c["status"], "closed");
    let (_, reply) = app.get_reply(Some(&app.che.token), id, "CHE").await;
    assert_eq!(reply["current"]["revision"], 1);
    assert_eq!(reply["current"]["responses"].as_array().unwrap().len(), 8);
}

async fn a_deadline_to_the_second_closes_one_second_later(app: TestApp) {
    let mut body = circular_195_body();
    body["deadline"] = json!("2024-08-21T23:59:00");
    body = without_meeting(body);
    let c = app.create_consultation(body).await;
    let id = c["id"].as_str().unwrap();
    assert_eq!(c["closes_at"], "2024-08-21T21:59:01Z");
    app.clock.set(at("2024-08-21T21:59:00.999Z"));
    let (s, _) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    app.clock.set(at("2024-08-21T21:59:01Z"));
    let (s, _) = app.put_reply(&app.fra.token, id, "FRA", all_yes()).await;
    assert_eq!(s, StatusCode::CONFLICT);
}

async fn deadlines_across_the_geneva_clock_changes_behave(app: TestApp) {
    // Winter: CET, UTC+1.
    let mut body = circular_195_body();
    body["deadline"] = json!("2024-01-15T23:59");
    body = without_meeting(body);
    let c = app.create_consultation(body).await;
    assert_eq!(c["closes_at"], "2024-01-15T23:00:00Z");
    assert_eq!(
        c["deadline_geneva"],
        "2024-01-15 23:59 Geneva (CET, UTC+1) = 22:59 UTC"
    );

    // The minute before spring-forward: 01:59 CET closes at 03:00 CEST = 01:00 UTC.
    let mut body = circular_195_body();
    body["deadline"] = json!("2024-03-31T01:59");
    body = without_meeting(body);
    body["reference"] = json!("spring");
    let c = app.create_consultation(body).await;
    assert_eq!(c["closes_at"], "2024-03-31T01:00:00Z");
    let id = c["id"].as_str().unwrap().to_owned();
    app.clock.set(at("2024-03-31T00:59:59Z"));
    let (s, _) = app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    app.clock.set(at("2024-03-31T01:00:00Z"));
    let (s, _) = app.put_reply(&app.fra.token, &id, "FRA", all_yes()).await;
    assert_eq!(s, StatusCode::CONFLICT);

    // After fall-back, 03:30 is unambiguous CET: closes at 02:31 UTC.
    let mut body = circular_body("fall-back");
    body["deadline"] = json!("2024-10-27T03:30");
    body = without_meeting(body);
    let c = app.create_consultation(body).await;
    assert_eq!(c["closes_at"], "2024-10-27T02:31:00Z");

    // Inside the gap or the repeated hour: refused unless an offset is given.
    for (deadline, code) in [
        ("2024-03-31T02:00", "nonexistent_deadline"),
        ("2024-10-27T02:00", "ambiguous_deadline"),
    ] {
        let mut body = circular_195_body();
        body["deadline"] = json!(deadline);
        body = without_meeting(body);
        let (s, v) = app.post_consultation(Some(&app.tsb.token), body).await;
        assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, code);
    }
}

on_both_backends!(
    a_reply_one_second_before_closes_at_is_stored_and_one_at_closes_at_refused,
    a_deadline_to_the_second_closes_one_second_later,
    deadlines_across_the_geneva_clock_changes_behave,
);

on_both_backends!(an_official_time_reads_the_same_in_the_api_pages_emails_and_exports);

/// One way to write an official time: the API's `received_at_geneva`, the
/// receipt page, the confirmation email, the CSV and the TD all say
/// "2024-08-20 22:07:26 Geneva (CEST, UTC+2) = 20:07:26 UTC".
async fn an_official_time_reads_the_same_in_the_api_pages_emails_and_exports(app: TestApp) {
    use crate::pages::{browser, get_page, sign_in};
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.clock.set(at("2024-08-20T20:07:26.250Z"));
    let (s, r) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let official = "2024-08-20 22:07:26 Geneva (CEST, UTC+2) = 20:07:26 UTC";
    assert_eq!(r["received_at_geneva"], official);
    let (_, reply) = app.get_reply(Some(&app.che.token), id, "CHE").await;
    assert_eq!(reply["current"]["received_at_geneva"], official);

    let client = browser();
    sign_in(&app, &client, "che@admin.test").await;
    let page = get_page(
        &app,
        &client,
        &format!("/consultations/{id}/replies/CHE/receipt"),
    )
    .await;
    assert!(page.contains(official), "{page}");
    let history = get_page(
        &app,
        &client,
        &format!("/consultations/{id}/replies/CHE/history"),
    )
    .await;
    assert!(history.contains(official), "{history}");

    let email = app
        .outbox()
        .into_iter()
        .find(|e| e.kind == "reply_confirmation" && e.recipient == "che@admin.test")
        .unwrap();
    assert!(email.body_text.contains(official), "{}", email.body_text);

    let csv = app
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=csv"),
            Some(&app.tsb.token),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains(official), "{csv}");
    let td = app
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/consultations/{id}/comments?format=html"),
            Some(&app.tsb.token),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(td.contains(official), "{td}");
}
