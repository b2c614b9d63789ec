//! Snapshots of every email, text and HTML, in English, Chinese and Arabic,
//! produced by the real flow. Identifiers, receipt codes and link tokens are
//! redacted; times come from the test clock, so they are fixed, and their
//! Geneva/UTC wording is part of what the snapshots check.

use std::collections::BTreeSet;

use serde_json::json;
use tapballot::auth::Role;
use tapballot::store::emails::EmailRow;

use crate::helpers::*;

fn redact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Receipt codes, UUIDs and 43-character link tokens, without a regex crate.
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("TAP-") {
            if r.len() >= 14 && r.as_bytes()[4] == b'-' && r.as_bytes()[9] == b'-' {
                out.push_str("[receipt]");
                rest = &r[14..];
                continue;
            }
        }
        if let Some(r) = rest.strip_prefix("token=") {
            let n = r.chars().take_while(char::is_ascii_alphanumeric).count();
            out.push_str("token=[token]");
            rest = &r[n..];
            continue;
        }
        let candidate: String = rest.chars().take(36).collect();
        if candidate.len() == 36 && uuid::Uuid::try_parse(&candidate).is_ok() {
            out.push_str("[id]");
            rest = &rest[36..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn find<'a>(
    rows: &'a [EmailRow],
    kind: &str,
    lang: &str,
    subject_has: Option<&str>,
) -> &'a EmailRow {
    rows.iter()
        .find(|e| {
            e.kind == kind
                && e.language == lang
                && subject_has.is_none_or(|s| e.subject.contains(s))
        })
        .unwrap_or_else(|| panic!("no {kind} email in {lang}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_email_renders_as_snapshotted_in_english_chinese_and_arabic() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.mail.tsb_copy_to = None)
        .await
        .unwrap();
    app.add_user("che-zh@admin.test", Role::Member, Some("CHE"), "zh");
    app.add_user("chn-zh@admin.test", Role::Member, Some("CHN"), "zh");
    app.add_user("egy-ar@admin.test", Role::Member, Some("EGY"), "ar");
    app.add_user("egy-en@admin.test", Role::Member, Some("EGY"), "en");
    app.add_user("tsb-zh@itu.test", Role::Tsb, None, "zh");
    app.add_user("tsb-ar@itu.test", Role::Tsb, None, "ar");
    let egy = login(&app.client, &app.base, "egy-ar@admin.test", PASSWORD).await;

    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(
        &app.che.token,
        id,
        "CHE",
        json!([{"draft": "X.1237", "position": "yes", "comments": "Soutien <total> & sans réserve"}, {"draft": "X.1283", "position": "no", "reasons": "Clause 6.2 should align with X.1252."}]),
    )
    .await;
    app.submit_reply(
        Some(&app.tsb.token),
        id,
        "EGY",
        json!({"responses": all_yes(), "source": "fax of 2 August 2024"}),
    )
    .await;
    app.clock.advance(chrono::Duration::hours(2));
    app.withdraw_reply(Some(&egy), id, "EGY", None).await;
    for (email, lang, ms) in [
        ("inv-en@admin.test", "en", "KEN"),
        ("inv-zh@admin.test", "zh", "SGP"),
        ("inv-ar@admin.test", "ar", "JOR"),
    ] {
        app.invite_user(Some(&app.tsb.token), json!({"email": email, "name": format!("Focal point {ms}"), "role": "member", "member_state": ms, "language": lang}))
        .await;
    }
    for email in ["che@admin.test", "che-zh@admin.test", "egy-ar@admin.test"] {
        app.request_password_reset(json!({"email": email})).await;
    }
    // A second circular, cancelled.
    let other = app
        .create_consultation(circular_body("TSB Circular 196"))
        .await;
    let (status, _) = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/consultations/{}/cancel", other["id"].as_str().unwrap()),
            Some(&app.tsb.token),
            Some(json!({"reason": "The drafts were withdrawn by the study group.\nA new circular will follow."})),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    let worker = app.worker();
    app.clock.set("2024-08-14T22:00:00Z".parse().unwrap());
    worker.run_due().unwrap();
    // After the reminder: an extension, a new meeting place, a draft retitled.
    let mut extended = circular_195_body();
    extended["deadline"] = json!("2024-08-28T23:59");
    extended["meeting_place"] = json!("Geneva, ITU headquarters");
    extended["drafts"][0]["title"] = json!("Draft X.1237, revised title");
    let (status, _) = app
        .update_consultation(Some(&app.tsb.token), id, extended)
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    app.clock.set("2024-08-28T22:00:00Z".parse().unwrap());
    worker.run_due().unwrap();
    // The next morning TSB enters a fax received in time, then a late
    // reply, and certifies the result.
    app.clock.set("2024-08-29T07:12:00Z".parse().unwrap());
    let (status, v) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "CHN",
            json!({"responses": all_yes(), "source": "fax of 28 August 2024, 23:50", "received_at": "2024-08-28T21:50:00Z"}),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{v}");
    let (status, v) = app
        .submit_reply(
            Some(&app.tsb.token),
            id,
            "EGY",
            json!({"responses": [{"draft": "X.1237", "position": "no", "reasons": "يلزم مزيد من الدراسة."}], "source": "email of 29 August 2024", "received_at": "2024-08-29T06:05:00Z", "late": true}),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{v}");
    let (status, v) = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/consultations/{id}/certify"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{v}");
    // The meeting decides, with a reservation, an abstention and a
    // deferral, and the deferral's end reminds TSB.
    app.clock.set("2024-09-05T10:00:00Z".parse().unwrap());
    for (draft, body) in [
        (
            "X.1237",
            json!({"outcome": "approved", "decided_on": "2024-09-05", "reservations": [{"member_state": "EGY", "text": "تحفظ على البند 7"}], "abstentions": ["CHN"]}),
        ),
        (
            "X.1353",
            json!({"outcome": "deferred", "decided_on": "2024-09-05", "deferred_until": "2024-09-19"}),
        ),
    ] {
        let (status, v) = app
            .call(
                reqwest::Method::PUT,
                &format!("/api/v1/consultations/{id}/decisions/{draft}"),
                Some(&app.tsb.token),
                Some(body),
            )
            .await;
        assert_eq!(status, reqwest::StatusCode::OK, "{v}");
    }
    let (status, v) = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/consultations/{id}/decisions/notify"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{v}");
    app.clock.set("2024-09-19T06:00:00Z".parse().unwrap());
    worker.run_due().unwrap();

    let rows = app.outbox();
    let mut seen = BTreeSet::new();
    for lang in ["en", "zh", "ar"] {
        for kind in tapballot::mail::render::EmailKind::ALL {
            let e = find(&rows, kind.as_str(), lang, None);
            seen.insert((kind.as_str(), lang));
            let name = format!("{}-{lang}", kind.as_str());
            insta::assert_snapshot!(
                format!("{name}-text"),
                redact(&format!("Subject: {}\n\n{}", e.subject, e.body_text))
            );
            insta::assert_snapshot!(format!("{name}-html"), redact(&e.body_html));
            if lang == "ar" {
                assert!(
                    e.body_html.contains("dir=\"rtl\""),
                    "{name} is right to left"
                );
            }
        }
    }
    for (lang, word) in [("en", "withdrawn"), ("ar", "سحب")] {
        let e = find(&rows, "reply_confirmation", lang, Some(word));
        insta::assert_snapshot!(
            format!("withdrawal-{lang}-text"),
            redact(&format!("Subject: {}\n\n{}", e.subject, e.body_text))
        );
    }
    // The attested reply of China (to its focal point, in Chinese) and the
    // late reply of Egypt (in Arabic and English).
    for (name, lang, ms, source) in [
        ("attested", "zh", "CHN", "fax of 28 August"),
        ("late", "ar", "EGY", "email of 29 August"),
        ("late", "en", "EGY", "email of 29 August"),
    ] {
        let e = rows
            .iter()
            .find(|e| {
                e.kind == "reply_confirmation"
                    && e.language == lang
                    && e.subject.contains(match (ms, lang) {
                        ("CHN", _) => "中国",
                        (_, "ar") => "مصر",
                        _ => "Egypt",
                    })
                    && e.body_text.contains(source)
            })
            .unwrap_or_else(|| panic!("no {name} confirmation in {lang}"));
        let name = format!("reply_confirmation-{name}-{lang}");
        insta::assert_snapshot!(
            format!("{name}-text"),
            redact(&format!("Subject: {}\n\n{}", e.subject, e.body_text))
        );
        insta::assert_snapshot!(format!("{name}-html"), redact(&e.body_html));
    }
    assert_eq!(seen.len(), 33);
}
