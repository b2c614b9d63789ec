//! After the cut-off (Resolution 1, 9.4.5-9.4.6): TSB enters the replies
//! that reached it in time by fax or email, records the late ones apart, and
//! certifies the result, after which nothing more is entered.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tapballot::auth::Role;

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends!(
    a_fax_received_in_time_counts_and_a_late_reply_never_does,
    an_attested_time_must_be_before_the_cut_off_in_the_past_and_in_order,
    focal_points_cannot_attest_and_are_told_how_to_reply_late,
    certification_is_once_after_the_cut_off_and_ends_every_entry,
);

/// 22 August 2024, 09:12 Geneva: the morning after Circular 195's cut-off.
fn next_morning() -> chrono::DateTime<chrono::Utc> {
    "2024-08-22T07:12:00Z".parse().unwrap()
}

fn fax(responses: Value, received_at: &str) -> Value {
    json!({"responses": responses, "source": "fax of 21 August 2024", "received_at": received_at})
}

fn late(responses: Value, received_at: &str) -> Value {
    json!({"responses": responses, "source": "email of 22 August 2024", "received_at": received_at, "late": true})
}

async fn certify(app: &TestApp, token: Option<&str>, id: &str) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        &format!("/api/v1/consultations/{id}/certify"),
        token,
        None,
    )
    .await
}

/// The yes and no of each draft, counted from the current replies as TSB
/// lists them: an independent count to hold the tally against.
async fn count_of_current_replies(app: &TestApp, id: &str) -> HashMap<String, (u64, u64)> {
    let (s, list) = app.list_replies(Some(&app.tsb.token), id).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let mut counts: HashMap<String, (u64, u64)> = HashMap::new();
    for r in list.as_array().unwrap() {
        assert_eq!(r["reply"]["late"], false, "a late reply is never current");
        for resp in r["reply"]["responses"].as_array().unwrap() {
            let c = counts
                .entry(resp["draft"].as_str().unwrap().to_owned())
                .or_default();
            match resp["position"].as_str().unwrap() {
                "yes" => c.0 += 1,
                "no" => c.1 += 1,
                other => panic!("position {other}"),
            }
        }
    }
    counts
}

