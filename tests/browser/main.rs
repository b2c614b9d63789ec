//! The pages in a real headless Chromium (Debian's `chromium` and
//! `chromium-driver`), driven over WebDriver: the reply flow with and without
//! JavaScript, the TSB flow, and axe-core on every page in English and Arabic.
//! Runs when built with TAPBALLOT_TEST_BROWSER=1 (as `.ci/run` does).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

#[path = "../api/helpers.rs"]
mod helpers;
#[path = "../api/smtp.rs"]
mod smtp;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use helpers::*;

struct Driver {
    process: Child,
    pub client: Client,
    base: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

async fn chromium(base: &str, javascript: bool) -> Driver {
    let port = smtp::free_port();
    let process = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver (apt-get install chromium-driver)");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut options = json!({
        "binary": "/usr/bin/chromium",
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000", "--lang=en-GB"],
    });
    if !javascript {
        options["prefs"] = json!({"profile.managed_default_content_settings.javascript": 2});
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session");
    Driver {
        process,
        client,
        base: base.to_owned(),
    }
}

impl Driver {
    async fn go(&self, path: &str) {
        self.client
            .goto(&format!("{}{}", self.base, path))
            .await
            .unwrap();
    }
    /// Finds an element, or fails showing the page that lacks it.
    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => {
                let page = self
                    .client
                    .find(Locator::Css("body"))
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap_or_default();
                let url = self
                    .client
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                panic!("{css}: {e}\nat {url}:\n{page}");
            }
        }
    }

    async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    /// Clicks something that loads a new page, and waits until it has.
    async fn submit(&self, css: &str) {
        let el = self.find(css).await;
        el.click().await.unwrap();
        let started = Instant::now();
        // The old page's element goes stale once the new page has replaced it.
        while el.tag_name().await.is_ok() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{css} did not load a new page"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        // Wait for the new document to be ready; WebDriver blocks on page load.
        let _ = self.client.find(Locator::Css("body")).await;
    }

    async fn fill(&self, css: &str, text: &str) {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        el.clear().await.unwrap();
        el.send_keys(text).await.unwrap();
    }
    async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .unwrap()
    }
    async fn has(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }
    async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }
    async fn sign_in(&self, email: &str) {
        self.client.delete_all_cookies().await.unwrap();
        self.go("/sign-in").await;
        self.fill("#email", email).await;
        self.fill("#password", PASSWORD).await;
        self.submit("form[action='/sign-in'] button[type=submit]")
            .await;
    }
    async fn language(&self, lang: &str) {
        self.go(&format!("/language/{lang}?back=/")).await;
    }

    /// Runs axe-core on the page; returns the violations found, described.
    async fn axe(&self) -> Vec<String> {
        let script =
            std::fs::read_to_string(axe_path()).expect("axe-core (npm ci --prefix tests/browser)");
        self.client.execute(&script, vec![]).await.unwrap();
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
                    .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        result
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Whether the page fits the window's width (no sideways scrolling), as
    /// on a phone or at 200 % zoom.
    async fn fits_width(&self, width: u32) -> bool {
        self.client.set_window_size(width, 900).await.unwrap();
        let v = self
            .client
            .execute("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;", vec![])
            .await
            .unwrap();
        self.client.set_window_size(1280, 1000).await.unwrap();
        v.as_bool().unwrap_or(false)
    }

    /// Whether every element matching `css` is wholly in view, not clipped by
    /// a scrolling container, at this window width.
    async fn all_in_view(&self, width: u32, css: &str) -> bool {
        self.client.set_window_size(width, 900).await.unwrap();
        let v = self
            .client
            .execute(
                "const w = document.documentElement.clientWidth; \
                 return [...document.querySelectorAll(arguments[0])].every(e => { \
                   const r = e.getBoundingClientRect(); \
                   let p = e.parentElement; \
                   while (p) { const q = p.getBoundingClientRect(); \
                     if (getComputedStyle(p).overflowX !== 'visible' && (r.left < q.left - 0.5 || r.right > q.right + 0.5)) return false; \
                     p = p.parentElement; } \
                   return r.left >= 0 && r.right <= w + 0.5; });",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await
            .unwrap();
        self.client.set_window_size(1280, 1000).await.unwrap();
        v.as_bool().unwrap_or(false)
    }

    async fn screenshot(&self, name: &str) {
        if let Ok(dir) = std::env::var("TAPBALLOT_SCREENSHOTS_DIR") {
            std::fs::create_dir_all(&dir).unwrap();
            let png = self.client.screenshot().await.unwrap();
            std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png).unwrap();
        }
    }
}

