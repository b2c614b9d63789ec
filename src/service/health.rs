//! Whether the service can do its work: the database takes a write.

use super::ServiceResult;
use crate::clock::Clock;
use crate::store::{self, DbConnection};

/// One small durable commit, bounded in time (see `store::settings::write_probe`).
pub fn write_probe(conn: &mut DbConnection, clock: &dyn Clock) -> ServiceResult<()> {
    store::settings::write_probe(conn, store::to_naive(clock.now()))?;
    Ok(())
}
