//! The read models of the pages take a fixed number of queries, whatever the
//! number of consultations, replies, revisions and users.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use diesel::connection::{Connection, InstrumentationEvent};
use serde_json::{json, Value};
use tapballot::auth::{Actor, Role};
use tapballot::domain::ids::ConsultationId;
use tapballot::service::{consultations, replies, sign_in, users};
use tapballot::store::DbConnection;

use crate::helpers::*;

/// Runs `f` and counts the statements it sends to the database.
fn queries<T>(conn: &mut DbConnection, f: impl FnOnce(&mut DbConnection) -> T) -> (T, usize) {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if matches!(event, InstrumentationEvent::StartQuery { .. }) {
            seen.fetch_add(1, Ordering::SeqCst);
        }
    });
    let out = f(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    (out, count.load(Ordering::SeqCst))
}

fn actor(conn: &mut DbConnection, email: &str) -> Actor {
    let user = users::find_by_email(conn, email).unwrap();
    sign_in::actor_for_token(conn, &user.id, 0).unwrap()
}

/// Queries of the home of CHE, TSB's list, and the detail and current
/// replies of the first consultation.
fn count_all(app: &TestApp, first: &ConsultationId) -> [usize; 4] {
    let mut conn = tapballot::store::connect(&app.database_url).unwrap();
    let clock = app.clock.clone();
    let (tsb, che) = (
        actor(&mut conn, "tsb@itu.test"),
        actor(&mut conn, "che@admin.test"),
    );
    let (home, a) = queries(&mut conn, |c| {
        replies::home(c, &che, clock.as_ref()).unwrap()
    });
    let (overview, b) = queries(&mut conn, |c| {
        consultations::overview(c, &tsb, clock.as_ref()).unwrap()
    });
    let (detail, d) = queries(&mut conn, |c| {
        consultations::detail(c, &tsb, clock.as_ref(), first).unwrap()
    });
    let (current, e) = queries(&mut conn, |c| {
        replies::list_current(c, &tsb, clock.as_ref(), first).unwrap()
    });
    // The views hold what was stored, so the counts measure real work.
    assert_eq!(home.items.len(), overview.consultations.len());
    assert!(home.items.iter().all(|i| i.current.is_some()));
    assert_eq!(detail.replied.len(), current.len());
    [a, b, d, e]
}

async fn consultation(app: &TestApp, n: usize) -> String {
    let mut body = circular_195_body();
    body["reference"] = json!(format!("TSB Circular {}", 900 + n));
    app.create_consultation(body).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn reply(app: &TestApp, token: &str, id: &str, iso3: &str, responses: Value) {
    let (s, v) = app.put_reply(token, id, iso3, responses).await;
    assert_eq!(s, reqwest::StatusCode::OK, "{v}");
}

async fn pages_take_the_same_number_of_queries_for_more_data(app: TestApp) {
    let first = consultation(&app, 0).await;
    reply(&app, &app.che.token, &first, "CHE", all_yes()).await;
    reply(&app, &app.fra.token, &first, "FRA", all_yes()).await;
    let before = count_all(&app, &ConsultationId::from(first.as_str()));

    // Many more consultations, revisions, Member States and users.
    for n in 1..6 {
        let id = consultation(&app, n).await;
        reply(&app, &app.che.token, &id, "CHE", all_yes()).await;
    }
    let no = json!([{"draft": "X.1237", "position": "no", "reasons": "terminology"}]);
    for _ in 0..3 {
        reply(&app, &app.che.token, &first, "CHE", no.clone()).await;
        reply(&app, &app.che.token, &first, "CHE", all_yes()).await;
    }
    for iso3 in ["DEU", "EGY", "CHN", "BRA", "IND"] {
        reply(&app, &app.tsb.token, &first, iso3, all_yes()).await;
        app.add_user(
            &format!("{}@admin.test", iso3.to_lowercase()),
            Role::Member,
            Some(iso3),
            "en",
        );
    }
    let after = count_all(&app, &ConsultationId::from(first.as_str()));
    assert_eq!(
        before, after,
        "queries of home, overview, detail and current replies grew with the data"
    );
}

crate::on_both_backends!(pages_take_the_same_number_of_queries_for_more_data);