async fn a_fax_received_in_time_counts_and_a_late_reply_never_does(app: TestApp) {
    app.add_user("egy@admin.test", Role::Member, Some("EGY"), "ar");
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (s, _) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);
    app.clock.set(next_morning());

    // France's fax of 23:50 the night before, typed in the next morning.
    let mut france = all_yes();
    france[0] = json!({"draft": "X.1237", "position": "no", "reasons": "Clause 7 needs work."});
    let (s, r) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "FRA",
            fax(france.clone(), "2024-08-21T21:50:00Z"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["revision"], 1);
    assert_eq!(r["received_at"], "2024-08-21T21:50:00Z");
    assert_eq!(r["entered_at"], "2024-08-22T07:12:00Z");
    assert_eq!(r["late"], false);
    assert_eq!(r["changed"], true);
    // A retry of the same entry makes no second revision.
    let (s, again) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "FRA",
            fax(france.clone(), "2024-08-21T21:50:00Z"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (again["changed"].clone(), again["revision"].clone()),
        (json!(false), json!(1))
    );

    // Egypt's reply came by email after midnight: late.
    let all_no: Value = all_yes()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"draft": r["draft"], "position": "no", "reasons": "لم تكتمل الدراسة."}))
        .collect();
    let (s, r) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "EGY",
            late(all_no.clone(), "2024-08-22T06:30:00Z"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        (r["revision"].clone(), r["late"].clone()),
        (json!(1), json!(true))
    );
    // France's late second thoughts are kept too, and its reply in time stands.
    let (s, r) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "FRA",
            late(all_yes(), "2024-08-22T07:00:00Z"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["revision"], 2);
    // Retries make nothing new: of the late entry (the last revision), and
    // of the fax in time (the one in force, no longer the last).
    for (entry, revision) in [
        (late(all_yes(), "2024-08-22T07:00:00Z"), 2),
        (fax(france.clone(), "2024-08-21T21:50:00Z"), 1),
    ] {
        let (s, again) = app
            .submit_reply(Some(&app.tsb.token), id, "FRA", entry)
            .await;
        assert_eq!(s, StatusCode::OK, "{again}");
        assert_eq!(
            (again["changed"].clone(), again["revision"].clone()),
            (json!(false), json!(revision))
        );
    }

    let (_, tally) = app.tally(Some(&app.tsb.token), id).await;
    assert_eq!(tally["final"], true);
    assert_eq!(tally["member_states_replied"], 2);
    assert_eq!(tally["late_replies"], 2, "Egypt and France replied late");
    assert!(tally["certified_at"].is_null());
    let counted = count_of_current_replies(&app, id).await;
    for d in tally["drafts"].as_array().unwrap() {
        let (yes, no) = counted[d["draft"].as_str().unwrap()];
        assert_eq!(
            (d["yes"].as_u64().unwrap(), d["no"].as_u64().unwrap()),
            (yes, no),
            "{d}"
        );
    }
    assert_eq!(tally["drafts"][0]["yes"], 1);
    assert_eq!(tally["drafts"][0]["no"], 1);
    assert_eq!(tally["drafts"][1]["yes"], 2);

    // The reply views say what happened; revisions are contiguous, in the
    // order of entry, and the late one is never current.
    let (_, fra) = app.get_reply(Some(&app.tsb.token), id, "FRA").await;
    let revisions = fra["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(fra["current"]["revision"], 1);
    assert_eq!(revisions[0]["attested"], true);
    assert_eq!(revisions[0]["source"], "fax of 21 August 2024");
    assert_eq!(revisions[0]["entered_at"], "2024-08-22T07:12:00Z");
    assert_eq!(revisions[1]["late"], true);
    let (_, egy) = app.get_reply(Some(&app.tsb.token), id, "EGY").await;
    assert!(egy["current"].is_null(), "{egy}");
    assert_eq!(egy["revisions"][0]["late"], true);

    // A later fax that reached TSB in time still counts and takes the next
    // number, after the late one.
    let (s, r) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "FRA",
            fax(all_yes(), "2024-08-21T21:55:00Z"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["revision"], 3);
    let (_, tally) = app.tally(Some(&app.tsb.token), id).await;
    assert_eq!(tally["drafts"][0]["yes"], 2);

    // Every focal point of the Member State is told, with both times.
    let rows = app.outbox();
    let fra_mail = rows
        .iter()
        .find(|e| {
            e.kind == "reply_confirmation"
                && e.recipient == "fra@admin.test"
                && e.body_text.contains("Revision: 1")
        })
        .expect("France's focal point is told of the entry");
    assert!(fra_mail
        .body_text
        .contains("Received (as attested by TSB): 21 August 2024"));
    assert!(fra_mail.body_text.contains("Entered: 22 August 2024"));
    assert!(fra_mail.body_text.contains("fax of 21 August 2024"));
    assert!(
        !fra_mail.body_text.contains("may be revised"),
        "after the cut-off nothing may be revised"
    );
    let egy_mail = rows
        .iter()
        .find(|e| e.kind == "reply_confirmation" && e.recipient == "egy@admin.test")
        .expect("Egypt's focal point is told of its late reply");
    assert!(
        egy_mail.body_text.contains("9.4.5"),
        "{}",
        egy_mail.body_text
    );

    // The audit trail records who attested what.
    let (_, audit) = app.list_audit(Some(&app.tsb.token), "?limit=200").await;
    let details: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "reply_submitted")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert!(
        details
            .iter()
            .any(|d| d.contains("received at 2024-08-21 21:50:00 UTC as attested by TSB")),
        "{details:?}"
    );
    assert!(details.iter().any(|d| d.contains("late: not counted")));
}

