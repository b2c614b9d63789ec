//! The Member States follow a consultation's life: every change they must
//! know of reaches each focal point with an updated calendar entry, and a
//! cancellation stops the replies and tells everyone.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tapballot::auth::Role;
use tapballot::store::emails::EmailRow;

use crate::helpers::*;
use crate::on_both_backends;
use crate::pages::{browser, get_page, sign_in};

on_both_backends!(
    an_extension_notifies_every_focal_point_once_with_the_same_calendar_entry,
    a_correction_may_go_without_notice_and_the_audit_trail_says_so,
    a_cancelled_consultation_refuses_replies_and_keeps_them,
    cancelling_is_for_tsb_with_a_reason_and_only_while_open,
    tsb_extends_quietly_corrects_and_cancels_in_the_pages,
);

fn ics_line<'a>(ics: &'a str, name: &str) -> &'a str {
    ics.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
        .unwrap_or_else(|| panic!("no {name} in {ics}"))
}

fn of_kind<'a>(rows: &'a [EmailRow], kind: &str, consultation: &str) -> Vec<&'a EmailRow> {
    rows.iter()
        .filter(|e| e.kind == kind && e.consultation_id.as_deref() == Some(consultation))
        .collect()
}

/// Every active focal point, by address (the test app's and any added).
fn focal_point_addresses(app: &TestApp) -> Vec<String> {
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    let mut all: Vec<String> = tapballot::store::users::active_with_role(&mut conn, Role::Member)
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    all.sort();
    all
}

async fn cancel(app: &TestApp, token: &str, id: &str, body: Value) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        &format!("/api/v1/consultations/{id}/cancel"),
        Some(token),
        Some(body),
    )
    .await
}

