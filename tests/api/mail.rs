use std::collections::HashSet;
use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use tapballot::auth::Role;

use crate::helpers::*;
use crate::on_both_backends;
use crate::smtp::{free_port, SmtpSink};

async fn confirmations_reach_the_sender_the_focal_points_and_tsb_over_smtp(app: TestApp) {
    let sink = SmtpSink::start();
    app.add_user("che-zh@admin.test", Role::Member, Some("CHE"), "zh");
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (s, receipt) = app
        .put_reply(
            &app.che.token,
            id,
            "CHE",
            json!([{"draft": "X.1237", "position": "yes"}, {"draft": "X.1283", "position": "no", "reasons": "需要修改第 6.2 节", "comments": "See TD 1234"}]),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let receipt_code = receipt["receipt"].as_str().unwrap().to_owned();

    let report = app.smtp_worker(&sink).run_due().unwrap();
    // Invitations to the three focal points, then the confirmation to both CHE
    // focal points and TSB's copy address.
    assert_eq!((report.sent, report.failed), (6, 0));
    let all = sink.messages();
    assert_eq!(all.len(), 6);

    let to_che: Vec<_> = sink
        .messages_to("che@admin.test")
        .into_iter()
        .filter(|m| m.subject().contains("reply of"))
        .collect();
    assert_eq!(to_che.len(), 1);
    let m = &to_che[0];
    assert_eq!(
        m.subject(),
        "TSB Circular 195: reply of Switzerland received (revision 1)"
    );
    assert_eq!(m.header("Content-Language").as_deref(), Some("en"));
    let text = m.text();
    assert!(text.contains(&receipt_code), "{text}");
    assert!(
        text.contains(
            "Received: 1 August 2024 — 2024-08-01 10:00 Geneva (CEST, UTC+2) = 08:00 UTC"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Cut-off: 21 August 2024 — 2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"
        ),
        "{text}"
    );
    assert!(text.contains("- X.1237 (X.tsfpp): Yes"), "{text}");
    assert!(text.contains("- X.1283 (X.gpwd): No"), "{text}");
    assert!(text.contains("需要修改第 6.2 节"), "{text}");
    assert!(text.contains("- X.1353 (X.ztd-iot): no reply"), "{text}");
    assert!(
        text.contains("may be revised or withdrawn until the cut-off"),
        "{text}"
    );
    assert!(text.contains("Entered by: User che@admin.test"), "{text}");
    assert!(m.html().contains(&receipt_code));
    assert!(m.html().contains("lang=\"en\""));

    let zh: Vec<_> = sink
        .messages_to("che-zh@admin.test")
        .into_iter()
        .filter(|m| m.subject().contains("答复"))
        .collect();
    assert_eq!(zh.len(), 1);
    assert_eq!(
        zh[0].subject(),
        "TSB Circular 195：已收到瑞士的答复（第 1 版）"
    );
    assert_eq!(zh[0].header("Content-Language").as_deref(), Some("zh"));
    assert!(
        zh[0]
            .text()
            .contains("2024-08-01 10:00 日内瓦时间（CEST，UTC+2）= 08:00 UTC"),
        "{}",
        zh[0].text()
    );
    assert!(zh[0].text().contains(&receipt_code));

    assert_eq!(sink.messages_to("tsb-copy@itu.test").len(), 1);
    // What the three say alike is stored once; each keeps its reader's own.
    {
        use diesel::prelude::*;
        use tapballot::store::schema::{email_contexts, emails};
        let mut conn = tapballot::store::connect(&app.database_url).unwrap();
        let stored: Vec<(String, Option<String>, Option<String>)> = emails::table
            .filter(emails::kind.eq("reply_confirmation"))
            .select((
                emails::recipient,
                emails::context,
                emails::shared_context_id,
            ))
            .load(&mut conn)
            .unwrap();
        assert_eq!(stored.len(), 3);
        let shared: HashSet<_> = stored.iter().map(|(_, _, s)| s.clone()).collect();
        assert_eq!(shared.len(), 1, "{stored:?}");
        let shared_id = shared
            .into_iter()
            .next()
            .flatten()
            .expect("a shared context");
        for (recipient, own, _) in &stored {
            let own: serde_json::Value = serde_json::from_str(own.as_deref().unwrap()).unwrap();
            let mut fields: Vec<&str> = own
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            fields.sort_unstable();
            assert_eq!(
                fields,
                ["member_state", "recipient_name"],
                "{recipient}: {own}"
            );
        }
        let zh = stored
            .iter()
            .find(|(r, _, _)| r == "che-zh@admin.test")
            .unwrap();
        assert!(zh.1.as_deref().unwrap().contains("瑞士"), "{zh:?}");
        let common: String = email_contexts::table
            .find(&shared_id)
            .select(email_contexts::context)
            .first(&mut conn)
            .unwrap();
        assert!(common.contains("需要修改第 6.2 节"), "{common}");
        assert!(!common.contains("recipient_name"), "{common}");
    }
    // Invitations carry the deadline as a calendar entry.
    let invitation = sink.messages_to("fra@admin.test").pop().unwrap();
    assert!(invitation
        .subject()
        .contains("consultation on 8 draft Recommendations of SG17"));
    assert_eq!(
        invitation.attachment_types(),
        vec!["text/calendar".to_owned()]
    );
    assert!(invitation
        .text()
        .contains("Replies are accepted until 21 August 2024 — 2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC."));
    // Every message has its own Message-ID, under the sender's domain.
    let ids: HashSet<String> = all.iter().map(|m| m.message_id()).collect();
    assert_eq!(ids.len(), 6);
    assert!(ids.iter().all(|i| i.ends_with("@itu.test")), "{ids:?}");

    // TSB sees every email as sent, with the server's answer.
    let (s, emails) = app.list_emails(Some(&app.tsb.token), "").await;
    assert_eq!(s, StatusCode::OK);
    let emails = emails.as_array().unwrap();
    assert_eq!(emails.len(), 6);
    // Each with the subject it was sent under (rendered from its stored
    // context when listed, as when sent).
    let sent_subjects: HashSet<String> = all.iter().map(|m| m.subject()).collect();
    for e in emails {
        assert!(
            sent_subjects.contains(e["subject"].as_str().unwrap()),
            "{e} {sent_subjects:?}"
        );
        assert_eq!(e["status"], "sent");
        assert!(
            e["server_response"].as_str().unwrap().starts_with("250"),
            "{e}"
        );
        assert_eq!(e["attempts"], 1);
    }

    // The same reply again makes no revision and no email.
    app.put_reply(
        &app.che.token,
        id,
        "CHE",
        json!([{"draft": "X.1237", "position": "yes"}, {"draft": "X.1283", "position": "no", "reasons": "需要修改第 6.2 节", "comments": "See TD 1234"}]),
    )
    .await;
    // TSB enters France's reply from a fax: the confirmation says so.
    app.submit_reply(
        Some(&app.tsb.token),
        id,
        "FRA",
        json!({"responses": all_yes(), "source": "fax of 20 August"}),
    )
    .await;
    let report = app.smtp_worker(&sink).run_due().unwrap();
    assert_eq!(
        report.sent, 3,
        "FRA's focal point, the TSB user who entered it, TSB's copy"
    );
    let fra = sink
        .messages_to("fra@admin.test")
        .into_iter()
        .find(|m| m.subject().contains("reply of France"))
        .unwrap();
    assert!(
        fra.text().contains("entered by TSB on behalf of France"),
        "{}",
        fra.text()
    );
    assert!(fra.text().contains("Source: fax of 20 August"));
}

async fn an_smtp_outage_delays_but_loses_and_duplicates_nothing(app: TestApp) {
    let mut sink = SmtpSink::stopped();
    let worker = app.smtp_worker(&sink);
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    app.put_reply(&app.fra.token, id, "FRA", all_yes()).await;
    app.put_reply(&app.tsb.token, id, "DEU", all_yes()).await;
    let promised = app.outbox();
    assert_eq!(
        promised.len(),
        8,
        "2 invitations and 3 confirmations to 2 recipients each"
    );

    let report = worker.run_due().unwrap();
    assert_eq!((report.sent, report.failed), (0, 8));
    let (_, failing) = app
        .list_emails(Some(&app.tsb.token), "?status=failing")
        .await;
    let failing = failing.as_array().unwrap();
    assert_eq!(failing.len(), 8);
    assert!(failing
        .iter()
        .all(|e| e["attempts"] == 1 && !e["last_error"].as_str().unwrap().is_empty()));
    assert!(
        failing
            .iter()
            .all(|e| e["next_attempt_at"] == "2024-08-01T08:00:30Z"),
        "first retry within a minute"
    );

    sink.resume();
    // Not due yet: nothing is sent before the retry time.
    assert_eq!(worker.run_due().unwrap().sent, 0);
    assert!(sink.messages().is_empty());
    app.clock.advance(chrono::Duration::seconds(30));
    assert_eq!(worker.run_due().unwrap().sent, 8);
    assert_eq!(worker.run_due().unwrap().sent, 0);

    let received = sink.messages();
    assert_eq!(received.len(), 8, "each promised email exactly once");
    let got: HashSet<String> = received.iter().map(|m| m.message_id()).collect();
    let want: HashSet<String> = promised
        .iter()
        .map(|e| e.message_id.trim_matches(['<', '>']).to_owned())
        .collect();
    assert_eq!(got, want);
    let (_, sent) = app.list_emails(Some(&app.tsb.token), "?status=sent").await;
    assert_eq!(sent.as_array().unwrap().len(), 8);
    assert!(sent.as_array().unwrap().iter().all(|e| e["attempts"] == 2));
}

async fn reminders_go_only_to_member_states_without_a_complete_reply(app: TestApp) {
    app.add_user("deu@admin.test", Role::Member, Some("DEU"), "fr");
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    app.put_reply(
        &app.fra.token,
        id,
        "FRA",
        json!([{"draft": "X.1237", "position": "yes"}]),
    )
    .await;
    let worker = app.worker();
    let reminders = |app: &TestApp| {
        app.outbox()
            .into_iter()
            .filter(|e| e.kind == "reminder")
            .collect::<Vec<_>>()
    };

    // Seven days before 21 August 23:59 Geneva: 14 August 24:00 Geneva = 22:00 UTC.
    app.clock.set("2024-08-14T21:59:59Z".parse().unwrap());
    worker.run_due().unwrap();
    assert!(reminders(&app).is_empty());
    app.clock.set("2024-08-14T22:00:00Z".parse().unwrap());
    worker.run_due().unwrap();
    let first = reminders(&app);
    let to: HashSet<&str> = first.iter().map(|e| e.recipient.as_str()).collect();
    assert_eq!(
        to,
        HashSet::from(["fra@admin.test", "deu@admin.test"]),
        "never to CHE, which replied to every draft"
    );
    let fra = first
        .iter()
        .find(|e| e.recipient == "fra@admin.test")
        .unwrap();
    assert!(
        !fra.body_text.contains("X.1237 ("),
        "X.1237 was answered: {}",
        fra.body_text
    );
    assert!(fra.body_text.contains("X.1283 (X.gpwd)"));
    assert_eq!(
        fra.subject,
        "Reminder: TSB Circular 195 closes on 2024-08-21 (Geneva time)"
    );
    let deu = first
        .iter()
        .find(|e| e.recipient == "deu@admin.test")
        .unwrap();
    assert_eq!(deu.language, "fr");
    assert!(deu.subject.starts_with("Rappel"));
    // Running again sends no second round.
    worker.run_due().unwrap();
    assert_eq!(reminders(&app).len(), 2);

    // France completes its reply; the one-day reminder goes to Germany only.
    app.put_reply(&app.fra.token, id, "FRA", all_yes()).await;
    app.clock.set("2024-08-20T22:00:00Z".parse().unwrap());
    worker.run_due().unwrap();
    let all = reminders(&app);
    assert_eq!(all.len(), 3);
    assert_eq!(all[2].recipient, "deu@admin.test");

    // At the cut-off, the closing summary goes once to TSB and to every
    // focal point, whose copy links to its Member State's page.
    app.clock.set("2024-08-21T22:00:00Z".parse().unwrap());
    worker.run_due().unwrap();
    worker.run_due().unwrap();
    let summaries: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|e| e.kind == "closing_summary")
        .collect();
    let mut to: Vec<&str> = summaries.iter().map(|e| e.recipient.as_str()).collect();
    to.sort_unstable();
    assert_eq!(
        to,
        [
            "che@admin.test",
            "deu@admin.test",
            "fra@admin.test",
            "tsb-copy@itu.test"
        ]
    );
    let deu = summaries
        .iter()
        .find(|e| e.recipient == "deu@admin.test")
        .unwrap();
    assert!(
        deu.body_text.contains("/consultations/") && deu.body_text.contains("/replies/DEU"),
        "{}",
        deu.body_text
    );
    let summaries: Vec<_> = summaries
        .into_iter()
        .filter(|e| e.recipient == "tsb-copy@itu.test")
        .collect();
    assert_eq!(
        summaries[0].subject,
        "TSB Circular 195: consultation closed, final tally"
    );
    assert!(
        !summaries[0].body_text.contains("/replies/"),
        "TSB's copy has no reply link"
    );
    assert!(
        summaries[0]
            .body_text
            .contains("Member States that replied: 2"),
        "{}",
        summaries[0].body_text
    );
    assert!(summaries[0]
        .body_text
        .contains("X.1237 (X.tsfpp): Replies 2, Yes 2, No 0: may proceed"));
    assert_eq!(reminders(&app).len(), 3, "no reminder after the cut-off");
}