async fn an_attested_time_must_be_before_the_cut_off_in_the_past_and_in_order(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    app.clock.set(next_morning());
    let tsb = Some(app.tsb.token.as_str());
    for (body, status, code) in [
        // At the cut-off: late, not in time.
        (
            fax(all_yes(), "2024-08-21T22:00:00Z"),
            422,
            "invalid_received_at",
        ),
        // In the future.
        (
            fax(all_yes(), "2024-08-22T07:12:01Z"),
            422,
            "invalid_received_at",
        ),
        // Before the reply in force (CHE replied on 1 August).
        (
            fax(all_yes(), "2024-07-31T12:00:00Z"),
            422,
            "invalid_received_at",
        ),
        // Late, but before the cut-off.
        (
            late(all_yes(), "2024-08-21T21:59:59Z"),
            422,
            "invalid_received_at",
        ),
        // No source.
        (
            json!({"responses": all_yes(), "received_at": "2024-08-21T21:00:00Z"}),
            422,
            "missing_field",
        ),
        // Late without its time.
        (
            json!({"responses": all_yes(), "source": "email", "late": true}),
            422,
            "missing_field",
        ),
        // After the cut-off, TSB must say when it was received.
        (
            json!({"responses": all_yes(), "source": "fax"}),
            409,
            "consultation_closed",
        ),
        // Not a time.
        (
            json!({"responses": all_yes(), "source": "fax", "received_at": "yesterday"}),
            400,
            "",
        ),
    ] {
        let (s, v) = app.submit_reply(tsb, id, "CHE", body.clone()).await;
        if code.is_empty() {
            assert_eq!(s.as_u16(), status, "{body}: {v}");
        } else {
            assert_error((s, &v), StatusCode::from_u16(status).unwrap(), code);
        }
    }
    let (_, che) = app.get_reply(tsb, id, "CHE").await;
    assert_eq!(
        che["revisions"].as_array().unwrap().len(),
        1,
        "nothing stored"
    );

    // A withdrawal that reached TSB in time is entered like a reply.
    let (s, v) = app
        .withdraw_reply(
            tsb,
            id,
            "CHE",
            Some(json!({"source": "fax", "received_at": "2024-08-21T20:00:00Z"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["revision"], 2);
    let (s, v) = app
        .withdraw_reply(
            tsb,
            id,
            "CHE",
            Some(json!({"source": "fax", "received_at": "2024-08-21T20:00:00Z", "late": true})),
        )
        .await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "unknown_field");
    let (_, tally) = app.tally(tsb, id).await;
    assert_eq!(tally["member_states_replied"], 0);
}

async fn focal_points_cannot_attest_and_are_told_how_to_reply_late(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let che = Some(app.che.token.as_str());
    for body in [
        fax(all_yes(), "2024-08-01T07:00:00Z"),
        json!({"responses": all_yes(), "source": "my own note"}),
        json!({"responses": all_yes(), "late": true}),
    ] {
        let (s, v) = app.submit_reply(che, id, "CHE", body).await;
        assert_error((s, &v), StatusCode::FORBIDDEN, "forbidden_field");
    }
    let (s, v) = app
        .withdraw_reply(
            che,
            id,
            "CHE",
            Some(json!({"received_at": "2024-08-01T07:00:00Z"})),
        )
        .await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "forbidden_field");

    app.clock.set(next_morning());
    let (s, v) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_closed");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("late reply may still be sent to TSB"),
        "{message}"
    );
}

