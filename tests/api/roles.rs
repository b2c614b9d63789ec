//! Every endpoint × role: nobody, the focal point of the Member State in the
//! path (CHE), the focal point of another Member State (FRA), TSB staff.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::*;
use crate::on_both_backends;

const NONE: usize = 0;
const OWN: usize = 1;
const OTHER: usize = 2;
const TSB: usize = 3;

async fn every_endpoint_answers_each_role_as_specified(app: TestApp) {
    let c = app.circular_195().await;
    let id = c["id"].as_str().unwrap().to_owned();
    let reply = json!({"responses": all_yes()});
    let tokens: [Option<&str>; 4] = [
        None,
        Some(&app.che.token),
        Some(&app.fra.token),
        Some(&app.tsb.token),
    ];
    let ok = StatusCode::OK;
    let (u, f) = (StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN);

    // (method, path, body, expected per role)
    let matrix: Vec<(Method, String, Option<serde_json::Value>, [StatusCode; 4])> = vec![
        (
            Method::GET,
            "/api/v1/member-states".into(),
            None,
            [ok, ok, ok, ok],
        ),
        (
            Method::POST,
            "/api/v1/consultations".into(),
            Some(circular_body("TSB Circular 200")),
            [u, f, f, StatusCode::CREATED],
        ),
        (
            Method::GET,
            "/api/v1/consultations".into(),
            None,
            [u, ok, ok, ok],
        ),
        (
            Method::GET,
            format!("/api/v1/consultations/{id}"),
            None,
            [u, ok, ok, ok],
        ),
        (
            Method::PUT,
            format!("/api/v1/consultations/{id}"),
            Some(circular_195_body()),
            [u, f, f, ok],
        ),
        (Method::GET, "/api/v1/users".into(), None, [u, f, f, ok]),
        (
            Method::POST,
            "/api/v1/users".into(),
            Some(
                json!({"email": "invited@admin.test", "name": "Invited", "role": "member", "member_state": "KEN"}),
            ),
            [u, f, f, StatusCode::CREATED],
        ),
        (Method::GET, "/api/v1/emails".into(), None, [u, f, f, ok]),
        (Method::GET, "/api/v1/audit".into(), None, [u, f, f, ok]),
        (
            Method::PUT,
            format!("/api/v1/consultations/{id}/replies/CHE"),
            Some(reply.clone()),
            [u, ok, f, ok],
        ),
        (
            Method::GET,
            format!("/api/v1/consultations/{id}/replies/CHE"),
            None,
            [u, ok, f, ok],
        ),
        (
            Method::GET,
            format!("/api/v1/consultations/{id}/replies"),
            None,
            [u, f, f, ok],
        ),
        (
            Method::GET,
            format!("/api/v1/consultations/{id}/tally"),
            None,
            [u, f, f, ok],
        ),
        (
            Method::GET,
            format!("/api/v1/consultations/{id}/export?format=json"),
            None,
            [u, f, f, ok],
        ),
        (
            Method::DELETE,
            format!("/api/v1/consultations/{id}/replies/CHE"),
            None,
            [u, ok, f, ok],
        ),
    ];
    for (method, path, body, expected) in matrix {
        for role in [NONE, OTHER, OWN, TSB] {
            if method == Method::DELETE {
                // Each withdrawal needs a reply to withdraw.
                app.put_reply(
                    &app.tsb.token,
                    &id,
                    "CHE",
                    json!([{"draft": "X.1237", "position": "yes", "comments": format!("{role}")}]),
                )
                .await;
            }
            let (s, v) = app
                .call(method.clone(), &path, tokens[role], body.clone())
                .await;
            assert_eq!(s, expected[role], "{method} {path} as role {role}: {v}");
            if !s.is_success() {
                assert!(
                    v["error"]["code"].is_string(),
                    "{method} {path}: error body {v}"
                );
            }
        }
    }

    // Once closed: members see the tally; nobody may reply.
    app.clock.set("2024-08-22T00:00:00Z".parse().unwrap());
    for role in [OWN, OTHER, TSB] {
        let (s, _) = app.tally(tokens[role], &id).await;
        assert_eq!(s, ok);
    }
    for role in [OWN, TSB] {
        let (s, _) = app
            .submit_reply(tokens[role], &id, "CHE", reply.clone())
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
    }
    let (s, _) = app.submit_reply(tokens[OTHER], &id, "CHE", reply).await;
    assert_eq!(
        s, f,
        "another Member State is refused before the deadline is even considered"
    );

    // After the cut-off, only TSB enters replies it attests it received in
    // time, or late ones, and certifies the result.
    let fax =
        json!({"responses": all_yes(), "source": "fax", "received_at": "2024-08-21T21:00:00Z"});
    let late = json!({"responses": all_yes(), "source": "email", "received_at": "2024-08-21T23:00:00Z", "late": true});
    let certify = format!("/api/v1/consultations/{id}/certify");
    for (method, path, body, expected) in [
        (
            Method::PUT,
            format!("/api/v1/consultations/{id}/replies/CHE"),
            Some(fax),
            [
                (u, "missing_token"),
                (f, "forbidden_field"),
                (f, "other_member_state"),
                (ok, ""),
            ],
        ),
        (
            Method::PUT,
            format!("/api/v1/consultations/{id}/replies/CHE"),
            Some(late),
            [
                (u, "missing_token"),
                (f, "forbidden_field"),
                (f, "other_member_state"),
                (ok, ""),
            ],
        ),
        (
            Method::GET,
            format!("/api/v1/consultations/{id}/decisions"),
            None,
            [(u, "missing_token"), (ok, ""), (ok, ""), (ok, "")],
        ),
        (
            Method::PUT,
            format!("/api/v1/consultations/{id}/decisions/X.1237"),
            Some(json!({"outcome": "approved", "decided_on": "2024-08-22"})),
            [
                (u, "missing_token"),
                (f, "tsb_only"),
                (f, "tsb_only"),
                (ok, ""),
            ],
        ),
        (
            Method::POST,
            format!("/api/v1/consultations/{id}/decisions/notify"),
            None,
            [
                (u, "missing_token"),
                (f, "tsb_only"),
                (f, "tsb_only"),
                (ok, ""),
            ],
        ),
        (
            Method::GET,
            format!("/api/v1/consultations/{id}/decisions/bulletin"),
            None,
            [
                (u, "missing_token"),
                (f, "tsb_only"),
                (f, "tsb_only"),
                (ok, ""),
            ],
        ),
        (
            Method::GET,
            format!("/api/v1/consultations/{id}/comments?format=html"),
            None,
            [
                (u, "missing_token"),
                (f, "tsb_only"),
                (f, "tsb_only"),
                (ok, ""),
            ],
        ),
        (
            Method::POST,
            certify,
            None,
            [
                (u, "missing_token"),
                (f, "tsb_only"),
                (f, "tsb_only"),
                (ok, ""),
            ],
        ),
    ] {
        for role in [NONE, OWN, OTHER, TSB] {
            let (s, v) = app
                .call(method.clone(), &path, tokens[role], body.clone())
                .await;
            let (status, code) = expected[role];
            assert_eq!(s, status, "{method} {path} as role {role}: {v}");
            if !code.is_empty() {
                assert_eq!(v["error"]["code"], code, "{method} {path} as role {role}");
            }
        }
    }
}

on_both_backends!(every_endpoint_answers_each_role_as_specified);
