//! The web pages over HTTP (a browser-less client with cookies): sign-in,
//! CSRF, the reply flow, authorization, languages. The browser suite
//! (`tests/browser`) drives the same pages in Chromium.

use reqwest::{Client, Method, StatusCode};
use serde_json::json;

use crate::helpers::*;
use crate::on_both_backends;

pub(crate) fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .unwrap()
}

/// The value of a hidden input in a page.
pub(crate) fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in page"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

/// GET a page and return its HTML.
pub(crate) async fn get_page(app: &TestApp, client: &Client, path: &str) -> String {
    client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

pub(crate) async fn sign_in(app: &TestApp, client: &Client, email: &str) -> String {
    sign_in_with(app, client, email, PASSWORD).await
}

/// Signs in through the form; returns the CSRF token of the page it lands on.
pub(crate) async fn sign_in_with(
    app: &TestApp,
    client: &Client,
    email: &str,
    password: &str,
) -> String {
    let page = get_page(app, client, "/sign-in").await;
    let csrf = hidden(&page, "csrf");
    let r = client
        .post(format!("{}/sign-in", app.base))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf", &csrf),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    hidden(&html, "csrf")
}

async fn a_focal_point_replies_reviews_and_gets_a_receipt(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let client = browser();
    let csrf = sign_in(&app, &client, "che@admin.test").await;

    let home = get_page(&app, &client, "/home").await;
    assert!(home.contains("TSB Circular 195"));
    assert!(home.contains("21 August 2024 — 2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"));
    assert!(home.contains(&format!("/consultations/{id}/replies/CHE")));

    let form = client
        .get(format!("{}/consultations/{id}/replies/CHE", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let form = form.text().await.unwrap();
    assert!(form.contains("<legend>Authority to consider X.1237 for approval?</legend>"));

    let mut fields: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
    for i in 0..8 {
        fields.push((
            format!("position-{i}"),
            if i == 1 { "no".into() } else { "yes".into() },
        ));
    }
    // "No" without reasons: accepted after review, with a warning.
    let review = client
        .post(format!(
            "{}/consultations/{id}/replies/CHE/review",
            app.base
        ))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(review.status(), StatusCode::OK);
    let review = review.text().await.unwrap();
    assert!(
        review.contains("X.1283: the answer is no without reasons"),
        "{review}"
    );
    assert!(
        !review.contains("will have no reply"),
        "every draft is answered"
    );
    // A draft left unanswered is flagged before the reply is sent.
    let partial: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| k != "position-7")
        .cloned()
        .collect();
    let flagged = client
        .post(format!(
            "{}/consultations/{id}/replies/CHE/review",
            app.base
        ))
        .form(&partial)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        flagged.contains("This draft will have no reply from your administration"),
        "{flagged}"
    );
    assert!(
        flagged.contains("X.1820 (X.5Gsec-srocvs)</bdi></li>"),
        "{flagged}"
    );
    fields.push(("action".into(), "submit".into()));
    let receipt = client
        .post(format!("{}/consultations/{id}/replies/CHE", app.base))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(receipt.status(), StatusCode::OK);
    assert!(receipt.url().path().ends_with("/replies/CHE/receipt"));
    let receipt = receipt.text().await.unwrap();
    assert!(receipt.contains("TAP-"), "the receipt code is shown");
    assert!(
        receipt.contains("1 August 2024 — 2024-08-01 10:00 Geneva (CEST, UTC+2) = 08:00 UTC"),
        "{receipt}"
    );
    assert!(receipt.contains("A confirmation has been emailed"));

    // The same reply again: no revision, and no claim of an email.
    let again = client
        .post(format!("{}/consultations/{id}/replies/CHE", app.base))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let again = again.text().await.unwrap();
    assert!(again.contains("no new revision was made"), "{again}");
    assert!(
        !again.contains("A confirmation has been emailed"),
        "{again}"
    );

    // The API sees the same reply: one domain, two doors.
    let (_, reply) = app
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/consultations/{id}/replies/CHE"),
            Some(&app.che.token),
            None,
        )
        .await;
    assert_eq!(reply["current"]["revision"], 1);
    assert_eq!(reply["current"]["responses"][1]["position"], "no");

    // A choice missing for a draft with text is an error, linked to its field.
    let bad = vec![
        ("csrf".to_owned(), csrf.clone()),
        ("reasons-3".to_owned(), "why".to_owned()),
    ];
    let r = client
        .post(format!(
            "{}/consultations/{id}/replies/CHE/review",
            app.base
        ))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("href=\"#position-3-yes\""));

    // After the cut-off the form is read-only and says so.
    app.clock.set("2024-08-22T00:00:00Z".parse().unwrap());
    // Three weeks on, the session of 1 August has ended: sign in again.
    let csrf = sign_in(&app, &client, "che@admin.test").await;
    for (name, value) in fields.iter_mut() {
        if name == "csrf" {
            *value = csrf.clone();
        }
    }
    let closed = get_page(&app, &client, &format!("/consultations/{id}/replies/CHE")).await;
    assert!(closed.contains("This consultation has closed"));
    assert!(!closed.contains("/review\""), "no form after the cut-off");
    let late = client
        .post(format!("{}/consultations/{id}/replies/CHE", app.base))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), StatusCode::CONFLICT);
}