async fn certification_is_once_after_the_cut_off_and_ends_every_entry(app: TestApp) {
    app.add_user("egy@admin.test", Role::Member, Some("EGY"), "ar");
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    let tsb = Some(app.tsb.token.as_str());
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

    let (s, v) = certify(&app, tsb, id).await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_open");
    app.clock.set(next_morning());
    for token in [None, Some(app.che.token.as_str())] {
        let (s, _) = certify(&app, token, id).await;
        assert!(
            s == StatusCode::UNAUTHORIZED || s == StatusCode::FORBIDDEN,
            "{s}"
        );
    }
    let before = app.outbox().len();
    let (s, tally) = certify(&app, tsb, id).await;
    assert_eq!(s, StatusCode::OK, "{tally}");
    assert_eq!(tally["certified_at"], "2024-08-22T07:12:00Z");
    assert_eq!(tally["certified_by"], app.tsb.id.as_str());
    assert_eq!(tally["final"], true);
    let (_, read) = app.tally(Some(&app.fra.token), id).await;
    assert_eq!(
        read, tally,
        "every signed-in reader sees the certified tally"
    );
    let (_, consultation) = app.get_consultation(tsb, id).await;
    assert_eq!(consultation["certified_at"], "2024-08-22T07:12:00Z");

    // Every focal point and the TSB copy get the result, once each.
    let rows = app.outbox();
    let mut told: Vec<&str> = rows[before..]
        .iter()
        .filter(|e| e.kind == "certified_result")
        .map(|e| e.recipient.as_str())
        .collect();
    told.sort_unstable();
    assert_eq!(
        told,
        [
            "che@admin.test",
            "egy@admin.test",
            "fra@admin.test",
            "tsb-copy@itu.test"
        ]
    );

    let (s, v) = certify(&app, tsb, id).await;
    assert_error((s, &v), StatusCode::CONFLICT, "result_certified");
    for body in [
        fax(all_yes(), "2024-08-21T21:50:00Z"),
        late(all_yes(), "2024-08-22T06:00:00Z"),
    ] {
        let (s, v) = app.submit_reply(tsb, id, "FRA", body).await;
        assert_error((s, &v), StatusCode::CONFLICT, "result_certified");
    }
    let (s, v) = app
        .withdraw_reply(
            tsb,
            id,
            "CHE",
            Some(json!({"source": "fax", "received_at": "2024-08-21T21:00:00Z"})),
        )
        .await;
    assert_error((s, &v), StatusCode::CONFLICT, "result_certified");
    let (s, v) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_error((s, &v), StatusCode::CONFLICT, "result_certified");
    let (_, after) = app.tally(tsb, id).await;
    assert_eq!(after, tally, "a certified tally never changes");

    let (_, audit) = app.list_audit(tsb, "?limit=200").await;
    assert!(audit
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "result_certified"));

    // A cancelled consultation has no result to certify.
    let (s, v) = certify(&app, tsb, oid).await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_cancelled");
}

on_both_backends!(tsb_enters_a_fax_and_a_late_reply_then_certifies_in_the_pages);