fn axe_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js")
}

/// Answers every draft of the form on screen: yes, except `no` for the
/// drafts listed, with reasons.
async fn answer(d: &Driver, no: &[usize], drafts: usize) {
    for i in 0..drafts {
        if no.contains(&i) {
            d.click(&format!("#position-{i}-no")).await;
            d.fill(
                &format!("#reasons-{i}"),
                "Clause 6 should align with X.1252.",
            )
            .await;
        } else {
            d.click(&format!("#position-{i}-yes")).await;
        }
    }
}

async fn reply_flow(javascript: bool) {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let d = chromium(&app.base, javascript).await;

    d.sign_in("che@admin.test").await;
    assert_eq!(d.path().await, "/home");
    assert!(d
        .text("main")
        .await
        .contains("21 August 2024 — 2024-08-21 23:59 Geneva (CEST, UTC+2) = 21:59 UTC"));
    let local_shown = d
        .client
        .find(Locator::Css(".local-time"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap();
    assert_eq!(
        local_shown, javascript,
        "the reader's own time is shown only with script"
    );

    d.submit(&format!("a.button[href='/consultations/{id}/replies/CHE']"))
        .await;
    answer(&d, &[1], 8).await;
    d.submit("form[action$='/review'] button[type=submit]")
        .await;
    assert!(d.text("h1").await.contains("Review your reply"));
    d.submit("button[value=submit]").await;
    assert!(d.path().await.ends_with("/replies/CHE/receipt"));
    let receipt = d.text(".receipt").await;
    assert!(receipt.starts_with("TAP-"), "{receipt}");
    assert!(d
        .text("main")
        .await
        .contains("1 August 2024 — 2024-08-01 10:00 Geneva (CEST, UTC+2) = 08:00 UTC"));

    // Revise: the form comes back filled in; change one answer.
    d.go(&format!("/consultations/{id}/replies/CHE")).await;
    assert!(d
        .client
        .find(Locator::Id("position-1-no"))
        .await
        .unwrap()
        .is_selected()
        .await
        .unwrap());
    d.click("#position-2-no").await;
    d.fill("#reasons-2", "Needs another round.").await;
    // A draft answered may go back to no reply; the review says so.
    d.click("#position-7-none").await;
    d.submit("form[action$='/review'] button[type=submit]")
        .await;
    let review = d.text("#unanswered").await;
    assert!(review.contains("X.1820"), "{review}");
    d.submit("button[value=submit]").await;
    let revision = d.text("main dl.facts").await;
    assert!(
        revision.contains("Revision\n2") || revision.contains("Revision 2"),
        "{revision}"
    );
    assert_ne!(
        d.text(".receipt").await,
        receipt,
        "a new revision has a new receipt"
    );

    // After the cut-off the form is read-only and says so.
    app.clock.set("2024-08-21T22:00:00Z".parse().unwrap());
    // Three weeks on, the session of 1 August has ended: sign in again.
    d.sign_in("che@admin.test").await;
    d.go(&format!("/consultations/{id}/replies/CHE")).await;
    assert!(d.text(".notice.closed").await.contains("has closed"));
    assert!(!d.has("#position-0-yes").await);
    d.go("/home").await;
    assert!(d.text("main").await.contains("Closed"));

    let (_, reply) = app
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/consultations/{id}/replies/CHE"),
            Some(&app.che.token),
            None,
        )
        .await;
    assert_eq!(reply["current"]["revision"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(browser_tests),
    ignore = "browser suite skipped: build with TAPBALLOT_TEST_BROWSER=1 (needs chromium, chromium-driver, npm ci --prefix tests/browser)"
)]
async fn a_focal_point_replies_revises_and_meets_the_cut_off_in_chromium() {
    reply_flow(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(browser_tests),
    ignore = "browser suite skipped: build with TAPBALLOT_TEST_BROWSER=1 (needs chromium, chromium-driver, npm ci --prefix tests/browser)"
)]
async fn the_same_reply_flow_works_with_javascript_disabled() {
    reply_flow(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(browser_tests),
    ignore = "browser suite skipped: build with TAPBALLOT_TEST_BROWSER=1 (needs chromium, chromium-driver, npm ci --prefix tests/browser)"
)]
async fn tsb_creates_a_consultation_enters_a_fax_reply_and_downloads_an_export() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let d = chromium(&app.base, true).await;
    d.sign_in("tsb@itu.test").await;
    assert_eq!(d.path().await, "/tsb");
    d.submit("a[href='/tsb/consultations/new']").await;
    d.fill("#reference", "TSB Circular 260").await;
    d.fill("#study_group", "SG17").await;
    d.fill("#title", "Approval of two draft Recommendations")
        .await;
    d.fill("#deadline", "2024-09-20T23:59").await;
    d.fill("#draft-number-0", "X.1600").await;
    d.fill("#draft-name-0", "X.first").await;
    d.fill("#draft-title-0", "First draft").await;
    d.fill("#draft-number-1", "X.1601").await;
    d.fill("#draft-name-1", "X.second").await;
    d.fill("#draft-title-1", "Second draft").await;
    d.submit("button[value=save]").await;
    assert!(d.path().await.starts_with("/tsb/consultations/"));
    let id = d.path().await.rsplit('/').next().unwrap().to_owned();
    assert!(d.text("main").await.contains("Live tally"));
    assert!(d.has("svg[role=img]").await);

    // A reply received by fax, entered on behalf of Germany.
    d.client
        .find(Locator::Id("iso3"))
        .await
        .unwrap()
        .select_by_value("DEU")
        .await
        .unwrap();
    d.submit("form[action$='/on-behalf'] button[type=submit]")
        .await;
    assert!(d
        .text("main")
        .await
        .contains("entered by TSB on behalf of the Member State"));
    answer(&d, &[1], 2).await;
    d.fill("#source", "fax of 2 September 2024").await;
    d.submit("form[action$='/review'] button[type=submit]")
        .await;
    d.submit("button[value=submit]").await;
    assert!(d
        .text("main")
        .await
        .contains("entered by TSB on behalf of Germany"));

    d.go(&format!("/tsb/consultations/{id}")).await;
    assert!(d.text("main").await.contains("Replied (1)"));
    assert!(
        d.text("table").await.contains("may not proceed"),
        "1 no of 1 reply for X.1601"
    );
    // The export, downloaded with the browser's own session.
    let cookies = d.client.get_all_cookies().await.unwrap();
    let cookie = cookies
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect::<Vec<_>>()
        .join("; ");
    let link = d
        .client
        .find(Locator::Css("a[href$='format=csv']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let csv = reqwest::Client::new()
        .get(format!("{}{link}", app.base))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), reqwest::StatusCode::OK);
    let csv = csv.text().await.unwrap();
    assert!(csv.contains("DEU,Germany,X.1600,X.first,Yes"), "{csv}");
    assert!(csv.contains("on behalf"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(browser_tests),
    ignore = "browser suite skipped: build with TAPBALLOT_TEST_BROWSER=1 (needs chromium, chromium-driver, npm ci --prefix tests/browser)"
)]
async fn every_page_has_no_axe_violations_in_english_and_arabic() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    app.put_reply(&app.fra.token, &id, "FRA", all_yes()).await;
    // A second consultation, cancelled, for the pages that say so.
    let other = app
        .create_consultation(circular_body("TSB Circular 196"))
        .await;
    let cancelled = other["id"].as_str().unwrap().to_owned();
    let (s, _) = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/consultations/{cancelled}/cancel"),
            Some(&app.tsb.token),
            Some(json!({"reason": "The drafts were withdrawn."})),
        )
        .await;
    assert_eq!(s, reqwest::StatusCode::OK);
    let d = chromium(&app.base, true).await;
    let mut failures = Vec::new();
    for lang in ["en", "ar"] {
        let mut check = |name: String, violations: Vec<String>| {
            if !violations.is_empty() {
                failures.push(format!("{lang} {name}: {violations:#?}"));
            }
        };
        // Signed out.
        d.client.delete_all_cookies().await.unwrap();
        d.language(lang).await;
        for path in [
            "/sign-in",
            "/forgot-password",
            "/set-password?token=unknown",
        ] {
            d.go(path).await;
            check(path.into(), d.axe().await);
        }
        d.go("/sign-in").await;
        d.screenshot(&format!("sign-in-{lang}")).await;

        // A focal point, through the whole reply flow, from an empty form.
        app.call(
            reqwest::Method::DELETE,
            &format!("/api/v1/consultations/{id}/replies/CHE"),
            Some(&app.che.token),
            None,
        )
        .await;
        d.sign_in("che@admin.test").await;
        d.language(lang).await;
        d.go("/home").await;
        check("home".into(), d.axe().await);
        if !d.all_in_view(390, "main .status").await {
            check(
                "home at 390 px".into(),
                vec!["a status badge is cut off".into()],
            );
        }
        d.screenshot(&format!("home-{lang}")).await;
        d.go(&format!("/consultations/{id}/replies/CHE")).await;
        check("reply form".into(), d.axe().await);
        // 390 px: a phone; 640 px: a 1280 px screen at 200 % zoom.
        for width in [390, 640] {
            if !d.fits_width(width).await {
                check(
                    format!("reply form at {width} px"),
                    vec!["the page scrolls sideways".into()],
                );
            }
        }
        d.screenshot(&format!("reply-form-{lang}")).await;
        // The error summary of a form with a mistake.
        d.fill("#reasons-0", "text without a choice").await;
        d.submit("form[action$='/review'] button[type=submit]")
            .await;
        check("reply form with errors".into(), d.axe().await);
        answer(&d, &[1], 8).await;
        d.fill("#reasons-0", "").await;
        d.submit("form[action$='/review'] button[type=submit]")
            .await;
        check("review".into(), d.axe().await);
        d.screenshot(&format!("review-{lang}")).await;
        d.submit("button[value=submit]").await;
        check("receipt".into(), d.axe().await);
        d.screenshot(&format!("receipt-{lang}")).await;
        for (name, path) in [
            (
                "history",
                format!("/consultations/{id}/replies/CHE/history"),
            ),
            ("print", format!("/consultations/{id}/replies/CHE/print")),
            (
                "withdraw",
                format!("/consultations/{id}/replies/CHE/withdraw"),
            ),
            ("change password", "/account/password".to_owned()),
            ("forbidden", format!("/consultations/{id}/replies/FRA")),
            (
                "cancelled reply",
                format!("/consultations/{cancelled}/replies/CHE"),
            ),
        ] {
            d.go(&path).await;
            check(name.into(), d.axe().await);
        }

        // Verify a receipt: the file chooser (shown by the script) fills the
        // text area, and the checks hold.
        let (_, answer) = app.put_reply(&app.fra.token, &id, "FRA", all_yes()).await;
        let key = reqwest::get(format!("{}/api/v1/log/key", app.base))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let mut file = answer["log"].clone();
        file["key"] = json!(key.trim());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("receipt.json");
        std::fs::write(&path, file.to_string()).unwrap();
        d.go("/verify").await;
        check("verify a receipt".into(), d.axe().await);
        d.find("#receipt-file")
            .await
            .send_keys(path.to_str().unwrap())
            .await
            .unwrap();
        let started = Instant::now();
        while d
            .find("#receipt")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
            .is_empty()
        {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the chosen file did not fill the text area"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        d.submit("form[action='/verify'] button[type=submit]").await;
        d.find(".notice.success").await;
        check("verify a receipt: it holds".into(), d.axe().await);

        // TSB staff.
        d.sign_in("tsb@itu.test").await;
        d.language(lang).await;
        for (name, path) in [
            ("consultations", "/tsb".to_owned()),
            ("new consultation", "/tsb/consultations/new".to_owned()),
            ("tally", format!("/tsb/consultations/{id}")),
            ("edit consultation", format!("/tsb/consultations/{id}/edit")),
            (
                "cancel consultation",
                format!("/tsb/consultations/{id}/cancel"),
            ),
            (
                "cancelled consultation",
                format!("/tsb/consultations/{cancelled}"),
            ),
            ("on behalf", format!("/consultations/{id}/replies/DEU")),
            ("users", "/tsb/users".to_owned()),
            (
                "deactivate user",
                format!("/tsb/users/{}/deactivate", app.fra.id),
            ),
            ("edit user", format!("/tsb/users/{}/edit", app.fra.id)),
            ("emails", "/tsb/emails".to_owned()),
            ("activity", "/tsb/activity".to_owned()),
        ] {
            d.go(&path).await;
            check(name.into(), d.axe().await);
            if name == "tally" {
                // A row header has the border of the cells beside it.
                let same = d
                    .client
                    .execute(
                        "const th = document.querySelector('tbody th'), td = th.nextElementSibling; \
                         return getComputedStyle(th).borderBottomWidth === getComputedStyle(td).borderBottomWidth \
                           && getComputedStyle(th).borderBottomColor === getComputedStyle(td).borderBottomColor;",
                        vec![],
                    )
                    .await
                    .unwrap();
                if same != serde_json::Value::Bool(true) {
                    check(
                        "tally row headers".into(),
                        vec!["a row header's border differs from its row's".into()],
                    );
                }
            }
            if [
                "consultations",
                "tally",
                "users",
                "emails",
                "activity",
                "new consultation",
            ]
            .contains(&name)
            {
                d.screenshot(&format!("tsb-{}-{lang}", name.replace(' ', "-")))
                    .await;
            }
        }
    }
    // French and Chinese: the pages a focal point and TSB see most, with
    // their screenshots, and the phone width of the home page.
    for lang in ["fr", "zh"] {
        d.client.delete_all_cookies().await.unwrap();
        d.sign_in("che@admin.test").await;
        d.language(lang).await;
        d.go("/home").await;
        if !d.all_in_view(390, "main .status").await {
            failures.push(format!("{lang} home at 390 px: a status badge is cut off"));
        }
        d.go(&format!("/consultations/{id}/replies/CHE")).await;
        let violations = d.axe().await;
        if !violations.is_empty() {
            failures.push(format!("{lang} reply form: {violations:#?}"));
        }
        for width in [390, 640] {
            if !d.fits_width(width).await {
                failures.push(format!("{lang} reply form at {width} px scrolls sideways"));
            }
        }
        d.screenshot(&format!("reply-form-{lang}")).await;
        d.sign_in("tsb@itu.test").await;
        d.language(lang).await;
        d.go(&format!("/tsb/consultations/{id}")).await;
        let violations = d.axe().await;
        if !violations.is_empty() {
            failures.push(format!("{lang} tally: {violations:#?}"));
        }
        d.screenshot(&format!("tsb-tally-{lang}")).await;
    }
    // Once closed, a focal point's page shows the final tally.
    app.clock.set("2024-08-22T08:00:00Z".parse().unwrap());
    for lang in ["en", "ar"] {
        d.client.delete_all_cookies().await.unwrap();
        d.sign_in("che@admin.test").await;
        d.language(lang).await;
        d.go(&format!("/consultations/{id}/replies/CHE")).await;
        let violations = d.axe().await;
        if !violations.is_empty() {
            failures.push(format!("{lang} closed reply with tally: {violations:#?}"));
        }
        d.screenshot(&format!("reply-closed-{lang}")).await;
    }
    // After the cut-off TSB enters a fax received in time and a late reply,
    // then certifies the result.
    for (iso3, body) in [
        (
            "DEU",
            json!({"responses": all_yes(), "source": "fax of 21 August", "received_at": "2024-08-21T21:50:00Z"}),
        ),
        (
            "EGY",
            json!({"responses": all_yes(), "source": "email", "received_at": "2024-08-22T06:00:00Z", "late": true}),
        ),
    ] {
        let (s, v) = app
            .submit_reply(Some(&app.tsb.token), &id, iso3, body)
            .await;
        assert_eq!(s, reqwest::StatusCode::OK, "{v}");
    }
    let mut after = |name: &str, lang: &str, violations: Vec<String>| {
        if !violations.is_empty() {
            failures.push(format!("{lang} {name}: {violations:#?}"));
        }
    };
    for certified in [false, true] {
        if certified {
            let (s, v) = app
                .call(
                    reqwest::Method::POST,
                    &format!("/api/v1/consultations/{id}/certify"),
                    Some(&app.tsb.token),
                    None,
                )
                .await;
            assert_eq!(s, reqwest::StatusCode::OK, "{v}");
        }
        for lang in ["en", "ar"] {
            d.client.delete_all_cookies().await.unwrap();
            d.sign_in("tsb@itu.test").await;
            d.language(lang).await;
            let mut pages = vec![
                (
                    "tally after the cut-off",
                    format!("/tsb/consultations/{id}"),
                ),
                (
                    "attested history",
                    format!("/consultations/{id}/replies/DEU/history"),
                ),
                (
                    "late history",
                    format!("/consultations/{id}/replies/EGY/history"),
                ),
                (
                    "attested receipt",
                    format!("/consultations/{id}/replies/DEU/receipt"),
                ),
            ];
            if !certified {
                pages.push((
                    "entry after the cut-off",
                    format!("/consultations/{id}/replies/KEN"),
                ));
                pages.push(("certify", format!("/tsb/consultations/{id}/certify")));
            }
            for (name, path) in pages {
                d.go(&path).await;
                let name = format!("{name}{}", if certified { " (certified)" } else { "" });
                after(&name, lang, d.axe().await);
                if name == "tally after the cut-off" || name == "entry after the cut-off" {
                    d.screenshot(&format!("tsb-{}-{lang}", name.replace(' ', "-")))
                        .await;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "axe found violations:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(browser_tests),
    ignore = "browser suite skipped: build with TAPBALLOT_TEST_BROWSER=1 (needs chromium, chromium-driver, npm ci --prefix tests/browser)"
)]
async fn the_api_docs_work_under_their_content_security_policy() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let r = app
        .request(reqwest::Method::GET, "/api/docs/", None, None)
        .await;
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    let d = chromium(&app.base, true).await;
    d.go("/api/docs/").await;
    // Swagger UI renders the document only if its scripts ran and its fetch
    // of the document was allowed.
    let started = Instant::now();
    loop {
        let operations = d
            .client
            .find_all(Locator::Css(".swagger-ui .opblock"))
            .await
            .unwrap()
            .len();
        if operations >= 20 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "Swagger UI did not render the operations under {csp}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(d
        .text(".swagger-ui .info .title")
        .await
        .contains("tapballot"));
}
