//! Stored history for `scripts/bench.sh`: adds N revisions (eight or more
//! responses each, as the drafts of the consultation) to the consultation
//! with the given reference, spread over every Member State in turn, written
//! straight into the store in large transactions. So the benchmark can show
//! a reply's cost after 10 000 or 100 000 earlier revisions without
//! entering them one by one. On PostgreSQL it then runs ANALYZE, as
//! autovacuum would soon after. Prints how many it added.
//!
//! Usage: seed_history DATABASE_URL REFERENCE USER_EMAIL N

use chrono::Utc;
use diesel::Connection;
use rand::Rng;
use tapballot::store::models::{ResponseRow, RevisionRow};
use tapballot::store::{self, new_id, to_naive};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, reference, email, n] = args.as_slice() else {
        return Err("usage: seed_history DATABASE_URL REFERENCE USER_EMAIL N".into());
    };
    let n: usize = n.parse()?;
    let mut conn = store::connect(url)?;
    let (consultation, drafts) = store::consultations::list(&mut conn)?
        .into_iter()
        .find(|(c, _)| &c.reference == reference)
        .ok_or("no consultation has this reference")?;
    let user = store::users::find_by_email(&mut conn, email)?.ok_or("no such user")?;
    let states: Vec<String> = store::member_states::all(&mut conn)?
        .into_iter()
        .map(|m| m.iso3)
        .collect();
    let mut rng = rand::rng();
    let mut added = 0;
    while added < n {
        let batch = (n - added).min(2000);
        conn.transaction(|conn| {
            for i in 0..batch {
                let iso3 = &states[(added + i) % states.len()];
                let last = store::replies::last_revision(conn, &consultation.id, iso3)?
                    .map(|r| r.revision)
                    .unwrap_or(0);
                let now = to_naive(Utc::now());
                let id = new_id();
                let responses: Vec<ResponseRow> = drafts
                    .iter()
                    .map(|d| {
                        let yes = rng.random_ratio(4, 5);
                        ResponseRow {
                            revision_id: id.clone(),
                            draft_id: d.id.clone(),
                            position: if yes { "yes" } else { "no" }.into(),
                            reasons: (!yes).then(|| "seeded history".into()),
                            comments: None,
                        }
                    })
                    .collect();
                let revision = RevisionRow {
                    id,
                    consultation_id: consultation.id.clone(),
                    member_state: iso3.clone(),
                    revision: last + 1,
                    received_at: now,
                    receipt: tapballot::domain::receipt::format_receipt(rng.random()),
                    entered_by: user.id.clone(),
                    on_behalf: 1,
                    source_note: None,
                    entered_at: now,
                    late: 0,
                    responses_digest: Some(store::replies::responses_digest(&responses)),
                };
                store::replies::append_revision(conn, &revision, &responses, true, None)?;
            }
            Ok::<_, diesel::result::Error>(())
        })?;
        added += batch;
    }
    // As autovacuum would after such a load: PostgreSQL plans by its
    // statistics, which a bulk insert leaves stale until then.
    if let store::DbConnection::Postgres(pg) = &mut conn {
        use diesel::RunQueryDsl;
        diesel::sql_query("ANALYZE").execute(pg)?;
    }
    println!("{added}");
    Ok(())
}
