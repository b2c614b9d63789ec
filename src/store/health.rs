//! Whether a pooled connection needs a round trip to prove it alive.
//!
//! r2d2 tests each connection as it is checked out (`SELECT 1`). Under load
//! that was about two statements more per reply on PostgreSQL, for
//! connections that had answered a moment before. `Health` watches each
//! connection's own statements (diesel's instrumentation): a connection whose
//! last statement succeeded within `TRUSTED_FOR` is handed out without the
//! test (as HikariCP's `aliveBypassWindowMs`); one idle for longer, or whose
//! last statement failed for a fault of the database, is tested as before; and
//! one whose server closed it is discarded when it comes back to the pool.
//! A fault seen on any connection ends the trust of every connection (the
//! server that killed one has likely killed all): so after a restart, or
//! backends terminated, at most the requests already under way meet a dead
//! connection; the rest are tested and given new ones.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::result::{DatabaseErrorKind, Error};

/// How long after a statement that succeeded a connection is trusted
/// without a test: shorter than a database restart takes, so that a
/// connection last used before one is tested, as every connection was;
/// under load each connection is used every few milliseconds.
pub const TRUSTED_FOR: Duration = Duration::from_millis(100);

/// Faults seen on any connection of the process: a connection is trusted
/// only if none was seen since its last success.
static FAULTS: AtomicU64 = AtomicU64::new(0);

/// The state of one connection, kept as its diesel instrumentation.
#[derive(Debug)]
pub struct Health {
    /// When a statement last succeeded, and the count of faults then;
    /// none if one failed since for a fault.
    last_ok: Option<(Instant, u64)>,
    /// The server closed the connection: it is of no further use.
    closed: bool,
    /// `FAULTS`, or a counter of a test's own.
    faults: &'static AtomicU64,
}

impl Default for Health {
    fn default() -> Self {
        Health {
            last_ok: None,
            closed: false,
            faults: &FAULTS,
        }
    }
}

impl Health {
    /// The statement just finished: `failed` is its error, if any.
    fn finished(&mut self, failed: Option<&Error>, at: Instant) {
        if let Some(e) = failed {
            if matches!(
                e,
                Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
            ) {
                self.closed = true;
            }
            // A refusal (a constraint, a row not found) says the connection
            // works; a fault makes every connection suspect until tested.
            if super::fault_of(e).is_some() {
                self.faults.fetch_add(1, Ordering::Relaxed);
                self.last_ok = None;
                return;
            }
        }
        self.last_ok = Some((at, self.faults.load(Ordering::Relaxed)));
    }

    /// Whether the connection may be handed out at `now` without a test.
    pub fn trusted(&self, now: Instant) -> bool {
        !self.closed
            && self.last_ok.is_some_and(|(at, faults)| {
                now.saturating_duration_since(at) < TRUSTED_FOR
                    && faults == self.faults.load(Ordering::Relaxed)
            })
    }

    /// Whether the connection is of no further use.
    pub fn closed(&self) -> bool {
        self.closed
    }
}

impl Instrumentation for Health {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::FinishQuery { error, .. } = event {
            self.finished(error, Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database_error(kind: DatabaseErrorKind, message: &str) -> Error {
        Error::DatabaseError(kind, Box::new(message.to_owned()))
    }

    /// A connection counting the faults of its test only (other tests of
    /// the process may meet faults of their own).
    fn health(faults: &'static AtomicU64) -> Health {
        Health {
            faults,
            ..Health::default()
        }
    }

    #[test]
    fn a_new_connection_is_tested() {
        assert!(!Health::default().trusted(Instant::now()));
    }

    #[test]
    fn a_connection_that_just_answered_is_trusted_for_a_moment_only() {
        static FAULTS: AtomicU64 = AtomicU64::new(0);
        let mut health = health(&FAULTS);
        let at = Instant::now();
        health.finished(None, at);
        assert!(health.trusted(at + Duration::from_millis(10)));
        assert!(!health.trusted(at + TRUSTED_FOR));
    }

    #[test]
    fn a_refusal_keeps_the_trust_and_a_fault_takes_it() {
        static FAULTS: AtomicU64 = AtomicU64::new(0);
        let mut health = health(&FAULTS);
        let at = Instant::now();
        health.finished(
            Some(&database_error(
                DatabaseErrorKind::UniqueViolation,
                "duplicate key value violates unique constraint",
            )),
            at,
        );
        assert!(health.trusted(at));
        assert!(!health.closed());
        health.finished(
            Some(&database_error(
                DatabaseErrorKind::Unknown,
                "terminating connection due to administrator command",
            )),
            at,
        );
        assert!(!health.trusted(at));
        assert!(!health.closed());
        // The pool's test (a statement like any other) restores it.
        health.finished(None, at);
        assert!(health.trusted(at));
    }

    #[test]
    fn a_fault_on_one_connection_ends_the_trust_in_all() {
        static FAULTS: AtomicU64 = AtomicU64::new(0);
        let (mut one, mut other) = (health(&FAULTS), health(&FAULTS));
        let at = Instant::now();
        one.finished(None, at);
        other.finished(None, at);
        other.finished(
            Some(&database_error(
                DatabaseErrorKind::ClosedConnection,
                "server closed the connection unexpectedly",
            )),
            at,
        );
        assert!(!one.trusted(at));
        // Until its own next success (the test at its check-out).
        one.finished(None, at);
        assert!(one.trusted(at));
    }

    #[test]
    fn a_closed_connection_is_never_trusted_again() {
        static FAULTS: AtomicU64 = AtomicU64::new(0);
        let mut health = health(&FAULTS);
        let at = Instant::now();
        health.finished(
            Some(&database_error(
                DatabaseErrorKind::ClosedConnection,
                "server closed the connection unexpectedly",
            )),
            at,
        );
        health.finished(None, at);
        assert!(health.closed());
        assert!(!health.trusted(at));
    }
}