async fn a_reminder_round_missed_while_down_is_superseded_by_the_next(app: TestApp) {
    app.circular_195().await;
    // The worker first runs one day before the cut-off: only the one-day round goes out.
    app.clock.set("2024-08-21T08:00:00Z".parse().unwrap());
    app.worker().run_due().unwrap();
    let reminders: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|e| e.kind == "reminder")
        .collect();
    assert_eq!(
        reminders.len(),
        2,
        "one per focal point (CHE, FRA), not two"
    );
}

async fn tsb_sees_delivery_status_and_can_retry(app: TestApp) {
    let mut sink = SmtpSink::stopped();
    let worker = app.smtp_worker(&sink);
    app.circular_195().await;
    let (s, _) = app.list_emails(Some(&app.che.token), "").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.list_emails(None, "").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    assert_eq!(worker.run_due().unwrap().failed, 2);
    let (_, list) = app.list_emails(Some(&app.tsb.token), "").await;
    let first = list[0]["id"].as_str().unwrap().to_owned();
    let (s, e) = app.retry_email(Some(&app.tsb.token), &first).await;
    assert_eq!((s, e["status"].as_str()), (StatusCode::OK, Some("queued")));
    assert_eq!(e["subject"], list[0]["subject"]);
    assert!(!e["subject"].as_str().unwrap().is_empty(), "{e}");
    assert_eq!(e["next_attempt_at"], "2024-08-01T08:00:00Z");
    let (s, v) = app.retry_email(Some(&app.tsb.token), "nope").await;
    assert_error((s, &v), StatusCode::NOT_FOUND, "email_not_found");

    sink.resume();
    assert_eq!(
        worker.run_due().unwrap().sent,
        1,
        "only the retried email is due now"
    );
    let (s, v) = app.retry_email(Some(&app.tsb.token), &first).await;
    assert_error((s, &v), StatusCode::CONFLICT, "not_retryable");

    // An email still undelivered after three days is marked failed; TSB may retry it.
    sink.stop();
    app.clock.advance(chrono::Duration::hours(73));
    worker.run_due().unwrap();
    let (_, failed) = app
        .list_emails(Some(&app.tsb.token), "?status=failed")
        .await;
    let failed = failed.as_array().unwrap();
    assert_eq!(failed.len(), 1);
    let second = failed[0]["id"].as_str().unwrap().to_owned();
    app.retry_email(Some(&app.tsb.token), &second).await;
    sink.resume();
    assert_eq!(worker.run_due().unwrap().sent, 1);
    let (_, one) = app.get_email(Some(&app.tsb.token), &second).await;
    assert_eq!(one["status"], "sent");
}