async fn pages_refuse_other_member_states_and_forged_forms(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.fra.token, id, "FRA", all_yes()).await;
    let client = browser();
    let csrf = sign_in(&app, &client, "che@admin.test").await;
    for path in ["", "/history", "/print", "/withdraw"] {
        let r = client
            .get(format!("{}/consultations/{id}/replies/FRA{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = client
        .post(format!("{}/consultations/{id}/replies/FRA", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("position-0", "no"),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = client
        .get(format!("{}/tsb", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Without the session's CSRF token a form is refused.
    let r = client
        .post(format!("{}/consultations/{id}/replies/CHE", app.base))
        .form(&[
            ("csrf", "forged"),
            ("position-0", "yes"),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // France's reply is untouched.
    let (_, fra) = app
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/consultations/{id}/replies/FRA"),
            Some(&app.fra.token),
            None,
        )
        .await;
    assert_eq!(fra["revisions"].as_array().unwrap().len(), 1);
    // Unknown pages are a page; unknown API paths stay JSON.
    let r = client
        .get(format!("{}/no/such/page", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("<html lang=\"en\""));
    // Signed out, pages send you to sign in.
    let anon = browser();
    let r = anon.get(format!("{}/home", app.base)).send().await.unwrap();
    assert!(r.url().path().ends_with("/sign-in"));
}

async fn pages_speak_the_chosen_language_right_to_left_for_arabic(app: TestApp) {
    let client = browser();
    let r = client
        .get(format!("{}/sign-in", app.base))
        .header("Accept-Language", "zh-CN,zh;q=0.9")
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"zh\" dir=\"ltr\">"));
    assert!(html.contains("登录"));
    let r = client
        .get(format!("{}/language/ar?back=/sign-in", app.base))
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(
        html.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "the switcher wins over Accept-Language"
    );
    assert!(html.contains("تسجيل الدخول"));
    // The switcher's link, which any site could send a user to, changes
    // this browser's pages only, never the stored preference.
    let csrf = sign_in(&app, &client, "fra@admin.test").await;
    let language_of = |users: &serde_json::Value| {
        users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == "fra@admin.test")
            .unwrap()["language"]
            .clone()
    };
    client
        .get(format!("{}/language/fr?back=/home", app.base))
        .send()
        .await
        .unwrap();
    let (_, users) = app.list_users(Some(&app.tsb.token)).await;
    assert_eq!(
        language_of(&users),
        "en",
        "a GET changes no stored preference"
    );
    // A signed-in user's choice, posted from the account page, becomes their
    // preference, for emails too.
    let forged = client
        .post(format!("{}/account/language", app.base))
        .form(&[("language", "fr"), ("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let saved = client
        .post(format!("{}/account/language", app.base))
        .form(&[("language", "fr"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::OK);
    assert!(saved
        .text()
        .await
        .unwrap()
        .contains("La langue de vos courriels a été enregistrée."));
    let (_, users) = app
        .call(
            reqwest::Method::GET,
            "/api/v1/users",
            Some(&app.tsb.token),
            None,
        )
        .await;
    let fra = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "fra@admin.test")
        .unwrap();
    assert_eq!(fra["language"], "fr");

    // Dates are written as French writes them, beside the official stamp.
    app.circular_195().await;
    let home = get_page(&app, &client, "/home").await;
    assert!(
        home.contains("21 août 2024 — 2024-08-21 23:59 Genève (CEST, UTC+2) = 21:59 UTC"),
        "{home}"
    );
}

async fn tsb_creates_a_consultation_and_downloads_the_export(app: TestApp) {
    let client = browser();
    let csrf = sign_in(&app, &client, "tsb@itu.test").await;
    let r = client
        .post(format!("{}/tsb/consultations/new", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("rows", "2"),
            ("reference", "TSB Circular 250"),
            ("study_group", "SG17"),
            ("title", "Approval of two drafts"),
            ("deadline", "2024-10-27T02:30"),
            ("time_zone", "Europe/Zurich"),
            ("draft-number-0", "X.1500"),
            ("draft-name-0", "X.a"),
            ("draft-title-0", "First"),
            ("draft-number-1", ""),
            ("action", "save"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the clock change makes 02:30 ambiguous"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("href=\"#deadline\""));
    let r = client
        .post(format!("{}/tsb/consultations/new", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("rows", "1"),
            ("reference", "TSB Circular 250"),
            ("study_group", "SG17"),
            ("title", "Approval of one draft"),
            ("deadline", "2024-09-30T23:59"),
            ("time_zone", "Europe/Zurich"),
            ("draft-number-0", "X.1500"),
            ("draft-name-0", "X.a"),
            ("draft-title-0", "First"),
            ("action", "save"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let detail_url = r.url().to_string();
    let html = r.text().await.unwrap();
    assert!(html.contains("Live tally"));
    assert!(html.contains("<svg"));
    assert!(html.contains("Not replied (193)"));
    let id = detail_url.rsplit('/').next().unwrap().to_owned();
    app.put_reply(
        &app.che.token,
        &id,
        "CHE",
        json!([{"draft": "X.1500", "position": "yes"}]),
    )
    .await;
    let csv = client
        .get(format!(
            "{}/tsb/consultations/{id}/export?format=csv",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    let body = csv.text().await.unwrap();
    assert!(body.contains("CHE,Switzerland,X.1500,X.a,Yes"));
}

async fn set_password(
    app: &TestApp,
    client: &Client,
    csrf: &str,
    token: &str,
    password: &str,
    confirm: &str,
) -> reqwest::Response {
    client
        .post(format!("{}/set-password", app.base))
        .form(&[
            ("csrf", csrf),
            ("token", token),
            ("password", password),
            ("confirm", confirm),
        ])
        .send()
        .await
        .unwrap()
}

async fn an_invited_user_sets_a_password_through_the_emailed_link(app: TestApp) {
    let (s, _) = app
        .call(
            reqwest::Method::POST,
            "/api/v1/users",
            Some(&app.tsb.token),
            Some(json!({"email": "new@admin.test", "name": "New", "role": "member", "member_state": "KEN"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let email = app
        .outbox()
        .into_iter()
        .find(|e| e.kind == "account_invitation")
        .unwrap();
    let start = email.body_text.find("https://tapballot.test").unwrap();
    let link = email.body_text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .replace("https://tapballot.test", &app.base);
    let client = browser();
    let page = client
        .get(&link)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (csrf, token) = (hidden(&page, "csrf"), hidden(&page, "token"));
    let mismatch = set_password(
        &app,
        &client,
        &csrf,
        &token,
        "a long new password",
        "another one entirely",
    )
    .await;
    assert_eq!(mismatch.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let done = set_password(
        &app,
        &client,
        &csrf,
        &token,
        "a long new password",
        "a long new password",
    )
    .await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done
        .text()
        .await
        .unwrap()
        .contains("Your password is saved"));
    login(
        &app.client,
        &app.base,
        "new@admin.test",
        "a long new password",
    )
    .await;
    // The link works once.
    let again = set_password(
        &app,
        &client,
        &csrf,
        &token,
        "a third long password",
        "a third long password",
    )
    .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("already used or expired"));

    // Forgot password: the same answer whether or not the address exists.
    let page = get_page(&app, &client, "/forgot-password").await;
    let csrf = hidden(&page, "csrf");
    for address in ["nobody@nowhere.test", "che@admin.test"] {
        let r = client
            .post(format!("{}/forgot-password", app.base))
            .form(&[("csrf", csrf.as_str()), ("email", address)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("If this address has an account"));
    }
    app.state.after_answer_done().await;
    assert_eq!(
        app.outbox()
            .iter()
            .filter(|e| e.kind == "password_reset")
            .count(),
        1
    );
}

async fn tsb_sees_when_emails_were_sent_or_will_be_retried(app: TestApp) {
    let mut sink = crate::smtp::SmtpSink::stopped();
    let worker = app.smtp_worker(&sink);
    app.circular_195().await;
    assert!(worker.run_due().unwrap().failed > 0);
    let client = browser();
    sign_in(&app, &client, "tsb@itu.test").await;
    let emails = get_page(&app, &client, "/tsb/emails").await;
    assert!(
        emails.contains("2024-08-01 10:00 Geneva (CEST, UTC+2) = 08:00 UTC"),
        "{emails}"
    );
    assert!(emails.contains("Next attempt 2024-08-01 10:0"), "{emails}");
    assert!(!emails.contains("Sent 2024"), "{emails}");

    sink.resume();
    app.clock.advance(chrono::Duration::minutes(5));
    assert!(worker.run_due().unwrap().sent > 0);
    let emails = get_page(&app, &client, "/tsb/emails").await;
    assert!(
        emails.contains("Sent 2024-08-01 10:05 Geneva (CEST, UTC+2) = 08:05 UTC"),
        "{emails}"
    );
    assert!(!emails.contains("Next attempt"), "{emails}");
}

async fn tsb_reads_who_changed_what_on_the_activity_page(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let (s, _) = app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    assert_eq!(s, StatusCode::OK);

    let member = browser();
    sign_in(&app, &member, "che@admin.test").await;
    let r = member
        .get(format!("{}/tsb/activity", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let tsb = browser();
    sign_in(&app, &tsb, "tsb@itu.test").await;
    // minijinja escapes "/" in attribute values; browsers read it back.
    let all = get_page(&app, &tsb, "/tsb/activity")
        .await
        .replace("&#x2f;", "/");
    assert!(all.contains("Consultation opened"), "{all}");
    assert!(all.contains("Reply submitted"), "{all}");
    assert!(
        all.contains("User che@admin.test &lt;che@admin.test&gt;"),
        "{all}"
    );
    assert!(all.contains("command line"), "{all}");
    assert!(all.contains(&format!("href=\"/consultations/{id}/replies/CHE/history\"")));
    // Subjects are named, not shown as internal paths.
    assert!(
        all.contains("TSB Circular 195: reply of Switzerland"),
        "{all}"
    );
    assert!(!all.contains(&format!(">consultation/{id}")), "{all}");
    assert!(!all.contains(">user/"), "{all}");
    let detail = get_page(&app, &tsb, &format!("/tsb/consultations/{id}")).await;
    assert!(detail.contains(&format!("href=\"/tsb/activity?subject=consultation/{id}\"")));
    let one = get_page(
        &app,
        &tsb,
        &format!("/tsb/activity?subject=consultation/{id}"),
    )
    .await;
    assert!(one.contains("Reply submitted"), "{one}");
    assert!(!one.contains("User added"), "{one}");
}

/// Only a path on this site is a redirect target; everything else goes to
/// the default page, and nothing a client sends makes a 5xx.
async fn redirects_stay_on_the_site(app: TestApp) {
    let client = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (back, to) in [
        ("/%09/evil.example", "/"),
        ("/%0d%0aSet-Cookie:%20x=1", "/"),
        ("%0d%0a", "/"),
        ("/%5Cevil.example", "/"),
        ("//evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/%C3%A9", "/"),
        ("/home%3Fx=1", "/home?x=1"),
    ] {
        let r = client
            .get(format!("{}/language/en?back={back}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "back={back}");
        assert_eq!(r.headers()["location"], to, "back={back}");
    }
    // The same after a real sign-in, whatever `next` the form carries.
    for next in [
        "/\t/evil.example",
        "/\\evil.example",
        "/\r\n",
        "//evil.example",
    ] {
        let page = get_page(&app, &client, "/sign-in?next=/%09/evil.example").await;
        // minijinja escapes "/" in attributes.
        assert_eq!(
            hidden(&page, "next").replace("&#x2f;", "/"),
            "/",
            "the page never offers a foreign target"
        );
        let csrf = hidden(&page, "csrf");
        let r = client
            .post(format!("{}/sign-in", app.base))
            .form(&[
                ("email", "tsb@itu.test"),
                ("password", PASSWORD),
                ("csrf", &csrf),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "next={next:?}");
        assert_eq!(r.headers()["location"], "/tsb", "next={next:?}");
    }
}

/// The first link to the site in an email's text, made to point at the test server.
fn link_in(app: &TestApp, text: &str) -> String {
    let start = text.find("https://tapballot.test").expect("a link");
    text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .replace("https://tapballot.test", &app.base)
}

async fn links_in_emails_open_the_reply_pages(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (_, receipt) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    let client = browser();
    sign_in(&app, &client, "che@admin.test").await;
    let outbox = app.outbox();
    let to_che = |kind: &str| {
        outbox
            .iter()
            .find(|e| e.kind == kind && e.recipient == "che@admin.test")
            .unwrap_or_else(|| panic!("{kind} to CHE"))
            .body_text
            .clone()
    };
    // The invitation leads to the Member State's reply form.
    let link = link_in(&app, &to_che("invitation"));
    assert!(
        link.ends_with(&format!("/consultations/{id}/replies/CHE")),
        "{link}"
    );
    let form = get_page(&app, &client, link.trim_start_matches(&app.base)).await;
    assert!(form.contains("<legend>Authority to consider X.1237 for approval?</legend>"));
    // The confirmation leads to the receipt of its revision.
    let link = link_in(&app, &to_che("reply_confirmation"));
    assert!(link.ends_with("/receipt?revision=1"), "{link}");
    let page = get_page(&app, &client, link.trim_start_matches(&app.base)).await;
    assert!(
        page.contains(receipt["receipt"].as_str().unwrap()),
        "{page}"
    );
}

async fn focal_points_see_the_final_tally_once_closed(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    app.put_reply(
        &app.fra.token,
        id,
        "FRA",
        json!([{"draft": "X.1237", "position": "no", "reasons": "r"}]),
    )
    .await;
    let path = format!("/consultations/{id}/replies/CHE");
    let client = browser();
    sign_in(&app, &client, "che@admin.test").await;
    let open = get_page(&app, &client, &path).await;
    assert!(!open.contains("Final tally") && !open.contains("tally-heading"));

    app.clock.set("2024-08-22T08:00:00Z".parse().unwrap());
    let client = browser();
    sign_in(&app, &client, "che@admin.test").await;
    let closed = get_page(&app, &client, &path).await;
    assert!(
        closed.contains("id=\"tally-heading\">Final tally"),
        "{closed}"
    );
    assert!(closed.contains("<th scope=\"col\">Your reply</th>"));
    // X.1237: two replies, one yes (CHE's), one no: 50 %, not enough.
    let row = closed
        .split("<tr>")
        .find(|r| r.contains("X.1237 (X.tsfpp)") && r.contains("class=\"num\""))
        .expect("the row of X.1237");
    assert!(
        row.contains("<td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td>"),
        "{row}"
    );
    assert!(row.contains("<td>Yes</td>"), "CHE's own position: {row}");
}

async fn the_meeting_is_shown_where_the_consultation_is(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let meeting = "Study group meeting</dt><dd>3 September 2024 to 12 September 2024, Geneva</dd>";
    let client = browser();
    sign_in(&app, &client, "che@admin.test").await;
    for path in [
        format!("/consultations/{id}/replies/CHE"),
        format!("/consultations/{id}/replies/CHE/print"),
    ] {
        let page = get_page(&app, &client, &path).await;
        assert!(page.contains(meeting), "{path}: {page}");
    }
    let client = browser();
    sign_in(&app, &client, "tsb@itu.test").await;
    let page = get_page(&app, &client, &format!("/tsb/consultations/{id}")).await;
    assert!(page.contains(meeting), "{page}");
    // And in the invitation.
    let invitation = app
        .outbox()
        .into_iter()
        .find(|e| e.kind == "invitation")
        .unwrap();
    assert!(
        invitation
            .body_text
            .contains("Study group meeting: 3 September 2024 to 12 September 2024, Geneva"),
        "{}",
        invitation.body_text
    );
}

async fn tsb_manages_users_in_the_pages_with_a_confirmation_before_deactivation(app: TestApp) {
    let client = browser();
    let csrf = sign_in(&app, &client, "tsb@itu.test").await;
    let fra = app.fra.id.clone();
    // In French: languages by their own names, and refusals in French.
    get_page(&app, &client, "/language/fr?back=/tsb/users").await;
    let users = get_page(&app, &client, "/tsb/users").await;
    assert!(users.contains(">العربية</option>"), "{users}");
    assert!(users.contains(">中文</option>"), "{users}");
    let refused = client
        .post(format!("{}/tsb/users", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "new@admin.test"),
            ("name", "Nouveau"),
            ("role", "member"),
            ("member_state", ""),
            ("language", "fr"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = refused.text().await.unwrap();
    assert!(
        refused.contains("Un point focal relève d&#x27;un État Membre"),
        "{refused}"
    );
    assert!(!refused.contains("--member-state"), "{refused}");
    get_page(&app, &client, "/language/en?back=/tsb/users").await;
    let users = get_page(&app, &client, "/tsb/users").await;
    assert!(users.contains(&format!("href=\"/tsb/users/{fra}/deactivate\"")));
    // The link asks first; nothing has changed yet.
    let confirm = get_page(&app, &client, &format!("/tsb/users/{fra}/deactivate")).await;
    assert!(
        confirm.contains("Deactivate User fra@admin.test &lt;fra@admin.test&gt;?"),
        "{confirm}"
    );
    let (s, _) = app
        .request_token(json!({"email": "fra@admin.test", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let post = |path: String| {
        let client = client.clone();
        let csrf = csrf.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let r = client
                .post(url)
                .form(&[("csrf", csrf.as_str())])
                .send()
                .await
                .unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let (s, page) = post(format!("/tsb/users/{fra}/deactivate")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("The user has been deactivated."), "{page}");
    let (s, _) = app
        .request_token(json!({"email": "fra@admin.test", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, page) = post(format!("/tsb/users/{fra}/reactivate")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("The user has been reactivated"), "{page}");
    let (s, _) = app
        .request_token(json!({"email": "fra@admin.test", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::OK);

    // An invited user who has not set a password can be sent the invitation again.
    let (_, ken) = app
        .invite_user(
            Some(&app.tsb.token),
            json!({"email": "ken@admin.test", "name": "Kenya", "role": "member", "member_state": "KEN"}),
        )
        .await;
    let ken = ken["id"].as_str().unwrap();
    let users = get_page(&app, &client, "/tsb/users").await;
    assert!(users.contains(&format!("action=\"/tsb/users/{ken}/invitation\"")));
    assert!(
        !users.contains(&format!("action=\"/tsb/users/{fra}/invitation\"")),
        "not for one with a password"
    );
    let before = app
        .outbox()
        .iter()
        .filter(|e| e.recipient == "ken@admin.test")
        .count();
    let (s, page) = post(format!("/tsb/users/{ken}/invitation")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("The invitation has been sent again"),
        "{page}"
    );
    let after = app
        .outbox()
        .iter()
        .filter(|e| e.recipient == "ken@admin.test")
        .count();
    assert_eq!(after, before + 1);
    // A forged form (a wrong CSRF token) changes nothing.
    let r = client
        .post(format!("{}/tsb/users/{fra}/deactivate", app.base))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (s, _) = app
        .request_token(json!({"email": "fra@admin.test", "password": PASSWORD}))
        .await;
    assert_eq!(s, StatusCode::OK);
}

async fn tsb_changes_a_user_in_the_pages(app: TestApp) {
    let client = browser();
    let csrf = sign_in(&app, &client, "tsb@itu.test").await;
    let fra = app.fra.id.clone();
    let form = get_page(&app, &client, &format!("/tsb/users/{fra}/edit")).await;
    assert!(form.contains("value=\"User fra@admin.test\""), "{form}");
    assert!(form.contains("<option value=\"FRA\" selected>"), "{form}");
    let edit = |name: &'static str| {
        let (client, csrf) = (client.clone(), csrf.clone());
        let url = format!("{}/tsb/users/{fra}/edit", app.base);
        async move {
            let r = client
                .post(url)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("name", name),
                    ("language", "fr"),
                    ("member_state", "BEL"),
                ])
                .send()
                .await
                .unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let (s, page) = edit(" ").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("href=\"#name\""), "{page}");
    let (s, page) = edit("Point focal").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("The user has been changed."), "{page}");
    let (_, me) = app
        .call(Method::GET, "/api/v1/me", Some(&app.fra.token), None)
        .await;
    assert_eq!(
        (&me["name"], &me["language"], &me["member_state"]),
        (&json!("Point focal"), &json!("fr"), &json!("BEL"))
    );
}

on_both_backends!(
    tsb_changes_a_user_in_the_pages,
    tsb_manages_users_in_the_pages_with_a_confirmation_before_deactivation,
    the_meeting_is_shown_where_the_consultation_is,
    focal_points_see_the_final_tally_once_closed,
    links_in_emails_open_the_reply_pages,
    redirects_stay_on_the_site,
    tsb_reads_who_changed_what_on_the_activity_page,
    tsb_sees_when_emails_were_sent_or_will_be_retried,
    an_invited_user_sets_a_password_through_the_emailed_link,
    a_focal_point_replies_reviews_and_gets_a_receipt,
    pages_refuse_other_member_states_and_forged_forms,
    pages_speak_the_chosen_language_right_to_left_for_arabic,
    tsb_creates_a_consultation_and_downloads_the_export,
);

/// The `Cookie` header of a fresh signed-in session, saved as an attacker
/// who copied it would, and the CSRF token of its pages.
async fn saved_session(app: &TestApp, email: &str) -> (String, String) {
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let session_of = |r: &reqwest::Response| -> String {
        r.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("tapballot_session="))
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned()
    };
    let r = client
        .get(format!("{}/sign-in", app.base))
        .send()
        .await
        .unwrap();
    let cookie = session_of(&r);
    let csrf = hidden(&r.text().await.unwrap(), "csrf");
    let r = client
        .post(format!("{}/sign-in", app.base))
        .header("cookie", &cookie)
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("csrf", &csrf),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cookie = session_of(&r);
    let home = client
        .get(format!("{}/home", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), StatusCode::OK, "signed in");
    let csrf = hidden(&home.text().await.unwrap(), "csrf");
    (cookie, csrf)
}

/// Where `/home` sends a request that carries `cookie`.
async fn home_with(app: &TestApp, cookie: &str) -> (StatusCode, Option<String>) {
    let r = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/home", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    let to = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (r.status(), to)
}

/// Signing out ends the session on the server: a cookie saved before does
/// not open a page after, nor does another browser's session of the same
/// user; and a session ends after twelve hours by the server's clock.
async fn sessions_end_on_the_server(app: TestApp) {
    let (saved, csrf) = saved_session(&app, "che@admin.test").await;
    let (other_browser, _) = saved_session(&app, "che@admin.test").await;
    let r = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/sign-out", app.base))
        .header("cookie", &saved)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for cookie in [&saved, &other_browser] {
        let (s, to) = home_with(&app, cookie).await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        assert!(to.unwrap().starts_with("/sign-in"), "the session has ended");
    }

    // Twelve hours after signing in, by the server's clock.
    let (saved, _) = saved_session(&app, "fra@admin.test").await;
    app.clock.advance(chrono::Duration::hours(11));
    assert_eq!(home_with(&app, &saved).await.0, StatusCode::OK);
    app.clock.advance(chrono::Duration::hours(1));
    let (s, to) = home_with(&app, &saved).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(to.unwrap().starts_with("/sign-in"), "ended after 12 hours");
}

on_both_backends!(sessions_end_on_the_server);

/// Page forms take what the API takes; a body over the limit gets a page in
/// the reader's language, never bare text.
async fn page_forms_take_long_replies_and_refuse_oversized_bodies(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let client = browser();
    let csrf = sign_in(&app, &client, "che@admin.test").await;
    let reasons = "文本应当与X.1252的术语保持一致".repeat(200);
    assert!(reasons.chars().count() >= 2_000);
    let mut fields: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
    fields.push(("position-0".into(), "no".into()));
    fields.push(("reasons-0".into(), reasons.clone()));
    let submitted = client
        .post(format!("{}/consultations/{id}/replies/CHE", app.base))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(
        submitted.status(),
        StatusCode::OK,
        "a receipt after the redirect"
    );
    let (_, reply) = app.get_reply(Some(&app.che.token), id, "CHE").await;
    assert_eq!(
        reply["current"]["responses"][0]["reasons"],
        reasons.as_str()
    );

    client
        .get(format!("{}/language/fr?back=/home", app.base))
        .send()
        .await
        .unwrap();
    let huge = vec![
        ("csrf".to_owned(), csrf),
        ("reasons-0".into(), "x".repeat(5 * 1024 * 1024)),
    ];
    let r = client
        .post(format!("{}/consultations/{id}/replies/CHE", app.base))
        .form(&huge)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"fr\""), "{html}");
    assert!(html.contains("trop volumineux"), "{html}");
    let (_, reply) = app.get_reply(Some(&app.che.token), id, "CHE").await;
    assert_eq!(
        reply["revisions"].as_array().unwrap().len(),
        1,
        "nothing stored"
    );
}

on_both_backends!(page_forms_take_long_replies_and_refuse_oversized_bodies);

on_both_backends!(the_tally_chart_fills_its_width_and_says_when_nobody_has_replied);

async fn the_tally_chart_fills_its_width_and_says_when_nobody_has_replied(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let tsb = browser();
    sign_in(&app, &tsb, "tsb@itu.test").await;
    let page = get_page(&app, &tsb, &format!("/tsb/consultations/{id}")).await;
    assert!(page.contains("No Member State has replied yet"), "{page}");
    // Two yes and one no: 200 and 100 of the chart's 300 pixels.
    let mut one_no = all_yes();
    one_no[0] = json!({"draft": "X.1237", "position": "no", "reasons": "r"});
    app.put_reply(&app.tsb.token, &id, "CHE", all_yes()).await;
    app.put_reply(&app.tsb.token, &id, "FRA", all_yes()).await;
    app.put_reply(&app.tsb.token, &id, "DEU", one_no).await;
    let page = get_page(&app, &tsb, &format!("/tsb/consultations/{id}")).await;
    assert!(!page.contains("No Member State has replied yet"));
    assert!(
        page.contains(r#"<rect class="bar-yes" x="90" y="6" width="200" height="20"></rect>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<rect class="bar-no" x="290" y="6" width="100" height="20"></rect>"#),
        "{page}"
    );
    // The percentage is written after the bars, not over their ends.
    assert!(
        page.contains(r#"<text x="398" y="20" text-anchor="start">"#),
        "{page}"
    );
}

on_both_backends!(member_states_are_named_and_sorted_in_the_readers_language);

async fn member_states_are_named_and_sorted_in_the_readers_language(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let (s, v) = app.member_states().await;
    assert_eq!(s, StatusCode::OK);
    let che = v
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["iso3"] == "CHE")
        .unwrap();
    assert_eq!(che["names"]["fr"], "Suisse");
    assert_eq!(che["names"]["zh"], "瑞士");
    assert_eq!(che["names"]["ar"], "سويسرا");
    assert_eq!(che["names"]["en"], "Switzerland");

    let focal = browser();
    sign_in(&app, &focal, "che@admin.test").await;
    get_page(&app, &focal, "/language/fr?back=/home").await;
    let form = get_page(&app, &focal, &format!("/consultations/{id}/replies/CHE")).await;
    assert!(form.contains("Suisse"), "{form}");
    assert!(!form.contains("Switzerland"), "{form}");

    let tsb = browser();
    sign_in(&app, &tsb, "tsb@itu.test").await;
    get_page(&app, &tsb, "/language/fr?back=/tsb").await;
    let page = get_page(&app, &tsb, &format!("/tsb/consultations/{id}")).await;
    let at = |name: &str| {
        page.find(&format!("<li>{name}</li>"))
            .unwrap_or_else(|| panic!("{name} in {page}"))
    };
    // French order, not the order of the ISO codes (ZAF, DEU, EGY, USA).
    assert!(at("Afrique du Sud") < at("Allemagne"));
    assert!(at("Allemagne") < at("Égypte"));
    assert!(at("Égypte") < at("États-Unis"));
    assert!(at("États-Unis") < at("Fidji"));
}
