//! Whether the service can do its work: the database takes a write.

use super::ServiceResult;
use crate::clock::Clock;
use crate::store::{self, DbConnection};

/// One small durable commit, bounded in time (see `store::settings::write_probe`).
pub fn write_probe(conn: &mut DbConnection, clock: &dyn Clock) -> ServiceResult<()> {
    store::settings::write_probe(conn, store::to_naive(clock.now()))?;
    Ok(())
}

/// What a metrics scrape reads from the database.
#[derive(Debug, Clone, Default)]
pub struct Gauges {
    /// Emails per status, every status named (0 when none).
    pub emails: Vec<(&'static str, i64)>,
    /// How long the email waiting longest for delivery has been due (0 when none is).
    pub oldest_due_seconds: f64,
    pub log_tree_size: i64,
}

pub fn gauges(conn: &mut DbConnection, clock: &dyn Clock) -> ServiceResult<Gauges> {
    use store::emails::EmailStatus;
    let counted = store::emails::count_by_status(conn)?;
    let emails = EmailStatus::ALL
        .iter()
        .map(|s| {
            let n = counted
                .iter()
                .find(|(status, _)| status == s.as_str())
                .map_or(0, |(_, n)| *n);
            (s.as_str(), n)
        })
        .collect();
    let now = clock.now();
    let oldest_due_seconds = store::emails::oldest_due(conn, store::to_naive(now))?
        .map_or(0.0, |due| {
            (now - store::to_utc(due)).num_milliseconds().max(0) as f64 / 1000.0
        });
    let (log_tree_size, _) = store::log::head(conn)?;
    Ok(Gauges {
        emails,
        oldest_due_seconds,
        log_tree_size,
    })
}