/// The reply form of Circular 195 as TSB posts it: "no" to the first draft,
/// "yes" to the rest, with how TSB received it.
fn entry_form(csrf: &str, entry: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form = vec![
        ("csrf".to_owned(), csrf.to_owned()),
        ("action".to_owned(), "submit".to_owned()),
    ];
    for i in 0..DRAFTS_195.len() {
        let position = if i == 0 { "no" } else { "yes" };
        form.push((format!("position-{i}"), position.to_owned()));
        form.push((
            format!("reasons-{i}"),
            if i == 0 { "Clause 7.\nNeeds work." } else { "" }.to_owned(),
        ));
        form.push((format!("comments-{i}"), String::new()));
    }
    form.extend(
        entry
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    form
}

async fn tsb_enters_a_fax_and_a_late_reply_then_certifies_in_the_pages(app: TestApp) {
    use crate::pages::{browser, get_page, sign_in};
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    app.clock.set(next_morning());
    let tsb = browser();
    let csrf = sign_in(&app, &tsb, "tsb@itu.test").await;
    let post = |path: String, form: Vec<(String, String)>| {
        let client = tsb.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let r = client.post(url).form(&form).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };

    let page = get_page(&app, &tsb, &format!("/tsb/consultations/{id}")).await;
    assert!(
        page.contains(&format!("href=\"/tsb/consultations/{id}/certify\"")),
        "{page}"
    );
    assert!(page.contains("Until the result is certified"), "{page}");
    let form = get_page(&app, &tsb, &format!("/consultations/{id}/replies/FRA")).await;
    assert!(form.contains("name=\"received_at\""), "{form}");
    assert!(form.contains("name=\"late\""));

    let fra = format!("/consultations/{id}/replies/FRA");
    // Without its source, or with a time after the cut-off: the form says why.
    let (s, page) = post(
        fra.clone(),
        entry_form(&csrf, &[("received_at", "2024-08-21T23:50")]),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("href=\"#source\""), "{page}");
    let (s, page) = post(
        fra.clone(),
        entry_form(
            &csrf,
            &[("source", "fax"), ("received_at", "2024-08-22T00:30")],
        ),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("This time cannot be accepted"), "{page}");
    let (s, page) = post(
        fra.clone(),
        entry_form(&csrf, &[("source", "fax"), ("received_at", "21/08 23:50")]),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("href=\"#received_at\""), "{page}");
    let (_, v) = app.get_reply(Some(&app.tsb.token), &id, "FRA").await;
    assert!(
        v["revisions"].as_array().unwrap().is_empty(),
        "nothing stored"
    );

    // The fax of 23:50 Geneva the night before.
    let (s, receipt) = post(
        fra.clone(),
        entry_form(
            &csrf,
            &[
                ("source", "fax of 21 August"),
                ("received_at", "2024-08-21T23:50"),
            ],
        ),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{receipt}");
    assert!(
        receipt.contains("Received (as attested by TSB)"),
        "{receipt}"
    );
    assert!(receipt.contains("2024-08-21 23:50 Geneva"), "{receipt}");
    assert!(receipt.contains("fax of 21 August"));
    let (_, v) = app.get_reply(Some(&app.tsb.token), &id, "FRA").await;
    assert_eq!(v["current"]["received_at"], "2024-08-21T21:50:00Z");
    assert_eq!(
        v["current"]["responses"][0]["reasons"],
        "Clause 7.\nNeeds work."
    );

    // Egypt's email of 10:00 Geneva: late.
    let (s, receipt) = post(
        format!("/consultations/{id}/replies/EGY"),
        entry_form(
            &csrf,
            &[
                ("source", "email"),
                ("received_at", "2024-08-22T08:00"),
                ("late", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{receipt}");
    assert!(receipt.contains("after the cut-off"), "{receipt}");

    let page = get_page(&app, &tsb, &format!("/tsb/consultations/{id}")).await;
    assert!(page.contains("Late reply (1)"), "{page}");
    assert!(page.contains("received in time, entered later"), "{page}");
    let history = get_page(
        &app,
        &tsb,
        &format!("/consultations/{id}/replies/EGY/history"),
    )
    .await;
    assert!(history.contains("late: not counted"), "{history}");
    // Reasons keep their lines.
    let fra_history = get_page(
        &app,
        &tsb,
        &format!("/consultations/{id}/replies/FRA/history"),
    )
    .await;
    assert!(
        fra_history.contains("<span class=\"pre\">Clause 7.\nNeeds work.</span>"),
        "{fra_history}"
    );
    let (_, tally) = app.tally(Some(&app.tsb.token), &id).await;
    assert_eq!(
        (
            tally["member_states_replied"].clone(),
            tally["late_replies"].clone()
        ),
        (json!(2), json!(1))
    );

    // Certifying asks first, then ends the entries.
    let confirm = get_page(&app, &tsb, &format!("/tsb/consultations/{id}/certify")).await;
    assert!(
        confirm.contains("Certify the result of TSB Circular 195"),
        "{confirm}"
    );
    let (s, page) = post(
        format!("/tsb/consultations/{id}/certify"),
        vec![("csrf".into(), csrf.clone())],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("The result is certified"), "{page}");
    assert!(page.contains("The result was certified on"), "{page}");
    assert!(!page.contains(&format!("href=\"/tsb/consultations/{id}/certify\"")));
    let form = get_page(&app, &tsb, &fra).await;
    assert!(
        !form.contains("name=\"received_at\""),
        "no more entries: {form}"
    );
    let (s, page) = post(
        fra,
        entry_form(
            &csrf,
            &[("source", "fax"), ("received_at", "2024-08-21T23:55")],
        ),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{page}");
    let (_, tally) = app.tally(Some(&app.tsb.token), &id).await;
    assert!(tally["certified_at"].is_string());
}

on_both_backends!(the_exports_list_late_replies_apart_and_say_what_tsb_attested);

async fn the_exports_list_late_replies_apart_and_say_what_tsb_attested(app: TestApp) {
    use calamine::{Reader, Xlsx};
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    app.clock.set(next_morning());
    let tsb = Some(app.tsb.token.as_str());
    let one = json!([{"draft": "X.1237", "position": "no", "reasons": "Нужна доработка."}]);
    let (s, _) = app
        .submit_reply(tsb, id, "FRA", fax(all_yes(), "2024-08-21T21:50:00Z"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .submit_reply(tsb, id, "RUS", late(one, "2024-08-22T06:30:00Z"))
        .await;
    assert_eq!(s, StatusCode::OK);
    certify(&app, tsb, id).await;

    let (s, v) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=json"),
            tsb,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        v["rows"].as_array().unwrap().len(),
        16,
        "CHE and FRA, 8 each"
    );
    let late_rows = v["late_rows"].as_array().unwrap();
    assert_eq!(late_rows.len(), 1);
    assert_eq!(late_rows[0]["iso3"], "RUS");
    assert_eq!(late_rows[0]["late"], true);
    assert_eq!(late_rows[0]["reasons"], "Нужна доработка.");
    let fra = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["iso3"] == "FRA")
        .unwrap();
    assert_eq!(fra["received_at_utc"], "2024-08-21T21:50:00Z");
    assert_eq!(fra["entered_at_utc"], "2024-08-22T07:12:00Z");
    assert_eq!(fra["source"], "fax of 21 August 2024");
    assert_eq!(v["tally"]["late_replies"], 1);

    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=xlsx"),
            tsb,
            None,
        )
        .await;
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let late_sheet = book.worksheet_range("Late replies").unwrap();
    assert_eq!(late_sheet.height(), 2);
    assert_eq!(late_sheet.rows().nth(1).unwrap()[0].to_string(), "RUS");
    let replies = book.worksheet_range("Replies").unwrap();
    assert!(
        replies.rows().all(|r| r[0] != "RUS"),
        "a late reply is not among the counted"
    );
    let details = book.worksheet_range("Consultation").unwrap();
    let line = |label: &str| {
        details
            .rows()
            .find(|r| r[0] == label)
            .map(|r| r[1].to_string())
            .unwrap_or_else(|| panic!("no {label} line"))
    };
    assert_eq!(line("Late replies (not counted)"), "1");
    assert!(
        line("Result certified").starts_with("22 August 2024"),
        "{}",
        line("Result certified")
    );
    assert_eq!(line("Status"), "final: the cut-off has passed");

    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=csv&table=late"),
            tsb,
            None,
        )
        .await;
    let text = r.text().await.unwrap();
    assert!(text.contains("RUS,Russian Federation,X.1237"), "{text}");
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=csv"),
            tsb,
            None,
        )
        .await;
    let text = r.text().await.unwrap();
    assert!(
        !text.contains("RUS,"),
        "a late reply is not among the counted: {text}"
    );
}
