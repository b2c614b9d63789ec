//! One function per use case, taking the store connection, the actor and the
//! clock. Called by the REST API (and the pages), so no rule is written twice.

pub mod audit;
pub mod changes;
pub mod comments;
pub mod consultations;
pub mod decisions;
pub mod emails;
pub mod export;
pub mod health;
pub mod log;
pub mod member_states;
pub mod notices;
pub mod paging;
pub mod password_links;
pub mod replies;
pub mod sign_in;
pub mod tally;
pub mod users;

pub use crate::error::{ErrorCode, Reason, ServiceError, ServiceResult};

impl From<diesel::result::Error> for ServiceError {
    fn from(e: diesel::result::Error) -> Self {
        match crate::store::fault_of(&e) {
            Some(crate::store::Fault::StorageFull) => ServiceError::storage_full(e),
            Some(crate::store::Fault::Unavailable) => ServiceError::unavailable(e),
            None => ServiceError::internal(e),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ServiceError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        ServiceError::unavailable(e)
    }
}

pub(crate) use crate::store::{new_id, to_naive, to_utc};
