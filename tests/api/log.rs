//! The verifiable log through the API: every reply's answer is a receipt
//! that verifies offline; checkpoints, proofs and entries agree; bad
//! indexes are 422; entries are shown only to those they concern.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tapballot::tlog::{self, LogReceipt};

use crate::helpers::*;
use crate::on_both_backends;

impl TestApp {
    pub async fn text(&self, path: &str) -> (StatusCode, String, String) {
        let r = self.request(Method::GET, path, None, None).await;
        let status = r.status();
        let kind = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, kind, r.text().await.expect("body"))
    }

    pub async fn log_key(&self) -> String {
        let (s, kind, key) = self.text("/api/v1/log/key").await;
        assert_eq!(s, StatusCode::OK);
        assert!(kind.starts_with("text/plain"), "{kind}");
        key.trim().to_owned()
    }
}

pub(crate) fn receipt_of(answer: &Value) -> LogReceipt {
    serde_json::from_value(answer["log"].clone()).expect("a log receipt in the answer")
}

pub(crate) fn failed(receipt: &LogReceipt, key: &str) -> Vec<String> {
    tlog::check_receipt(receipt, key)
        .0
        .into_iter()
        .filter_map(|c| c.failure.map(|f| format!("{}: {f}", c.name)))
        .collect()
}