fn link_token(body: &str) -> String {
    let start = body.find("token=").expect("a link with a token") + "token=".len();
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

async fn invited_users_set_their_password_through_a_single_use_link(app: TestApp) {
    let invite = json!({"email": "new@admin.test", "name": "Nouvelle", "role": "member", "member_state": "EGY", "language": "ar"});
    let (s, _) = app.invite_user(Some(&app.che.token), invite.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, user) = app.invite_user(Some(&app.tsb.token), invite.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{user}");
    assert_eq!(user["has_password"], false);
    let (s, v) = app.invite_user(Some(&app.tsb.token), invite).await;
    assert_error((s, &v), StatusCode::CONFLICT, "email_taken");
    let (s, v) = app
        .invite_user(
            Some(&app.tsb.token),
            json!({"email": "x@y.test", "name": "X", "role": "member"}),
        )
        .await;
    assert_error(
        (s, &v),
        StatusCode::UNPROCESSABLE_ENTITY,
        "member_state_required",
    );
    let long_address = format!("{}@y.test", "x".repeat(250));
    for (body, code) in [
        (
            json!({"email": long_address, "name": "X", "role": "tsb"}),
            "invalid_email",
        ),
        (
            json!({"email": "x@y.test", "name": "X".repeat(1001), "role": "tsb"}),
            "field_too_long",
        ),
        (
            json!({"email": "x@y.test", "name": "X", "role": "tsb", "language": "de"}),
            "unknown_language",
        ),
    ] {
        let (s, v) = app.invite_user(Some(&app.tsb.token), body).await;
        assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, code);
    }

    let email = app
        .outbox()
        .into_iter()
        .find(|e| e.kind == "account_invitation")
        .unwrap();
    assert_eq!(email.recipient, "new@admin.test");
    assert_eq!(email.language, "ar");
    assert_eq!(email.subject, "حسابكم في tapballot");
    assert!(email.body_html.contains("dir=\"rtl\""));
    assert!(email
        .body_text
        .contains("https://tapballot.test/set-password?token="));
    let token = link_token(&email.body_text);

    let (s, v) = app
        .set_password(json!({"token": token, "password": "short"}))
        .await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "weak_password");
    let (s, _) = app
        .set_password(json!({"token": token, "password": "a new long password"}))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    login(
        &app.client,
        &app.base,
        "new@admin.test",
        "a new long password",
    )
    .await;
    let (s, v) = app
        .set_password(json!({"token": token, "password": "another long password"}))
        .await;
    // A link is used once.
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "invalid_link");

    // Password reset: the same answer for unknown addresses, and no email.
    let (s, _) = app
        .request_password_reset(json!({"email": "nobody@x.test"}))
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let (s, _) = app
        .request_password_reset(json!({"email": "che@admin.test"}))
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let resets: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|e| e.kind == "password_reset")
        .collect();
    assert_eq!(resets.len(), 1);
    assert_eq!(resets[0].recipient, "che@admin.test");
    let token = link_token(&resets[0].body_text);
    app.clock.advance(chrono::Duration::hours(3));
    let (s, _) = app
        .set_password(json!({"token": token, "password": "a new long password"}))
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "expired after two hours"
    );

    // Deactivation.
    let (_, users) = app.list_users(Some(&app.tsb.token)).await;
    let new_id = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "new@admin.test")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, u) = app.deactivate_user(Some(&app.tsb.token), &new_id).await;
    assert_eq!((s, u["active"].as_bool()), (StatusCode::OK, Some(false)));
    let (s, _) = app
        .request_token(json!({"email": "new@admin.test", "password": "a new long password"}))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

