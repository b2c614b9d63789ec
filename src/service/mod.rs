//! One function per use case, taking the store connection, the actor and the
//! clock. Called by the REST API (and the pages), so no rule is written twice.

pub mod audit;
pub mod consultations;
pub mod emails;
pub mod export;
pub mod replies;
pub mod tally;
pub mod users;

use chrono::{DateTime, NaiveDateTime, Utc};

/// What went wrong, with a stable code for clients.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{message}")]
    NotFound { code: &'static str, message: String },
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    #[error("{message}")]
    Unauthenticated { code: &'static str, message: String },
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// Too many attempts; the client should wait.
    #[error("{message}")]
    TooManyRequests { code: &'static str, message: String },
    /// The database is busy or unreachable; the client may retry.
    #[error("the service is busy; please retry")]
    Unavailable(String),
    /// A fault of the server; logged, never shown to the client.
    #[error("internal error")]
    Internal(String),
}

impl ServiceError {
    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        ServiceError::NotFound {
            code,
            message: message.into(),
        }
    }
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        ServiceError::Forbidden {
            code,
            message: message.into(),
        }
    }
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        ServiceError::Invalid {
            code,
            message: message.into(),
        }
    }
    pub fn consultation_not_found() -> Self {
        Self::not_found("consultation_not_found", "no consultation has this id")
    }
    pub fn tsb_only() -> Self {
        Self::forbidden("tsb_only", "only TSB staff may do this")
    }
}

impl From<diesel::result::Error> for ServiceError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match &e {
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                ServiceError::Unavailable(e.to_string())
            }
            Error::DatabaseError(_, info) if info.message().contains("database is locked") => {
                ServiceError::Unavailable(e.to_string())
            }
            _ => ServiceError::Internal(e.to_string()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ServiceError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        ServiceError::Unavailable(e.to_string())
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

pub(crate) fn to_naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub(crate) fn to_utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