async fn a_replys_answer_is_a_receipt_that_verifies_offline(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let key = app.log_key().await;
    assert!(
        key.starts_with("tapballot.test/log+"),
        "origin from the public URL: {key}"
    );

    let (s, v) = app
        .put_reply(
            &app.che.token,
            id,
            "CHE",
            json!([{"draft": "X.1237", "position": "no", "reasons": "Terminology \"first\"\nthen"},
                   {"draft": "X.1283", "position": "yes"}]),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let first = receipt_of(&v);
    assert!(
        failed(&first, &key).is_empty(),
        "{:?}",
        failed(&first, &key)
    );
    assert_eq!(first.tree_size, first.leaf_index + 1);
    // The consultation's creation came first.
    assert!(first.leaf_index >= 1);
    let entry: Value = serde_json::from_str(&first.entry).unwrap();
    assert_eq!(entry["kind"], "reply_revision");
    assert_eq!(entry["consultation_id"], id);
    assert_eq!(entry["consultation_reference"], c["reference"]);
    assert_eq!(entry["member_state"], "CHE");
    assert_eq!(entry["revision"], 1);
    assert_eq!(entry["receipt"], v["receipt"]);
    assert_eq!(entry["late"], false);
    assert_eq!(entry["on_behalf"], false);
    assert_eq!(entry["entered_by"], app.che.id.as_str());
    assert_eq!(entry["received_at"], "2024-08-01T08:00:00Z");
    assert_eq!(
        entry["responses"],
        json!([
            {"draft": "X.1237", "position": "no", "reasons": "Terminology \"first\"\nthen", "comments": null},
            {"draft": "X.1283", "position": "yes", "reasons": null, "comments": null},
        ])
    );
    // RFC 8785: the bytes are the canonical form of what they say.
    assert_eq!(first.entry, serde_jcs::to_string(&entry).unwrap());

    // The same reply again makes no revision: the same receipt.
    let (_, again) = app
        .put_reply(
            &app.che.token,
            id,
            "CHE",
            json!([{"draft": "X.1237", "position": "no", "reasons": "Terminology \"first\"\nthen"},
                   {"draft": "X.1283", "position": "yes"}]),
        )
        .await;
    assert_eq!(again["changed"], false);
    assert_eq!(receipt_of(&again), first);

    // A withdrawal is an entry too, with no responses.
    let (s, w) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/consultations/{id}/replies/CHE"),
            Some(&app.che.token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{w}");
    let withdrawal = receipt_of(&w);
    assert!(failed(&withdrawal, &key).is_empty());
    assert_eq!(withdrawal.leaf_index, first.leaf_index + 1);
    let entry: Value = serde_json::from_str(&withdrawal.entry).unwrap();
    assert_eq!(entry["revision"], 2);
    assert_eq!(entry["responses"], json!([]));

    // A changed entry, or a receipt shown against another key, fails.
    let mut forged = first.clone();
    forged.entry = forged.entry.replace("\"no\"", "\"yes\"");
    assert!(failed(&forged, &key)
        .iter()
        .any(|f| f.starts_with("leaf hash")));
    let other = tlog::LogKey::from_signer_key(&tlog::generate_signer_key("127.0.0.1/log").unwrap())
        .unwrap();
    assert!(failed(&first, other.verifier_key())
        .iter()
        .any(|f| f.starts_with("checkpoint signature")));
}

async fn checkpoints_proofs_and_entries_agree(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let key = app.log_key().await;
    let mut receipts = Vec::new();
    for (i, iso3) in ["CHE", "FRA", "DEU", "ITA", "ESP", "CHE", "AUT"]
        .iter()
        .enumerate()
    {
        let (s, v) = app
            .put_reply(
                &app.tsb.token,
                id,
                iso3,
                json!([{"draft": "X.1237", "position": if i % 2 == 0 { "yes" } else { "no" }, "reasons": "r"}]),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        receipts.push(receipt_of(&v));
    }
    let (s, kind, note) = app.text("/api/v1/log/checkpoint").await;
    assert_eq!(s, StatusCode::OK);
    assert!(kind.starts_with("text/plain"));
    let latest = tlog::verify_checkpoint(&note, &key).expect("the latest checkpoint verifies");
    assert_eq!(latest.tree_size, receipts.last().unwrap().tree_size);
    for r in &receipts {
        // Included in the latest tree, and the receipt's tree is a prefix of it.
        let (s, p) = app
            .call(
                Method::GET,
                &format!(
                    "/api/v1/log/proof/inclusion?leaf_index={}&tree_size={}",
                    r.leaf_index, latest.tree_size
                ),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{p}");
        assert_eq!(p["leaf_index"], r.leaf_index);
        assert_eq!(p["tree_size"], latest.tree_size);
        let now = LogReceipt {
            tree_size: latest.tree_size,
            inclusion_proof: serde_json::from_value(p["hashes"].clone()).unwrap(),
            checkpoint: note.clone(),
            ..r.clone()
        };
        assert!(failed(&now, &key).is_empty(), "{:?}", failed(&now, &key));
        let (s, p) = app
            .call(
                Method::GET,
                &format!(
                    "/api/v1/log/proof/consistency?from={}&to={}",
                    r.tree_size, latest.tree_size
                ),
                None,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{p}");
        assert_eq!(
            (p["from"].as_u64(), p["to"].as_u64()),
            (Some(r.tree_size), Some(latest.tree_size))
        );
        let proof: Vec<String> = serde_json::from_value(p["hashes"].clone()).unwrap();
        let old = tlog::verify_checkpoint(&r.checkpoint, &key).unwrap();
        tlog::check_consistency(&proof, &old, &latest).expect("consistent");
        // The entry's exact bytes, for TSB and its own focal points only.
        let path = format!("/api/v1/log/entries/{}", r.leaf_index);
        let got = app
            .request(Method::GET, &path, Some(&app.tsb.token), None)
            .await;
        assert_eq!(got.status(), StatusCode::OK);
        assert!(got.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"));
        assert_eq!(got.text().await.unwrap(), r.entry);
    }
    let che_entry = receipts[0].leaf_index;
    let path = format!("/api/v1/log/entries/{che_entry}");
    let (s, _) = app
        .call(Method::GET, &path, Some(&app.che.token), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app
        .call(Method::GET, &path, Some(&app.fra.token), None)
        .await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "other_member_state");
    let (s, v) = app.call(Method::GET, &path, None, None).await;
    assert_error((s, &v), StatusCode::UNAUTHORIZED, "missing_token");
    // The consultation's own entry concerns everyone signed in.
    let (s, v) = app
        .call(
            Method::GET,
            "/api/v1/log/entries/0",
            Some(&app.fra.token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["kind"], "consultation");
    assert_eq!(v["event"], "created");
    assert_eq!(v["closes_at"], "2024-08-21T22:00:00Z");
    assert_eq!(v["time_zone"], "Europe/Zurich");
    assert_eq!(v["drafts"].as_array().unwrap().len(), 8);
}

async fn bad_sizes_and_indexes_are_422_never_5xx(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    // Two entries: the consultation and the reply.
    for path in [
        "/api/v1/log/proof/inclusion?leaf_index=2&tree_size=2",
        "/api/v1/log/proof/inclusion?leaf_index=0&tree_size=3",
        "/api/v1/log/proof/inclusion?leaf_index=0&tree_size=0",
        "/api/v1/log/proof/inclusion?leaf_index=-1&tree_size=2",
        "/api/v1/log/proof/inclusion?tree_size=2",
        "/api/v1/log/proof/inclusion",
        "/api/v1/log/proof/inclusion?leaf_index=9223372036854775807&tree_size=9223372036854775807",
        "/api/v1/log/proof/consistency?from=0&to=2",
        "/api/v1/log/proof/consistency?from=2&to=1",
        "/api/v1/log/proof/consistency?from=1&to=3",
        "/api/v1/log/proof/consistency?from=1",
        "/api/v1/log/proof/consistency?from=-5&to=2",
    ] {
        let (s, v) = app.call(Method::GET, path, None, None).await;
        assert_error(
            (s, &v),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_log_index",
        );
        assert!(
            v["error"]["message"].as_str().unwrap().len() > 10,
            "{path}: {v}"
        );
    }
    for path in [
        "/api/v1/log/entries/2",
        "/api/v1/log/entries/-1",
        "/api/v1/log/entries/x",
        "/api/v1/log/entries/99999999999999999999",
    ] {
        let (s, v) = app
            .call(Method::GET, path, Some(&app.tsb.token), None)
            .await;
        assert_error(
            (s, &v),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_log_index",
        );
    }
    let (s, v) = app
        .call(
            Method::GET,
            "/api/v1/log/proof/inclusion?leaf_index=abc&tree_size=2",
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    // The edges that hold.
    let (s, v) = app
        .call(
            Method::GET,
            "/api/v1/log/proof/consistency?from=2&to=2",
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["hashes"], json!([]));
    let (s, v) = app
        .call(
            Method::GET,
            "/api/v1/log/proof/inclusion?leaf_index=0&tree_size=1",
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["hashes"], json!([]));
}

async fn an_empty_log_has_a_signed_checkpoint_of_the_empty_tree(app: TestApp) {
    let key = app.log_key().await;
    let (s, _, note) = app.text("/api/v1/log/checkpoint").await;
    assert_eq!(s, StatusCode::OK);
    let c = tlog::verify_checkpoint(&note, &key).unwrap();
    assert_eq!(c.tree_size, 0);
    assert_eq!(c.root, tlog::EMPTY_HASH);
}

pub(crate) fn cli(database_url: &str, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tapballot"))
        .args(args)
        .env("TAPBALLOT_DATABASE_URL", database_url)
        .env_remove("TAPBALLOT_LOG_KEY_FILE")
        .env_remove("TAPBALLOT_LOG_ORIGIN")
        .output()
        .expect("tapballot runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Runs SQL on the test's database behind the service's back.
async fn tamper(app: &TestApp, sql: &'static str) {
    let state = app.state.clone();
    tokio::task::spawn_blocking(move || {
        use diesel::RunQueryDsl;
        let mut conn = state.pool.get().unwrap();
        let n = diesel::sql_query(sql).execute(&mut *conn).unwrap();
        assert!(n > 0, "the tampering changed nothing: {sql}");
    })
    .await
    .unwrap();
}

/// A log with replies, a withdrawal, a late reply, a certification and a
/// decision, which `log verify` finds whole.
async fn a_full_history(app: &TestApp) -> String {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    for iso3 in ["CHE", "FRA", "DEU"] {
        let (s, v) = app.put_reply(&app.tsb.token, &id, iso3, all_yes()).await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    let (s, _) = app
        .put_reply(
            &app.che.token,
            &id,
            "CHE",
            json!([{"draft": "X.1237", "position": "no", "reasons": "Not yet"}]),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .call(
            Method::DELETE,
            &format!("/api/v1/consultations/{id}/replies/DEU"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    app.clock.set("2024-08-22T08:00:00Z".parse().unwrap());
    let (s, v) = app
        .call(
            Method::PUT,
            &format!("/api/v1/consultations/{id}/replies/ITA"),
            Some(&app.tsb.token),
            Some(
                json!({"responses": [{"draft": "X.1237", "position": "yes"}], "late": true,
                        "received_at": "2024-08-22T07:00:00Z", "source": "email"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = app
        .call(
            Method::POST,
            &format!("/api/v1/consultations/{id}/certify"),
            Some(&app.tsb.token),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    app.clock.set("2024-09-12T12:00:00Z".parse().unwrap());
    let (s, v) = app
        .call(
            Method::PUT,
            &format!("/api/v1/consultations/{id}/decisions/X.1283"),
            Some(&app.tsb.token),
            Some(
                json!({"outcome": "approved", "decided_on": "2024-09-12", "abstentions": ["BRA"]}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    id
}

async fn log_verify_holds_then_finds_a_changed_response(app: TestApp) {
    a_full_history(&app).await;
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("the log holds: 9 entries, 9 checkpoints verified"),
        "{out}"
    );
    tamper(&app, "UPDATE reply_responses SET position = 'no' WHERE position = 'yes' AND revision_id IN (SELECT id FROM reply_revisions WHERE member_state = 'FRA')").await;
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("DIFFERENCE: revision 1 of FRA in TSB Circular 195"),
        "{out}"
    );
    assert!(out.contains("responses: the log says"), "{out}");
}

async fn log_verify_finds_a_deleted_revision(app: TestApp) {
    a_full_history(&app).await;
    tamper(&app, "UPDATE replies SET current_revision = 1, current_revision_id = (SELECT id FROM reply_revisions WHERE member_state = 'CHE' AND revision = 1) WHERE member_state = 'CHE'").await;
    tamper(&app, "DELETE FROM reply_responses WHERE revision_id IN (SELECT id FROM reply_revisions WHERE member_state = 'CHE' AND revision = 2)").await;
    tamper(
        &app,
        "DELETE FROM reply_revisions WHERE member_state = 'CHE' AND revision = 2",
    )
    .await;
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(
            "records revision 2 of CHE in TSB Circular 195 that the database no longer has"
        ),
        "{out}"
    );
}

async fn log_verify_finds_a_reply_put_back_in_force(app: TestApp) {
    a_full_history(&app).await;
    // CHE's revision 1 made current again: the tally would change.
    tamper(&app, "UPDATE replies SET current_revision = 1, current_revision_id = (SELECT id FROM reply_revisions WHERE member_state = 'CHE' AND revision = 1) WHERE member_state = 'CHE'").await;
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("the reply in force of CHE in TSB Circular 195 is revision 1 in the database, revision 2 by the log"),
        "{out}"
    );
}

async fn log_verify_finds_an_edited_deadline(app: TestApp) {
    a_full_history(&app).await;
    tamper(
        &app,
        "UPDATE consultations SET deadline = '2024-08-28T23:59'",
    )
    .await;
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("DIFFERENCE: consultation TSB Circular 195"),
        "{out}"
    );
    assert!(
        out.contains(
            "deadline: the log says \"2024-08-21T23:59\", the database \"2024-08-28T23:59\""
        ),
        "{out}"
    );
}

async fn log_verify_finds_a_rewritten_entry(app: TestApp) {
    a_full_history(&app).await;
    tamper(&app, "UPDATE log_entries SET entry = REPLACE(entry, '\"late\":true', '\"late\":false') WHERE kind = 'reply_revision' AND entry LIKE '%\"late\":true%'").await;
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("its stored tree hashes are not those of its bytes"),
        "{out}"
    );
}

async fn a_receipt_file_verifies_with_the_cli_offline_and_online(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (_, v) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    let key = app.log_key().await;
    let mut file = v["log"].clone();
    file["key"] = json!(key);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("receipt.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let p = path.to_str().unwrap();
    // More entries after it: the online check needs a consistency proof.
    app.put_reply(&app.fra.token, id, "FRA", all_yes()).await;
    let (ok, out) = cli(
        &app.database_url,
        &["verify-receipt", p, "--key", &key, "--online", &app.base],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("ok      inclusion proof") && out.contains("still in the log"),
        "{out}"
    );
    let (ok, out) = cli(&app.database_url, &["verify-receipt", p]);
    assert!(ok, "{out}");
    assert!(
        out.contains("compare it with the key TSB publishes"),
        "{out}"
    );
    let forged = serde_json::to_string(&file)
        .unwrap()
        .replace("\\\"yes\\\"", "\\\"no\\\"");
    assert_ne!(forged, serde_json::to_string(&file).unwrap());
    std::fs::write(&path, forged).unwrap();
    let (ok, out) = cli(&app.database_url, &["verify-receipt", p, "--key", &key]);
    assert!(!ok, "{out}");
    assert!(out.contains("FAILED  leaf hash"), "{out}");
}

on_both_backends!(
    log_verify_holds_then_finds_a_changed_response,
    log_verify_finds_a_deleted_revision,
    log_verify_finds_a_reply_put_back_in_force,
    log_verify_finds_an_edited_deadline,
    log_verify_finds_a_rewritten_entry,
    a_receipt_file_verifies_with_the_cli_offline_and_online,
);

on_both_backends!(
    a_replys_answer_is_a_receipt_that_verifies_offline,
    checkpoints_proofs_and_entries_agree,
    bad_sizes_and_indexes_are_422_never_5xx,
    an_empty_log_has_a_signed_checkpoint_of_the_empty_tree,
);

/// The Python verifier of docs/verifying.md, as written there.
fn python_verifier() -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/verifying.md"))
        .expect("docs/verifying.md");
    let block = docs
        .split("<!-- verifier:start -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- verifier:end -->").next())
        .expect("the verifier's markers in docs/verifying.md");
    let code = block
        .trim()
        .strip_prefix("```python")
        .and_then(|c| c.strip_suffix("```"))
        .expect("a python block between the markers");
    let has_cryptography = std::process::Command::new("python3")
        .args(["-c", "import cryptography"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_cryptography {
        assert!(
            std::env::var_os("TAPBALLOT_TEST_PYTHON").is_none(),
            "TAPBALLOT_TEST_PYTHON is set but python3 cannot import cryptography"
        );
        eprintln!("Python verifier suite skipped: python3 with `cryptography` is missing (pip install cryptography)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("verify.py");
    std::fs::write(&path, code).unwrap();
    Some((dir, path))
}

async fn the_python_verifier_in_the_docs_checks_a_live_receipt(app: TestApp) {
    let Some((_script_dir, script)) = python_verifier() else {
        return;
    };
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let key = app.log_key().await;
    let dir = tempfile::tempdir().unwrap();
    let mut runs = Vec::new();
    // Several tree sizes, so that proofs of several shapes are checked.
    for iso3 in ["CHE", "FRA", "DEU", "ITA", "AUT"] {
        let (s, v) = app.put_reply(&app.tsb.token, id, iso3, all_yes()).await;
        assert_eq!(s, StatusCode::OK);
        let mut file = v["log"].clone();
        file["key"] = json!(key);
        runs.push(file);
    }
    for (i, file) in runs.iter().enumerate() {
        let path = dir.path().join(format!("r{i}.json"));
        std::fs::write(&path, file.to_string()).unwrap();
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(&path)
            .arg(&key)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("the receipt holds: TSB Circular 195"),
            "{text}"
        );
        // A changed position fails.
        let mut forged = file.clone();
        forged["entry"] = json!(file["entry"].as_str().unwrap().replace("\"yes\"", "\"no\""));
        std::fs::write(&path, forged.to_string()).unwrap();
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(&path)
            .arg(&key)
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("the entry was changed"));
    }
}

on_both_backends!(the_python_verifier_in_the_docs_checks_a_live_receipt);

/// The receipt page offers the receipt as a file, and the page "Verify a
/// receipt" checks it for anyone, in the reader's language.
async fn the_receipt_file_downloads_and_the_verify_page_checks_it(app: TestApp) {
    use crate::pages::{browser, get_page, hidden, sign_in};
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (_, v) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    let code = v["receipt"].as_str().unwrap().to_owned();
    let focal = browser();
    sign_in(&app, &focal, "che@admin.test").await;
    let page = get_page(
        &app,
        &focal,
        &format!("/consultations/{id}/replies/CHE/receipt?revision=1"),
    )
    .await;
    assert!(page.contains(&format!("receipt-{code}.json")), "{page}");
    let r = focal
        .get(format!(
            "{}/consultations/{id}/replies/CHE/receipt.json?revision=1",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-disposition"].to_str().unwrap(),
        format!("attachment; filename=\"receipt-{code}.json\"")
    );
    let file_text = r.text().await.unwrap();
    let file: tlog::ReceiptFile = serde_json::from_str(&file_text).unwrap();
    assert_eq!(file.log, receipt_of(&v));
    assert_eq!(file.key, app.log_key().await);
    // Another Member State's focal point gets none.
    let other = browser();
    sign_in(&app, &other, "fra@admin.test").await;
    let r = other
        .get(format!(
            "{}/consultations/{id}/replies/CHE/receipt.json?revision=1",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Anyone, not signed in, in French.
    let anyone = browser();
    get_page(&app, &anyone, "/language/fr?back=/verify").await;
    let form = get_page(&app, &anyone, "/verify").await;
    assert!(form.contains("Vérifier un accusé de réception"), "{form}");
    let verify = |receipt: String, key: &str| {
        let csrf = hidden(&form, "csrf");
        let (client, base, key) = (anyone.clone(), app.base.clone(), key.to_owned());
        async move {
            let r = client
                .post(format!("{base}/verify"))
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("receipt", receipt.as_str()),
                    ("key", key.as_str()),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.text().await.unwrap()
        }
    };
    let held = verify(file_text.clone(), "").await;
    assert!(
        held.contains("L&#x27;accusé de réception est valable")
            || held.contains("L'accusé de réception est valable"),
        "{held}"
    );
    assert!(held.contains("TSB Circular 195"), "{held}");
    assert!(!held.contains("échec"), "{held}");
    assert!(
        held.contains("L&#x27;entrée figure toujours dans le journal")
            || held.contains("L'entrée figure toujours dans le journal"),
        "{held}"
    );
    let forged = file_text.replace("\\\"yes\\\"", "\\\"no\\\"");
    assert_ne!(forged, file_text);
    let failed = verify(forged, "").await;
    assert!(
        failed.contains("n&#x27;est pas valable") || failed.contains("n'est pas valable"),
        "{failed}"
    );
    assert!(failed.contains("échec"), "{failed}");
    let other_key =
        tlog::LogKey::from_signer_key(&tlog::generate_signer_key("tapballot.test/log").unwrap())
            .unwrap();
    let wrong_key = verify(file_text.clone(), other_key.verifier_key()).await;
    assert!(wrong_key.contains("échec"), "{wrong_key}");
    let nonsense = verify("not a receipt".into(), "").await;
    assert!(
        nonsense.contains("Ce n&#x27;est pas un fichier")
            || nonsense.contains("Ce n'est pas un fichier"),
        "{nonsense}"
    );
    // The form is CSRF-protected like every other.
    let r = anyone
        .post(format!("{}/verify", app.base))
        .form(&[("csrf", "forged"), ("receipt", file_text.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

on_both_backends!(the_receipt_file_downloads_and_the_verify_page_checks_it);

/// A closed consultation's tally carries the checkpoint at closing, and
/// the consultation's entries (JSON lines) recompute the same tally.
async fn the_tally_can_be_recomputed_from_the_consultations_entries(app: TestApp) {
    let id = a_full_history(&app).await;
    let key = app.log_key().await;
    let (s, tally) = app.tally(Some(&app.fra.token), &id).await;
    assert_eq!(s, StatusCode::OK, "{tally}");
    let closing =
        tlog::verify_checkpoint(tally["log"]["checkpoint"].as_str().unwrap(), &key).unwrap();
    assert_eq!(Some(closing.tree_size), tally["log"]["tree_size"].as_u64());
    let path = format!("/api/v1/consultations/{id}/log-entries");
    let (s, v) = app
        .call(Method::GET, &path, Some(&app.fra.token), None)
        .await;
    assert_error((s, &v), StatusCode::FORBIDDEN, "tsb_only");
    let r = app
        .request(Method::GET, &path, Some(&app.tsb.token), None)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/x-ndjson"));
    let lines = r.text().await.unwrap();
    let entries: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Each line is an entry's exact bytes.
    for l in lines.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert_eq!(l, serde_jcs::to_string(&v).unwrap());
    }
    let consultation = entries
        .iter()
        .rev()
        .find(|e| e["kind"] == "consultation")
        .unwrap();
    assert_eq!(consultation["event"], "certified");
    let closes_at = consultation["closes_at"].as_str().unwrap();
    // The rule of Resolution 1 over the entries alone: each Member State's
    // last revision received in time counts; late ones never do.
    let mut current: std::collections::BTreeMap<String, &Value> = Default::default();
    for e in entries.iter().filter(|e| e["kind"] == "reply_revision") {
        if e["late"] == true || e["received_at"].as_str().unwrap() >= closes_at {
            continue;
        }
        current.insert(e["member_state"].as_str().unwrap().to_owned(), e);
    }
    for d in tally["drafts"].as_array().unwrap() {
        let (mut yes, mut no) = (0, 0);
        for e in current.values() {
            for r in e["responses"].as_array().unwrap() {
                if r["draft"] == d["draft"] {
                    if r["position"] == "yes" {
                        yes += 1
                    } else {
                        no += 1
                    }
                }
            }
        }
        assert_eq!(
            (d["yes"].as_u64(), d["no"].as_u64()),
            (Some(yes), Some(no)),
            "{d}"
        );
    }
    // Entry 1 (CHE's first revision) is in the closing tree, as
    // docs/verifying.md has a focal point check it.
    let entry = app
        .request(
            Method::GET,
            "/api/v1/log/entries/1",
            Some(&app.tsb.token),
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    let (s, p) = app
        .call(
            Method::GET,
            &format!(
                "/api/v1/log/proof/inclusion?leaf_index=1&tree_size={}",
                closing.tree_size
            ),
            None,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let at_closing = LogReceipt {
        leaf_index: 1,
        leaf_hash: tlog::b64(&[tlog::record_hash(entry.as_bytes())]).remove(0),
        tree_size: closing.tree_size,
        inclusion_proof: serde_json::from_value(p["hashes"].clone()).unwrap(),
        checkpoint: tally["log"]["checkpoint"].as_str().unwrap().to_owned(),
        entry,
    };
    assert!(
        failed(&at_closing, &key).is_empty(),
        "{:?}",
        failed(&at_closing, &key)
    );
    // The decision came after the closing checkpoint's tree.
    let (_, latest, note) = app.text("/api/v1/log/checkpoint").await;
    let _ = latest;
    let now = tlog::verify_checkpoint(&note, &key).unwrap();
    assert!(now.tree_size > closing.tree_size);
}

on_both_backends!(the_tally_can_be_recomputed_from_the_consultations_entries);

/// The confirmation email attaches the receipt file, as sent (MIME).
async fn the_confirmation_email_attaches_the_receipt_file(app: TestApp) {
    use mail_parser::{MessageParser, MimeHeaders};
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    let (_, v) = app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    let code = v["receipt"].as_str().unwrap().to_owned();
    let worker = app.worker();
    let w = tokio::task::spawn_blocking(move || worker.run_due().map(|_| ()));
    w.await.unwrap().unwrap();
    let confirmations: Vec<_> = app
        .outbox()
        .into_iter()
        .filter(|e| e.kind == "reply_confirmation" && e.status == "sent")
        .collect();
    assert!(!confirmations.is_empty());
    let key = app.log_key().await;
    for e in confirmations {
        let eml = std::fs::read(app._mail_dir.path().join(format!("{}.eml", e.id))).unwrap();
        let message = MessageParser::default().parse(&eml).unwrap();
        let attached = message
            .attachments()
            .find(|a| a.attachment_name() == Some(&format!("receipt-{code}.json")))
            .unwrap_or_else(|| panic!("no receipt file attached to {}", e.recipient));
        assert_eq!(
            attached.content_type().map(|t| t.ctype()),
            Some("application")
        );
        let file: tlog::ReceiptFile = serde_json::from_slice(attached.contents()).unwrap();
        assert_eq!(file.log, receipt_of(&v));
        assert_eq!(file.key, key);
        assert!(tlog::check_receipt(&file.log, &key)
            .0
            .iter()
            .all(|c| c.failure.is_none()));
        let text = message.body_text(0).unwrap();
        assert!(text.contains(&format!("receipt-{code}.json")), "{text}");
    }
}

on_both_backends!(the_confirmation_email_attaches_the_receipt_file);

/// A database from before the log: its records are appended at start-up,
/// once, and the log then holds.
async fn records_stored_before_the_log_are_appended_once(app: TestApp) {
    a_full_history(&app).await;
    tamper(&app, "DELETE FROM log_entries").await;
    let sql = if app.database_url.starts_with("postgres") {
        "UPDATE log_head SET tree_size = 0, frontier = '\\x'::bytea"
    } else {
        "UPDATE log_head SET tree_size = 0, frontier = x''"
    };
    tamper(&app, sql).await;
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(!ok && out.contains("is not in the log"), "{out}");
    let key = app.state.log.clone();
    let backfill = |key: std::sync::Arc<tlog::LogKey>| {
        app.state
            .run(move |conn, clock| tapballot::service::log::backfill(conn, &key, clock.now()))
    };
    // The consultation as it stands (one entry), six revisions, one decision.
    assert_eq!(backfill(key.clone()).await.unwrap(), 8);
    assert_eq!(backfill(key).await.unwrap(), 0);
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(ok, "{out}");
    let (_, _, note) = app.text("/api/v1/log/checkpoint").await;
    let c = tlog::verify_checkpoint(&note, &app.log_key().await).unwrap();
    assert_eq!(c.tree_size, 8);
}

on_both_backends!(records_stored_before_the_log_are_appended_once);

/// However many entries a stopped process left queued, start-up appends
/// them all (one appender's turn takes at most 8 batches of 1000), and
/// finds them without reading the queue once per stored revision.
async fn start_up_appends_a_large_queue_whole(app: TestApp) {
    a_full_history(&app).await;
    let key = app.log_key().await;
    let size = |note: &str| tlog::verify_checkpoint(note, &key).unwrap().tree_size;
    let before = size(&app.text("/api/v1/log/checkpoint").await.2);
    const LEFT: u64 = 8_500;
    let sql = if app.database_url.starts_with("postgres") {
        "INSERT INTO log_queue (kind, consultation_id, member_state, record_id, entry, queued_at) \
         SELECT 'test', NULL, NULL, 'left-' || i, '{\"n\":' || i || '}', '2024-08-01 08:00:00' \
         FROM generate_series(1, 8500) AS i"
    } else {
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8500) \
         INSERT INTO log_queue (kind, consultation_id, member_state, record_id, entry, queued_at) \
         SELECT 'test', NULL, NULL, 'left-' || i, '{\"n\":' || i || '}', '2024-08-01 08:00:00' FROM n"
    };
    tamper(&app, sql).await;
    let log = app.state.log.clone();
    let appended = app
        .state
        .run(move |conn, clock| tapballot::service::log::backfill(conn, &log, clock.now()))
        .await
        .unwrap();
    assert_eq!(appended as u64, LEFT);
    let left = app
        .state
        .run(|conn, _| Ok(tapballot::store::log::any_queued(conn)?))
        .await
        .unwrap();
    assert!(!left, "start-up left entries queued");
    assert_eq!(
        size(&app.text("/api/v1/log/checkpoint").await.2),
        before + LEFT
    );
}

on_both_backends!(start_up_appends_a_large_queue_whole);

/// After a key rotation the latest checkpoint is given signed with the new
/// key, and `log verify` checks the whole log with the old verifier key
/// given beside the new one.
async fn a_rotated_key_signs_from_then_on_and_old_checkpoints_still_verify(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap();
    app.put_reply(&app.che.token, id, "CHE", all_yes()).await;
    let old_key = app.log_key().await;
    let origin = old_key.split('+').next().unwrap().to_owned();
    let skey = tlog::generate_signer_key(&origin).unwrap();
    let new_key = std::sync::Arc::new(tlog::LogKey::from_signer_key(&skey).unwrap());
    let signer = new_key.clone();
    let note = app
        .state
        .run(move |conn, _| tapballot::service::log::checkpoint(conn, &signer))
        .await
        .unwrap();
    let c =
        tlog::verify_checkpoint(&note, new_key.verifier_key()).expect("signed with the new key");
    assert_eq!(c.tree_size, 2);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("log.key");
    std::fs::write(&file, format!("{skey}\n")).unwrap();
    let verify = |extra: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tapballot"));
        cmd.args(["log", "verify"])
            .args(extra)
            .env("TAPBALLOT_DATABASE_URL", &app.database_url)
            .env("TAPBALLOT_LOG_KEY_FILE", &file);
        let out = cmd.output().unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    let (ok, out) = verify(&[]);
    assert!(!ok && out.contains("does not verify"), "{out}");
    let (ok, out) = verify(&["--key", &old_key]);
    assert!(ok, "{out}");
    // A key of another name is refused at start-up.
    std::fs::write(
        &file,
        tlog::generate_signer_key("elsewhere.example/log").unwrap(),
    )
    .unwrap();
    let (ok, out) = verify(&[]);
    assert!(
        !ok && out.contains("the key's name must be the origin"),
        "{out}"
    );
}

on_both_backends!(a_rotated_key_signs_from_then_on_and_old_checkpoints_still_verify);

/// Entries a process left queued (it stopped between its commit and their
/// append) wait, named by `log verify`; the worker's next pass appends
/// them, in one batch under one checkpoint, and each receipt, and the file
/// each confirmation attaches, checks against that checkpoint.
async fn entries_left_queued_are_appended_in_one_batch_by_the_worker(app: TestApp) {
    use mail_parser::{MessageParser, MimeHeaders};
    use tapballot::domain::{
        entry::Claimed, ids::ConsultationId, member_state::Iso3, reply::SubmittedResponse,
    };
    use tapballot::service::{replies, sign_in, users};
    let c = app.circular_195().await;
    let id = ConsultationId::from(c["id"].as_str().unwrap().to_owned());
    let key = app.log_key().await;
    let size = |note: &str| tlog::verify_checkpoint(note, &key).unwrap().tree_size;
    let before = size(&app.text("/api/v1/log/checkpoint").await.2);
    const STATES: [&str; 3] = ["AUT", "BEL", "CAN"];
    // As a process that stops before appending leaves them: the use case on
    // a connection of its own, with nothing after its commit.
    let state = app.state.clone();
    let cid = id.clone();
    let codes = tokio::task::spawn_blocking(move || {
        let mut conn = state.pool.get().unwrap();
        let user = users::find_by_email(&mut conn, "tsb@itu.test").unwrap();
        let actor = sign_in::actor_for_token(&mut conn, &user.id, 0).unwrap();
        STATES.map(|iso3| {
            let r = replies::submit(
                &mut conn,
                &actor,
                state.clock.as_ref(),
                &state.mail,
                &cid,
                &Iso3::normalize(iso3),
                vec![SubmittedResponse {
                    draft: "X.1237".into(),
                    position: "yes".into(),
                    reasons: None,
                    comments: None,
                }],
                Claimed::default(),
            )
            .unwrap();
            assert!(r.log.is_none(), "a receipt before the append");
            r.receipt
        })
    })
    .await
    .unwrap();
    assert_eq!(size(&app.text("/api/v1/log/checkpoint").await.2), before);
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(
        ok && out.contains("3 more entries are stored with their records and wait"),
        "{out}"
    );
    // The worker appends them before it sends their confirmations.
    let worker = app.worker();
    tokio::task::spawn_blocking(move || worker.run_due().map(|_| ()))
        .await
        .unwrap()
        .unwrap();
    let after = app.text("/api/v1/log/checkpoint").await.2;
    assert_eq!(size(&after), before + 3);
    let (ok, out) = cli(&app.database_url, &["log", "verify"]);
    assert!(ok && !out.contains("wait"), "{out}");
    let state = app.state.clone();
    let files = tokio::task::spawn_blocking(move || {
        let mut conn = state.pool.get().unwrap();
        let user = users::find_by_email(&mut conn, "tsb@itu.test").unwrap();
        let actor = sign_in::actor_for_token(&mut conn, &user.id, 0).unwrap();
        STATES.map(|iso3| {
            replies::receipt_file(
                &mut conn,
                &actor,
                &state.log,
                &id,
                &Iso3::normalize(iso3),
                1,
            )
            .unwrap()
            .1
        })
    })
    .await
    .unwrap();
    for (i, file) in files.iter().enumerate() {
        assert_eq!(file.log.leaf_index, before + i as u64);
        assert_eq!(file.log.tree_size, before + 3);
        assert_eq!(file.log.checkpoint, after, "one checkpoint for the batch");
        assert!(
            failed(&file.log, &key).is_empty(),
            "{:?}",
            failed(&file.log, &key)
        );
    }
    let mut attached = 0;
    for e in app.outbox() {
        if e.kind != "reply_confirmation" {
            continue;
        }
        assert_eq!(e.status, "sent", "{}", e.recipient);
        let eml = std::fs::read(app._mail_dir.path().join(format!("{}.eml", e.id))).unwrap();
        let message = MessageParser::default().parse(&eml).unwrap();
        let (i, code) = codes
            .iter()
            .enumerate()
            .find(|(_, code)| {
                message
                    .attachments()
                    .any(|a| a.attachment_name() == Some(&format!("receipt-{code}.json")))
            })
            .unwrap_or_else(|| panic!("no receipt attached to {}", e.recipient));
        let file = message
            .attachments()
            .find(|a| a.attachment_name() == Some(&format!("receipt-{code}.json")))
            .unwrap();
        let file: tlog::ReceiptFile = serde_json::from_slice(file.contents()).unwrap();
        assert_eq!(file, files[i]);
        attached += 1;
    }
    assert!(attached >= 3, "{attached} confirmations");
}

on_both_backends!(entries_left_queued_are_appended_in_one_batch_by_the_worker);