async fn a_refused_reply_promises_no_email(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let before = app.outbox().len();
    app.put_reply(
        &app.che.token,
        id,
        "CHE",
        json!([{"draft": "X.0000", "position": "yes"}]),
    )
    .await;
    app.put_reply(&app.fra.token, id, "CHE", all_yes()).await;
    app.clock.set("2024-08-22T00:00:00Z".parse().unwrap());
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    assert_eq!(app.outbox().len(), before);
}

async fn several_workers_deliver_each_email_once(app: TestApp) {
    let sink = SmtpSink::start();
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    for iso3 in [
        "AUT", "BEL", "CAN", "DNK", "EGY", "FIN", "GHA", "HUN", "IND", "JPN", "KEN", "LUX",
    ] {
        app.put_reply(&app.tsb.token, id, iso3, all_yes()).await;
    }
    let promised = app.outbox().len();
    assert_eq!(promised, 2 + 12 * 2);
    // Three workers, as three instances would run them, all at once.
    let workers: Vec<_> = (0..3).map(|_| app.smtp_worker(&sink)).collect();
    let sent: usize = std::thread::scope(|s| {
        let handles: Vec<_> = workers
            .iter()
            .map(|w| s.spawn(move || w.run_due().unwrap().sent))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(sent, promised);
    let received = sink.messages();
    assert_eq!(received.len(), promised);
    let ids: HashSet<String> = received.iter().map(|m| m.message_id()).collect();
    assert_eq!(ids.len(), promised, "no email was sent twice");
}

/// Links of one user that are not used yet: the newest of three reset
/// links sets a password and revokes the two others; a password change and a
/// deactivation revoke every unused link too.
async fn setting_a_password_revokes_every_other_link(app: TestApp) {
    let links = |app: &TestApp, to: &str| -> Vec<String> {
        app.outbox()
            .into_iter()
            .filter(|e| e.kind == "password_reset" && e.recipient == to)
            .map(|e| link_token(&e.body_text))
            .collect()
    };
    let set = |token: String, password: &'static str| {
        let app = &app;
        async move {
            app.set_password(json!({"token": token, "password": password}))
                .await
        }
    };
    for _ in 0..3 {
        let (s, _) = app
            .request_password_reset(json!({"email": "che@admin.test"}))
            .await;
        assert_eq!(s, StatusCode::ACCEPTED);
    }
    let sent = links(&app, "che@admin.test");
    assert_eq!(sent.len(), 3);
    let (s, _) = set(sent[2].clone(), "the newest long password").await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    for old in &sent[..2] {
        let (s, v) = set(old.clone(), "an older long password").await;
        assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "invalid_link");
    }
    login(
        &app.client,
        &app.base,
        "che@admin.test",
        "the newest long password",
    )
    .await;

    // A change of password, with the current one, revokes unused links.
    app.request_password_reset(json!({"email": "fra@admin.test"}))
        .await;
    let fra_link = links(&app, "fra@admin.test").remove(0);
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    let fra = tapballot::service::users::find_by_email(&mut conn, "fra@admin.test").unwrap();
    let actor = tapballot::service::sign_in::actor_for_token(&mut conn, &fra.id, 0).unwrap();
    tapballot::service::password_links::change_password(
        &mut conn,
        &actor,
        app.clock.as_ref(),
        tapballot::service::sign_in::Origin::unknown(),
        PASSWORD,
        "a changed long password",
    )
    .unwrap();
    let (s, v) = set(fra_link, "a linked long password").await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "invalid_link");

    // Deactivation revokes them too (they could otherwise reach a reactivated account).
    let egy = app.add_user("egy@admin.test", Role::Member, Some("EGY"), "ar");
    app.request_password_reset(json!({"email": "egy@admin.test"}))
        .await;
    let egy_link = links(&app, "egy@admin.test").remove(0);
    let (s, _) = app.deactivate_user(Some(&app.tsb.token), &egy).await;
    assert_eq!(s, StatusCode::OK);
    let revoked: i64 = {
        use diesel::prelude::*;
        use tapballot::store::schema::password_tokens::dsl::*;
        password_tokens
            .filter(user_id.eq(&egy))
            .filter(used_at.is_null())
            .count()
            .get_result(&mut conn)
            .unwrap()
    };
    assert_eq!(revoked, 0, "no unused link is left to a deactivated user");
    let (s, v) = set(egy_link, "a revived long password").await;
    assert_error((s, &v), StatusCode::UNPROCESSABLE_ENTITY, "invalid_link");
}

