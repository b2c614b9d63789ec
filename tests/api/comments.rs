//! The TD of comments (Resolution 1, 9.4.7): a DOCX that Word, LibreOffice
//! and python-docx open, and the same content as HTML.

use std::io::Read;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::*;
use crate::on_both_backends;

on_both_backends!(the_td_of_comments_holds_every_comment_as_stored);

const CHINESE: &str = "建议修改第6.2节的术语";
const ARABIC: &str = "نؤيد هذا المشروع مع تعديل البند 7";
const RUSSIAN: &str = "Предлагаем уточнить пункт 3";
const LATE_UKRAINIAN: &str = "Пропонуємо перенести розгляд";

async fn the_td_of_comments_holds_every_comment_as_stored(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let tsb = Some(app.tsb.token.as_str());
    app.put_reply(&app.tsb.token, &id, "CHN", json!([{"draft": "X.1237", "position": "no", "reasons": format!("{CHINESE}\nSecond line & more")}])).await;
    app.put_reply(
        &app.tsb.token,
        &id,
        "EGY",
        json!([{"draft": "X.1237", "position": "yes", "comments": ARABIC}]),
    )
    .await;
    app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    app.clock.set("2024-08-22T07:12:00Z".parse().unwrap());
    let (s, v) = app
        .submit_reply(tsb, &id, "RUS", json!({"responses": [{"draft": "X.1283", "position": "no", "reasons": RUSSIAN}], "source": "fax of 21 August", "received_at": "2024-08-21T21:40:00Z"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = app
        .submit_reply(tsb, &id, "UKR", json!({"responses": [{"draft": "X.1237", "position": "no", "comments": LATE_UKRAINIAN}], "source": "email", "received_at": "2024-08-22T06:00:00Z", "late": true}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    app.call(
        Method::POST,
        &format!("/api/v1/consultations/{id}/certify"),
        tsb,
        None,
    )
    .await;

    let path = format!("/api/v1/consultations/{id}/comments?format=docx");
    let (s, _) = app
        .call(Method::GET, &path, Some(&app.che.token), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/comments?format=pdf"),
            tsb,
            None,
        )
        .await;
    assert_error((s, &v), StatusCode::BAD_REQUEST, "invalid_format");
    let r = app.request(Method::GET, &path, tsb, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("tsb-circular-195-comments.docx"));
    let bytes = r.bytes().await.unwrap().to_vec();

    // Read back: the document's XML holds every comment, intact.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    for text in [
        CHINESE,
        ARABIC,
        RUSSIAN,
        LATE_UKRAINIAN,
        "Second line &amp; more",
    ] {
        assert!(xml.contains(text), "{text} missing from the DOCX");
    }
    for text in [
        "TSB Circular 195: comments received",
        "China (CHN)",
        "Egypt (EGY)",
        "Russian Federation (RUS)",
        "as attested by TSB",
        "received after the cut-off, not counted",
        "Late replies (not counted)",
        "may not proceed",
        "certified on 2024-08-22 09:12 Geneva",
    ] {
        assert!(xml.contains(text), "{text:?} missing from the DOCX");
    }
    let late_at = xml.find(LATE_UKRAINIAN).unwrap();
    assert!(
        xml[..late_at].contains("Late replies (received after the cut-off, not counted)"),
        "the late reply is listed under its heading"
    );

    // The same content as HTML.
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/comments?format=html"),
            tsb,
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    for text in [
        CHINESE,
        ARABIC,
        RUSSIAN,
        LATE_UKRAINIAN,
        "Second line &amp; more",
        "not counted",
    ] {
        assert!(html.contains(text), "{text} missing from the HTML");
    }

    // The tools TSB will use open it (CI installs them: TAPBALLOT_TEST_OFFICE=1).
    if std::env::var("TAPBALLOT_TEST_OFFICE").is_err() {
        eprintln!("LibreOffice and python-docx checks skipped: TAPBALLOT_TEST_OFFICE is unset");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("comments.docx");
    std::fs::write(&file, &bytes).unwrap();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg("import sys, docx; d = docx.Document(sys.argv[1]); print('\\n'.join(p.text for p in d.paragraphs))")
        .arg(&file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python-docx: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for t in [CHINESE, ARABIC, RUSSIAN, LATE_UKRAINIAN] {
        assert!(text.contains(t), "python-docx reads {t}");
    }
    // One LibreOffice at a time in this process, each with a profile of its
    // own: two first starts side by side (SQLite's and PostgreSQL's run of
    // this test) can crash in LibreOffice's own set-up (seen in CI on a
    // machine where it had just been installed: `syncRepositories`, signal 6).
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("lo-profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&file)
        .env("HOME", dir.path())
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success() && dir.path().join("comments.pdf").exists(),
        "LibreOffice converts the DOCX: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
