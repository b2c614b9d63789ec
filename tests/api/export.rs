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
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&records[0][0], "ISO3");
    // 8 rows for CHE, 1 for CHN, 1 for EGY, ordered by Member State.
    let rows: Vec<&csv::StringRecord> =
        records.iter().skip(1).take_while(|r| r.len() > 1).collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(&rows[0][0], "CHE");
    let chn = rows.iter().find(|r| &r[0] == "CHN").unwrap();
    assert_eq!(&chn[1], "China");
    assert_eq!(&chn[2], "X.1237");
    assert_eq!(&chn[3], "X.tsfpp");
    assert_eq!(&chn[4], "no");
    assert_eq!(&chn[5], "建议修改第6.2节的术语");
    assert_eq!(&chn[6], "'=1+1", "formula-like text is defused");
    assert_eq!(&chn[7], "2024-08-01T08:00:00Z");
    assert_eq!(&chn[8], "2024-08-01 10:00:00 CEST");
    assert_eq!(&chn[9], "1");
    assert!(chn[10].contains("on behalf"));
    assert!(chn[12].starts_with("TAP-"));
    let egy = rows.iter().find(|r| &r[0] == "EGY").unwrap();
    assert_eq!(&egy[6], "نؤيد هذا المشروع");
    // Then the tally.
    let tally_header = records.iter().position(|r| &r[0] == "Draft").unwrap();
    assert_eq!(&records[tally_header + 1][0], "X.1237");
    assert_eq!(&records[tally_header + 1][2], "3");
    assert_eq!(&records[tally_header + 1][5], "may_not_proceed");
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
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let replies = book.worksheet_range("Replies").unwrap();
    assert_eq!(replies.height(), 11);
    let chn_row = replies.rows().find(|r| r[0] == "CHN").unwrap();
    assert_eq!(chn_row[5].to_string(), "建议修改第6.2节的术语");
    let tally = book.worksheet_range("Tally").unwrap();
    assert_eq!(tally.rows().nth(1).unwrap()[0].to_string(), "X.1237");

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