on_both_backends!(
    setting_a_password_revokes_every_other_link,
    several_workers_deliver_each_email_once,
    confirmations_reach_the_sender_the_focal_points_and_tsb_over_smtp,
    an_smtp_outage_delays_but_loses_and_duplicates_nothing,
    reminders_go_only_to_member_states_without_a_complete_reply,
    a_reminder_round_missed_while_down_is_superseded_by_the_next,
    tsb_sees_delivery_status_and_can_retry,
    invited_users_set_their_password_through_a_single_use_link,
    a_refused_reply_promises_no_email,
);

// --- The real binary, killed while emails are queued ----------------------------------

pub(crate) struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn serve(database_url: &str, port: u16, extra: &[(&str, &str)]) -> Serve {
    serve_logging_to(database_url, port, extra, Stdio::null())
}

/// As `serve`, with the server's log (standard error) written to `log`.
pub(crate) fn serve_logging_to(
    database_url: &str,
    port: u16,
    extra: &[(&str, &str)],
    log: impl Into<Stdio>,
) -> Serve {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tapballot"));
    cmd.arg("serve")
        .env("TAPBALLOT_DATABASE_URL", database_url)
        .env("TAPBALLOT_BIND", format!("127.0.0.1:{port}"))
        .env("TAPBALLOT_JWT_SECRET", JWT_SECRET)
        .env("TAPBALLOT_MAIL_POLL_SECONDS", "1")
        .stdout(Stdio::null())
        .stderr(log);
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start tapballot serve");
    let started = Instant::now();
    while reqwest::blocking_get_ok(port).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "tapballot serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // What answered must be this process, not another test's server that
    // took the port first.
    std::thread::sleep(Duration::from_millis(200));
    if let Ok(Some(status)) = child.try_wait() {
        panic!("tapballot serve exited ({status}): port {port} was taken by another process");
    }
    Serve(child)
}