async fn an_extension_notifies_every_focal_point_once_with_the_same_calendar_entry(app: TestApp) {
    app.add_user("egy@admin.test", Role::Member, Some("EGY"), "ar");
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;

    let mut body = circular_195_body();
    body["deadline"] = json!("2024-08-28T23:59");
    let (s, v) = app
        .update_consultation(Some(&app.tsb.token), id, body)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["closes_at"], "2024-08-28T22:00:00Z");

    let rows = app.outbox();
    let invitations = of_kind(&rows, "invitation", id);
    let notices = of_kind(&rows, "change_notice", id);
    let focal = focal_point_addresses(&app);
    let mut noticed: Vec<String> = notices
        .iter()
        .map(|e| e.recipient.clone())
        .filter(|r| r != "tsb-copy@itu.test")
        .collect();
    noticed.sort();
    assert_eq!(noticed, focal, "exactly one notice per focal point");
    assert!(
        notices.iter().any(|e| e.recipient == "tsb-copy@itu.test"),
        "TSB's copy address has the notice too"
    );

    for n in &notices {
        let ics = n
            .ics
            .as_deref()
            .expect("a notice carries the calendar entry");
        let invitation = invitations
            .iter()
            .find(|i| i.recipient == n.recipient)
            .or(invitations.first())
            .unwrap();
        let first = invitation.ics.as_deref().unwrap();
        assert_eq!(ics_line(ics, "UID"), ics_line(first, "UID"));
        let (old, new): (u32, u32) = (
            ics_line(first, "SEQUENCE").parse().unwrap(),
            ics_line(ics, "SEQUENCE").parse().unwrap(),
        );
        assert!(new > old, "SEQUENCE {new} after {old}");
        assert_eq!(ics_line(ics, "METHOD"), "PUBLISH");
        assert_eq!(ics_line(ics, "PRODID"), "-//ITU TSB//tapballot//EN");
        assert_eq!(ics_line(ics, "DTEND"), "20240828T220000Z");
        assert!(ics.contains("BEGIN:VALARM"));
    }
    // What changed, old → new, in Geneva and UTC; whether the reply stands.
    let che = notices
        .iter()
        .find(|e| e.recipient == "che@admin.test")
        .unwrap();
    assert!(
        che.body_text
            .contains("2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"),
        "{}",
        che.body_text
    );
    assert!(che
        .body_text
        .contains("2024-08-28 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"));
    assert!(che.body_text.contains("still stands"), "{}", che.body_text);
    assert!(che
        .body_text
        .contains(&format!("/consultations/{id}/replies/CHE")));
    let fra = notices
        .iter()
        .find(|e| e.recipient == "fra@admin.test")
        .unwrap();
    assert!(
        fra.body_text.contains("France has not replied yet"),
        "{}",
        fra.body_text
    );
    let egy = notices
        .iter()
        .find(|e| e.recipient == "egy@admin.test")
        .unwrap();
    assert_eq!(egy.language, "ar");

    // A second extension raises the SEQUENCE again; the same body again changes nothing.
    let mut body = circular_195_body();
    body["deadline"] = json!("2024-09-01T23:59");
    body["meeting_starts_on"] = json!("2024-09-04");
    let (s, _) = app
        .update_consultation(Some(&app.tsb.token), id, body.clone())
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .update_consultation(Some(&app.tsb.token), id, body)
        .await;
    assert_eq!(s, StatusCode::OK);
    let rows = app.outbox();
    let che: Vec<&EmailRow> = of_kind(&rows, "change_notice", id)
        .into_iter()
        .filter(|e| e.recipient == "che@admin.test")
        .collect();
    assert_eq!(che.len(), 2, "no notice when nothing changed");
    let sequences: Vec<u32> = che
        .iter()
        .map(|e| {
            ics_line(e.ics.as_deref().unwrap(), "SEQUENCE")
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(sequences.iter().max(), Some(&2));
    assert_eq!(sequences.iter().min(), Some(&1));

    // The reminders follow the new deadline.
    let worker = app.worker();
    app.clock.set("2024-08-14T22:00:00Z".parse().unwrap());
    worker.run_due().unwrap();
    assert!(of_kind(&app.outbox(), "reminder", id).is_empty());
}

async fn a_correction_may_go_without_notice_and_the_audit_trail_says_so(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let before = of_kind(&app.outbox(), "change_notice", id).len();
    assert_eq!(before, 0);

    let mut body = circular_195_body();
    body["title"] = json!("Approval of draft Recommendations (corrected)");
    body["drafts"][1]["title"] = json!("Draft X.1283, typo fixed");
    body["notify"] = json!(false);
    let (s, v) = app
        .update_consultation(Some(&app.tsb.token), id, body)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["title"], "Approval of draft Recommendations (corrected)");
    assert!(of_kind(&app.outbox(), "change_notice", id).is_empty());

    let (s, audit) = app
        .list_audit(Some(&app.tsb.token), &format!("?subject=consultation/{id}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let changed = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "consultation_changed")
        .unwrap_or_else(|| panic!("{audit}"));
    let detail = changed["detail"].as_str().unwrap();
    assert!(detail.contains("no notice"), "{detail}");
    assert!(detail.contains("title"), "{detail}");
    assert!(detail.contains("draft_title:X.1283"), "{detail}");

    // A new deadline is never kept quiet: refused, nothing stored.
    let mut body = circular_195_body();
    body["deadline"] = json!("2024-08-28T23:59");
    body["notify"] = json!(false);
    let (s, v) = app
        .update_consultation(Some(&app.tsb.token), id, body)
        .await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "notice_required");
    let (_, v) = app.get_consultation(Some(&app.tsb.token), id).await;
    assert_eq!(v["closes_at"], "2024-08-21T22:00:00Z");
    assert!(of_kind(&app.outbox(), "change_notice", id).is_empty());
}

async fn a_cancelled_consultation_refuses_replies_and_keeps_them(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;

    let reason = "The study group withdrew the drafts.\nA new circular will follow.";
    let (s, v) = cancel(&app, &app.tsb.token, id, json!({"reason": reason})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "cancelled");
    assert_eq!(v["cancellation_reason"], reason);
    assert_eq!(v["cancelled_by"], app.tsb.id.as_str());
    assert!(v["cancelled_at"].is_string());

    // No more replies, revisions or withdrawals.
    let (s, v) = app
        .submit_reply(
            Some(&app.fra.token),
            id,
            "FRA",
            json!({"responses": all_yes()}),
        )
        .await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_cancelled");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("withdrew the drafts"));
    let (s, v) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "CHE",
            json!({"responses": all_yes(), "source": "fax"}),
        )
        .await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_cancelled");
    let (s, v) = app
        .withdraw_reply(Some(&app.che.token), id, "CHE", None)
        .await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_cancelled");
    let (s, v) = app
        .update_consultation(Some(&app.tsb.token), id, circular_195_body())
        .await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_cancelled");

    // Every focal point is told, with a calendar entry withdrawing the deadline.
    let rows = app.outbox();
    let notices = of_kind(&rows, "cancellation", id);
    let mut told: Vec<String> = notices
        .iter()
        .map(|e| e.recipient.clone())
        .filter(|r| r != "tsb-copy@itu.test")
        .collect();
    told.sort();
    assert_eq!(told, focal_point_addresses(&app));
    for n in &notices {
        let ics = n.ics.as_deref().unwrap();
        assert_eq!(ics_line(ics, "STATUS"), "CANCELLED");
        assert_eq!(ics_line(ics, "SEQUENCE"), "1");
        assert!(n.body_text.contains("A new circular will follow."));
    }

    // The replies are kept: TSB's tally and export still have them.
    let (s, t) = app.tally(Some(&app.tsb.token), id).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(t["member_states_replied"], 1);
    assert_eq!(t["final"], false);
    assert!(t["cancelled_at"].is_string());
    let (s, t) = app.tally(Some(&app.che.token), id).await;
    assert_error((s, &t), StatusCode::FORBIDDEN, "tally_not_final");
    let export = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=csv"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(export.status(), StatusCode::OK);
    let csv = export.text().await.unwrap();
    assert!(csv.contains("CHE"), "{csv}");
    let xlsx = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=xlsx"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    let bytes = xlsx.bytes().await.unwrap().to_vec();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    let details = book.worksheet_range("Consultation").unwrap();
    let status_row = details.rows().find(|r| r[0] == "Status").unwrap();
    let said = status_row[1].to_string();
    assert!(said.starts_with("cancelled on "), "{said}");
    assert!(said.contains("withdrew the drafts"), "{said}");

    // Listed as cancelled; its reference may be used again.
    let (s, v) = app
        .call(
            Method::GET,
            "/api/v1/consultations?status=cancelled",
            Some(&app.che.token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 1);
    let (s, v) = app
        .call(
            Method::GET,
            "/api/v1/consultations?status=open",
            Some(&app.che.token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_array().unwrap().is_empty());
    let (s, v) = app
        .post_consultation(Some(&app.tsb.token), circular_195_body())
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    // The worker sends neither reminders nor a result for it.
    let worker = app.worker();
    for at in ["2024-08-14T22:00:00Z", "2024-08-21T22:00:00Z"] {
        app.clock.set(at.parse().unwrap());
        worker.run_due().unwrap();
    }
    let rows = app.outbox();
    assert!(of_kind(&rows, "reminder", id).is_empty());
    assert!(of_kind(&rows, "closing_summary", id).is_empty());
    let (_, v) = app.get_consultation(Some(&app.tsb.token), id).await;
    assert_eq!(v["status"], "cancelled");
    assert!(v["sealed_at"].is_null());
}

async fn cancelling_is_for_tsb_with_a_reason_and_only_while_open(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (s, v) = cancel(&app, &app.che.token, id, json!({"reason": "no"})).await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "tsb_only");
    for (body, code) in [
        (json!({"reason": "  "}), "missing_field"),
        (json!({"reason": "x".repeat(1001)}), "field_too_long"),
        (json!({"reason": "bell\u{7}"}), "control_characters"),
        (json!({"reason": "ok", "notify": false}), "unknown_field"),
    ] {
        let (s, v) = cancel(&app, &app.tsb.token, id, body).await;
        assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    let (s, v) = cancel(&app, &app.tsb.token, "nope", json!({"reason": "r"})).await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "consultation_not_found");
    let (_, v) = app.get_consultation(Some(&app.tsb.token), id).await;
    assert_eq!(v["status"], "open", "nothing refused was stored");

    let (s, _) = cancel(&app, &app.tsb.token, id, json!({"reason": "r"})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = cancel(&app, &app.tsb.token, id, json!({"reason": "again"})).await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_cancelled");
    let (s, audit) = app
        .list_audit(Some(&app.tsb.token), &format!("?subject=consultation/{id}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let cancelled: Vec<&Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "consultation_cancelled")
        .collect();
    assert_eq!(cancelled.len(), 1, "{audit}");
    assert!(cancelled[0]["detail"]
        .as_str()
        .unwrap()
        .contains("reason: r"));

    // After the cut-off the result is final: no cancellation.
    let other = app
        .create_consultation(circular_body("TSB Circular 196"))
        .await;
    let other = other["id"].as_str().unwrap();
    app.clock.set("2024-08-22T08:00:00Z".parse().unwrap());
    let (s, v) = cancel(&app, &app.tsb.token, other, json!({"reason": "late"})).await;
    assert_error((s, &v), StatusCode::CONFLICT, "consultation_closed");
}

/// The edit form of Circular 195 as posted, with the given overrides.
fn edit_form(csrf: &str, overrides: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("csrf", csrf),
        ("rows", "8"),
        ("reference", "TSB Circular 195"),
        ("study_group", "SG17"),
        ("title", "Approval of draft Recommendations"),
        ("deadline", "2024-08-21T23:59"),
        ("time_zone", "Europe/Zurich"),
        ("meeting_starts_on", "2024-09-03"),
        ("meeting_ends_on", "2024-09-12"),
        ("meeting_place", "Geneva"),
        ("action", "save"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (i, (n, p)) in DRAFTS_195.iter().enumerate() {
        f.push((format!("draft-number-{i}"), n.to_string()));
        f.push((format!("draft-name-{i}"), p.to_string()));
        f.push((format!("draft-title-{i}"), format!("Draft {n}")));
    }
    for (k, v) in overrides {
        f.retain(|(name, _)| name != k);
        f.push((k.to_string(), v.to_string()));
    }
    f
}

async fn tsb_extends_quietly_corrects_and_cancels_in_the_pages(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    let tsb = browser();
    let csrf = sign_in(&app, &tsb, "tsb@itu.test").await;
    let edit = get_page(&app, &tsb, &format!("/tsb/consultations/{id}/edit")).await;
    assert!(edit.contains("name=\"no_notice\""), "{edit}");
    let post = |path: String, form: Vec<(String, String)>| {
        let client = tsb.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let r = client.post(url).form(&form).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let edit_path = format!("/tsb/consultations/{id}/edit");

    // In French, a refusal reads in French.
    get_page(&app, &tsb, "/language/fr?back=/tsb").await;
    let (s, page) = post(
        edit_path.clone(),
        edit_form(&csrf, &[("deadline", "31/10/2027 23:59")]),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Indiquez la date limite sous forme de date et d&#x27;heure"),
        "{page}"
    );
    assert!(!page.contains("is not a local date"), "{page}");
    get_page(&app, &tsb, "/language/en?back=/tsb").await;

    // A new deadline cannot be kept quiet: the form says so, nothing is stored.
    let (s, page) = post(
        edit_path.clone(),
        edit_form(
            &csrf,
            &[("deadline", "2024-08-28T23:59"), ("no_notice", "1")],
        ),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("href=\"#no_notice\""), "{page}");
    assert!(of_kind(&app.outbox(), "change_notice", &id).is_empty());

    // An extension: saved, and the page says the focal points are told.
    let (s, page) = post(
        edit_path.clone(),
        edit_form(&csrf, &[("deadline", "2024-08-28T23:59")]),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("every focal point is sent a notice"),
        "{page}"
    );
    let notices = of_kind(&app.outbox(), "change_notice", &id).len();
    assert_eq!(notices, focal_point_addresses(&app).len() + 1);

    // A typo fixed quietly: saved, no notice.
    let (s, page) = post(
        edit_path,
        edit_form(
            &csrf,
            &[
                ("deadline", "2024-08-28T23:59"),
                ("meeting_place", "Genève"),
                ("no_notice", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("saved without notice"), "{page}");
    assert_eq!(of_kind(&app.outbox(), "change_notice", &id).len(), notices);

    // Cancelling asks first, and for a reason.
    let page = get_page(&app, &tsb, &format!("/tsb/consultations/{id}")).await;
    assert!(page.contains(&format!("href=\"/tsb/consultations/{id}/cancel\"")));
    let confirm = get_page(&app, &tsb, &format!("/tsb/consultations/{id}/cancel")).await;
    assert!(
        confirm.contains("Cancel the consultation TSB Circular 195 (SG17)?"),
        "{confirm}"
    );
    let cancel_path = format!("/tsb/consultations/{id}/cancel");
    let (s, page) = post(
        cancel_path.clone(),
        vec![("csrf".into(), csrf.clone()), ("reason".into(), " ".into())],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("href=\"#reason\""), "{page}");
    let (_, v) = app.get_consultation(Some(&app.tsb.token), &id).await;
    assert_eq!(v["status"], "open");
    let (s, page) = post(
        cancel_path,
        vec![
            ("csrf".into(), csrf.clone()),
            ("reason".into(), "Withdrawn by SG17 & <TSB>.".into()),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("The consultation is cancelled."), "{page}");
    assert!(
        page.contains("Withdrawn by SG17 &amp; &lt;TSB&gt;."),
        "escaped: {page}"
    );
    assert!(!page.contains(&format!("href=\"/tsb/consultations/{id}/edit\"")));
    let list = get_page(&app, &tsb, "/tsb").await;
    assert!(list.contains("status cancelled"));

    // A focal point sees it cancelled, in its language, and cannot reply.
    let che = browser();
    let che_csrf = sign_in(&app, &che, "che@admin.test").await;
    let home = get_page(&app, &che, "/home").await;
    assert!(home.contains("TSB cancelled this consultation"), "{home}");
    let form = get_page(&app, &che, &format!("/consultations/{id}/replies/CHE")).await;
    assert!(form.contains("Withdrawn by SG17 &amp; &lt;TSB&gt;."));
    assert!(
        !form.contains("Final tally"),
        "no result for a cancelled consultation"
    );
    let r = che
        .post(format!(
            "{}/consultations/{id}/replies/CHE/review",
            app.base
        ))
        .form(&[("csrf", che_csrf.as_str()), ("position-0", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("TSB has cancelled this consultation"));
}
