//! What every request handler shares, and the bridge from async handlers to
//! the blocking database layer.

use std::sync::Arc;

use actix_web::web;

use crate::auth::token::TokenKeys;
use crate::clock::Clock;
use crate::error::{ServiceError, ServiceResult};
use crate::mail::Mail;
use crate::store::{DbConnection, DbPool};

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub clock: Arc<dyn Clock>,
    pub tokens: TokenKeys,
    pub mail: Arc<Mail>,
    /// The key of the web session cookies (64 bytes, from `auth::keys`).
    pub cookie_key: Arc<Vec<u8>>,
}

impl AppState {
    /// Runs a use case on a pooled connection in actix's blocking thread pool,
    /// so that no database call ever blocks the async workers.
    pub async fn run<T, F>(&self, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &dyn Clock) -> ServiceResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let clock = self.clock.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn, clock.as_ref())
        })
        .await
        .map_err(|e| ServiceError::internal(format!("blocking task failed: {e}")))?
    }
}
