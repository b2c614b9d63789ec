use std::io::Cursor;

use calamine::{Reader, Xlsx};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::on_both_backends;

async fn seed(app: &TestApp) -> String {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    app.put_reply(&app.tsb.token, &id, "CHN", json!([{"draft": "X.1237", "position": "no", "reasons": "建议修改第6.2节的术语", "comments": "=1+1"}])).await;
    app.put_reply(
        &app.tsb.token,
        &id,
        "EGY",
        json!([{"draft": "X.1237", "position": "yes", "comments": "نؤيد هذا المشروع"}]),
    )
    .await;
    app.put_reply(&app.che.token, &id, "CHE", all_yes()).await;
    id
}

async fn csv_export_opens_in_excel_with_chinese_and_arabic(app: TestApp) {
    let id = seed(&app).await;
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=csv"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("tsb-circular-195.csv"));
    let bytes = r.bytes().await.unwrap();
    assert_eq!(
        &bytes[..3],
        b"\xEF\xBB\xBF",
        "a byte-order mark tells Excel the file is UTF-8"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let records = csv_records(text);
    assert_eq!(&records[0][0], "ISO3");
    assert_eq!(&records[0][4], "Position");
    // One table: 8 rows for CHE, 1 for CHN, 1 for EGY, ordered by Member State.
    let rows = &records[1..];
    assert_eq!(rows.len(), 10);
    assert!(
        rows.iter().all(|r| r.len() == 15),
        "every row has every column"
    );
    assert_eq!(&rows[0][0], "CHE");
    let chn = rows.iter().find(|r| &r[0] == "CHN").unwrap();
    assert_eq!(&chn[1], "China");
    assert_eq!(&chn[2], "X.1237");
    assert_eq!(&chn[3], "X.tsfpp");
    assert_eq!(&chn[4], "No");
    assert_eq!(&chn[5], "建议修改第6.2节的术语");
    assert_eq!(&chn[6], "'=1+1", "formula-like text is defused");
    assert_eq!(&chn[7], "2024-08-01T08:00:00Z");
    assert_eq!(&chn[8], "2024-08-01 10:00 Geneva (CEST, UTC+2) = 08:00 UTC");
    assert_eq!(&chn[9], "1");
    assert!(chn[10].contains("on behalf"));
    assert_eq!(&chn[11], "Yes");
    assert!(chn[12].starts_with("TAP-"));
    let egy = rows.iter().find(|r| &r[0] == "EGY").unwrap();
    assert_eq!(&egy[6], "نؤيد هذا المشروع");

    // The tally is its own file; headers and outcomes in the asked language.
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=csv&table=tally&lang=fr"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("tsb-circular-195-tally.csv"));
    let bytes = r.bytes().await.unwrap();
    let tally = csv_records(std::str::from_utf8(&bytes[3..]).unwrap());
    assert_eq!(&tally[0][2], "Réponses");
    assert_eq!(tally.len(), 9, "a header and eight drafts");
    assert_eq!(&tally[1][0], "X.1237");
    assert_eq!(&tally[1][2], "3");
    assert_eq!(&tally[1][5], "ne peut pas être examiné");
    // Files for people name the Member States in the asked language.
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=csv&lang=fr"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    let bytes = r.bytes().await.unwrap();
    let fr = csv_records(std::str::from_utf8(&bytes[3..]).unwrap());
    let chn = fr.iter().find(|r| &r[0] == "CHN").unwrap();
    assert_eq!(&chn[1], "Chine");
    assert_eq!(&chn[4], "Non");
    for (query, code) in [
        ("format=csv&table=votes", "invalid_query"),
        ("format=xlsx&table=tally", "invalid_query"),
        ("format=csv&lang=de", "invalid_query"),
    ] {
        let (s, v) = app
            .call(
                Method::GET,
                &format!("/api/v1/consultations/{id}/export?{query}"),
                Some(&app.tsb.token),
                None,
            )
            .await;
        assert_error((s, &v), StatusCode::BAD_REQUEST, code);
    }
}

fn csv_records(text: &str) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

async fn xlsx_and_json_exports_carry_the_same_data(app: TestApp) {
    let id = seed(&app).await;
    let r = app
        .request(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=xlsx"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Replies", "Tally", "Late replies", "Consultation"]
    );
    let replies = book.worksheet_range("Replies").unwrap();
    assert_eq!(replies.height(), 11);
    let chn_row = replies.rows().find(|r| r[0] == "CHN").unwrap();
    assert_eq!(chn_row[5].to_string(), "建议修改第6.2节的术语");
    assert_eq!(
        chn_row[6].to_string(),
        "=1+1",
        "a cell of text is never a formula"
    );
    assert_eq!(chn_row[4].to_string(), "No");
    // Times are date-time cells: UTC, and Geneva's wall clock.
    // 2024-08-01 is day 45505 of Excel's calendar.
    let serial = |cell: &calamine::Data| match cell {
        calamine::Data::DateTime(d) => d.as_f64(),
        other => panic!("{other:?} is not a date-time cell"),
    };
    assert!(
        (serial(&chn_row[7]) - (45505.0 + 8.0 / 24.0)).abs() < 1e-6,
        "08:00 UTC"
    );
    assert!(
        (serial(&chn_row[8]) - (45505.0 + 10.0 / 24.0)).abs() < 1e-6,
        "10:00 Geneva"
    );
    let tally = book.worksheet_range("Tally").unwrap();
    assert_eq!(tally.rows().nth(1).unwrap()[0].to_string(), "X.1237");
    assert_eq!(
        tally.rows().nth(1).unwrap()[5].to_string(),
        "may not proceed"
    );
    let details = book.worksheet_range("Consultation").unwrap();
    assert_eq!(
        details.rows().next().unwrap()[1].to_string(),
        "TSB Circular 195"
    );
    // The header row is frozen and an autofilter covers each table.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<autoFilter ref="A1:O11"/>"#), "{sheet}");
    if std::env::var("TAPBALLOT_TEST_OFFICE").is_ok() {
        // openpyxl, as TSB's own scripts would read it.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("export.xlsx");
        std::fs::write(&file, &bytes).unwrap();
        let out = std::process::Command::new("python3")
            .arg("-c")
            .arg("import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['Replies']\nassert ws.freeze_panes == 'A2', ws.freeze_panes\nassert ws.auto_filter.ref == 'A1:O11', ws.auto_filter.ref\nassert ws['H2'].is_date and ws['I2'].is_date, (ws['H2'].value, ws['H2'].number_format)\nassert wb['Tally'].auto_filter.ref == 'A1:F9'\nprint('ok')")
            .arg(&file)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "openpyxl: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let (s, v) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=json"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["rows"].as_array().unwrap().len(), 10);
    assert_eq!(v["consultation"]["reference"], "TSB Circular 195");
    assert_eq!(v["tally"]["drafts"][0]["replies"], 3);
    let egy: &Value = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["iso3"] == "EGY")
        .unwrap();
    assert_eq!(egy["comments"], "نؤيد هذا المشروع");

    let (s, v) = app
        .call(
            Method::GET,
            &format!("/api/v1/consultations/{id}/export?format=pdf"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_error((s, &v), StatusCode::BAD_REQUEST, "invalid_format");
}

on_both_backends!(
    csv_export_opens_in_excel_with_chinese_and_arabic,
    xlsx_and_json_exports_carry_the_same_data
);