mod reqwest {
    pub use ::reqwest::*;
    /// Whether the service answers /healthz (a plain TCP probe is not enough:
    /// the port may be open before routes are ready).
    pub fn blocking_get_ok(port: u16) -> std::io::Result<()> {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
        s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n")?;
        let mut buf = String::new();
        s.read_to_string(&mut buf)?;
        if buf.starts_with("HTTP/1.0 200") || buf.starts_with("HTTP/1.1 200") {
            Ok(())
        } else {
            Err(std::io::Error::other("not ready"))
        }
    }
}

pub(crate) fn add_user_with_cli(
    database_url: &str,
    email: &str,
    role: &str,
    member_state: Option<&str>,
) {
    let mut args = vec![
        "user", "add", "--email", email, "--name", email, "--role", role,
    ];
    if let Some(ms) = member_state {
        args.extend(["--member-state", ms]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .args(&args)
        .env("TAPBALLOT_DATABASE_URL", database_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
}

/// How the second life delivers: the server's embedded worker, or
/// `tapballot worker` on its own.
#[derive(Clone, Copy, PartialEq)]
enum Delivery {
    Serve,
    WorkerAlone,
}

async fn emails_queued_when_the_service_is_killed_are_sent_after_restart(
    backend: Backend,
    delivery: Delivery,
) {
    let Some((url, _db)) = new_database(backend) else {
        return;
    };
    add_user_with_cli(&url, "tsb@itu.test", "tsb", None);
    add_user_with_cli(&url, "che@admin.test", "member", Some("CHE"));
    let mail_dir = tempfile::tempdir().unwrap();
    let mail_dir = mail_dir.path().to_str().unwrap().to_owned();

    // First life: the worker is off, so everything promised stays queued.
    let port = free_port();
    let first = serve(
        &url,
        port,
        &[
            ("TAPBALLOT_EMBEDDED_WORKER", "false"),
            ("TAPBALLOT_MAIL_DIR", &mail_dir),
        ],
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = ::reqwest::Client::new();
    let tsb = login(&client, &base, "tsb@itu.test", PASSWORD).await;
    let che = login(&client, &base, "che@admin.test", PASSWORD).await;
    let id = crate::durability::create_consultation(&client, &base, &tsb).await;
    let r = client
        .put(format!("{base}/api/v1/consultations/{id}/replies/CHE"))
        .bearer_auth(&che)
        .json(&json!({"responses": all_yes()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    drop(first); // SIGKILL: no shutdown of any kind

    // Second life, with the SMTP server: what was queued goes out at once.
    let sink = SmtpSink::start();
    let port = free_port();
    let _second = match delivery {
        Delivery::Serve => serve(&url, port, &[("TAPBALLOT_SMTP_URL", &sink.url())]),
        Delivery::WorkerAlone => Serve(
            Command::new(env!("CARGO_BIN_EXE_tapballot"))
                .arg("worker")
                .env("TAPBALLOT_DATABASE_URL", &url)
                .env("TAPBALLOT_SMTP_URL", sink.url())
                .env("TAPBALLOT_MAIL_POLL_SECONDS", "1")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start tapballot worker"),
        ),
    };
    let received = sink.wait_for(2, Duration::from_secs(60));
    assert_eq!(
        received.len(),
        2,
        "the invitation and the confirmation, once each"
    );
    let subjects: HashSet<String> = received.iter().map(|m| m.subject()).collect();
    assert!(
        subjects.contains("TSB Circular 195: reply of Switzerland received (revision 1)"),
        "{subjects:?}"
    );
    assert!(received
        .iter()
        .all(|m| m.to == vec!["che@admin.test".to_owned()]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emails_queued_when_the_service_is_killed_are_sent_after_restart_sqlite() {
    emails_queued_when_the_service_is_killed_are_sent_after_restart(
        Backend::Sqlite,
        Delivery::Serve,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(postgres_tests),
    ignore = "PostgreSQL suite skipped: TAPBALLOT_TEST_POSTGRES_URL is unset"
)]
async fn emails_queued_when_the_service_is_killed_are_sent_after_restart_postgres() {
    emails_queued_when_the_service_is_killed_are_sent_after_restart(
        Backend::Postgres,
        Delivery::Serve,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tapballot_worker_alone_delivers_what_the_server_queued() {
    emails_queued_when_the_service_is_killed_are_sent_after_restart(
        Backend::Sqlite,
        Delivery::WorkerAlone,
    )
    .await;
}

/// The bodies are rendered when an email is sent: a body template that fails
/// (an operator's faulty override) refuses no reply and loses no email; the
/// email is `failing` with the error, and goes out once the template is fixed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_faulty_body_template_delays_the_email_not_the_reply() {
    let Some((url, _db)) = new_database(Backend::Sqlite) else {
        return;
    };
    add_user_with_cli(&url, "tsb@itu.test", "tsb", None);
    add_user_with_cli(&url, "che@admin.test", "member", Some("CHE"));
    let templates = tempfile::tempdir().unwrap();
    let body = templates.path().join("reply_confirmation/body.txt");
    std::fs::create_dir_all(body.parent().unwrap()).unwrap();
    std::fs::write(&body, "Dear {{ no_such_value }},\n").unwrap();
    let mail_dir = tempfile::tempdir().unwrap();
    let vars = [
        (
            "TAPBALLOT_EMAIL_TEMPLATES_DIR",
            templates.path().to_str().unwrap(),
        ),
        ("TAPBALLOT_MAIL_DIR", mail_dir.path().to_str().unwrap()),
    ];
    let port = free_port();
    let first = serve(&url, port, &vars);
    let base = format!("http://127.0.0.1:{port}");
    let client = ::reqwest::Client::new();
    let tsb = login(&client, &base, "tsb@itu.test", PASSWORD).await;
    let che = login(&client, &base, "che@admin.test", PASSWORD).await;
    let id = crate::durability::create_consultation(&client, &base, &tsb).await;
    let r = client
        .put(format!("{base}/api/v1/consultations/{id}/replies/CHE"))
        .bearer_auth(&che)
        .json(&json!({"responses": all_yes()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the reply is taken");

    let confirmation = |client: ::reqwest::Client, base: String, tsb: String| async move {
        let v: Value = client
            .get(format!("{base}/api/v1/emails"))
            .bearer_auth(&tsb)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "reply_confirmation")
            .cloned()
            .unwrap()
    };
    let started = Instant::now();
    let failing = loop {
        let e = confirmation(client.clone(), base.clone(), tsb.clone()).await;
        if e["status"] == "failing" {
            break e;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{e}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let error = failing["last_error"].as_str().unwrap();
    assert!(
        error.contains("cannot render reply_confirmation"),
        "{error}"
    );
    assert!(error.contains("no_such_value"), "{error}");
    drop(first);

    // Fixed (the override removed): a retry sends it, with the stored reply.
    std::fs::remove_file(&body).unwrap();
    let port = free_port();
    let _second = serve(&url, port, &vars);
    let base = format!("http://127.0.0.1:{port}");
    let tsb = login(&client, &base, "tsb@itu.test", PASSWORD).await;
    let r = client
        .post(format!(
            "{base}/api/v1/emails/{}/retry",
            failing["id"].as_str().unwrap()
        ))
        .bearer_auth(&tsb)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let started = Instant::now();
    loop {
        let e = confirmation(client.clone(), base.clone(), tsb.clone()).await;
        if e["status"] == "sent" {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{e}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let eml = std::fs::read_to_string(
        mail_dir
            .path()
            .join(format!("{}.eml", failing["id"].as_str().unwrap())),
    )
    .expect("the confirmation's .eml");
    assert!(eml.contains("Switzerland"), "{eml}");
    assert!(eml.contains("X.1237"), "the responses as stored: {eml}");
}
