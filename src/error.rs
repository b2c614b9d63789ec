//! The one error vocabulary of the service: a stable code per failure, the
//! HTTP status it answers with, and the error that carries it from a use case
//! to the API, the pages and the command line. Depends on nothing else of the
//! crate, so every layer may use it.

use std::fmt;

use actix_web::http::StatusCode;

/// Declares every error code once: its variant, the snake_case string that
/// clients see (stable: other tools rely on it) and its HTTP status.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $wire:literal => $status:ident,)*) => {
        /// What went wrong, as clients read it in `{"error": {"code": …}}`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as clients see it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $wire,)*
                }
            }

            /// The one place a code becomes an HTTP status, for the API and
            /// the pages alike.
            pub fn status(self) -> StatusCode {
                match self {
                    $(ErrorCode::$variant => StatusCode::$status,)*
                }
            }
        }
    };
}

error_codes! {
    // The request itself cannot be read.
    MalformedJson = "malformed_json" => BAD_REQUEST,
    InvalidBody = "invalid_body" => BAD_REQUEST,
    MalformedBody = "malformed_body" => BAD_REQUEST,
    InvalidQuery = "invalid_query" => BAD_REQUEST,
    InvalidFormat = "invalid_format" => BAD_REQUEST,
    // Who is asking.
    MissingToken = "missing_token" => UNAUTHORIZED,
    InvalidToken = "invalid_token" => UNAUTHORIZED,
    TokenExpired = "token_expired" => UNAUTHORIZED,
    InvalidCredentials = "invalid_credentials" => UNAUTHORIZED,
    TsbOnly = "tsb_only" => FORBIDDEN,
    OtherMemberState = "other_member_state" => FORBIDDEN,
    TallyNotFinal = "tally_not_final" => FORBIDDEN,
    /// A field only TSB staff may send (`received_at`, `source`, `late`).
    ForbiddenField = "forbidden_field" => FORBIDDEN,
    // What is asked for.
    NotFound = "not_found" => NOT_FOUND,
    ConsultationNotFound = "consultation_not_found" => NOT_FOUND,
    /// A Member State named in the path that ITU does not have.
    MemberStateNotFound = "member_state_not_found" => NOT_FOUND,
    NoReply = "no_reply" => NOT_FOUND,
    EmailNotFound = "email_not_found" => NOT_FOUND,
    UserNotFound = "user_not_found" => NOT_FOUND,
    MethodNotAllowed = "method_not_allowed" => METHOD_NOT_ALLOWED,
    // The state of things forbids it.
    ConsultationClosed = "consultation_closed" => CONFLICT,
    /// TSB cancelled the consultation: it takes no more replies or changes.
    ConsultationCancelled = "consultation_cancelled" => CONFLICT,
    /// TSB certified the result to the chairman: no reply can be entered.
    ResultCertified = "result_certified" => CONFLICT,
    /// Only a closed consultation can be certified or decided on.
    ConsultationOpen = "consultation_open" => CONFLICT,
    LockedAfterReplies = "locked_after_replies" => CONFLICT,
    /// A consultation with this reference exists already.
    DuplicateReference = "duplicate_reference" => CONFLICT,
    NotRetryable = "not_retryable" => CONFLICT,
    EmailTaken = "email_taken" => CONFLICT,
    CannotDeactivateSelf = "cannot_deactivate_self" => CONFLICT,
    /// The account is deactivated: reactivate it first.
    UserInactive = "user_inactive" => CONFLICT,
    /// The user has set a password: an invitation would be pointless.
    PasswordAlreadySet = "password_already_set" => CONFLICT,
    BodyTooLarge = "body_too_large" => PAYLOAD_TOO_LARGE,
    UnsupportedMediaType = "unsupported_media_type" => UNSUPPORTED_MEDIA_TYPE,
    // What was sent breaks a rule.
    MissingField = "missing_field" => UNPROCESSABLE_ENTITY,
    /// A body field the endpoint does not know (a typo would otherwise be
    /// ignored silently).
    UnknownField = "unknown_field" => UNPROCESSABLE_ENTITY,
    FieldTooLong = "field_too_long" => UNPROCESSABLE_ENTITY,
    ControlCharacters = "control_characters" => UNPROCESSABLE_ENTITY,
    NoDrafts = "no_drafts" => UNPROCESSABLE_ENTITY,
    TooManyDrafts = "too_many_drafts" => UNPROCESSABLE_ENTITY,
    RepeatedDraft = "repeated_draft" => UNPROCESSABLE_ENTITY,
    InvalidMeetingDates = "invalid_meeting_dates" => UNPROCESSABLE_ENTITY,
    /// A change of the deadline, its zone, the meeting dates or the drafts
    /// cannot be made without a notice to the Member States.
    NoticeRequired = "notice_required" => UNPROCESSABLE_ENTITY,
    /// An attested `received_at` that breaks the cut-off's rules.
    InvalidReceivedAt = "invalid_received_at" => UNPROCESSABLE_ENTITY,
    /// A meeting decision that breaks 9.5 (e.g. a deferral of more than
    /// four weeks).
    InvalidDecision = "invalid_decision" => UNPROCESSABLE_ENTITY,
    InvalidTextUrl = "invalid_text_url" => UNPROCESSABLE_ENTITY,
    UnknownTimeZone = "unknown_time_zone" => UNPROCESSABLE_ENTITY,
    InvalidDeadline = "invalid_deadline" => UNPROCESSABLE_ENTITY,
    NonexistentDeadline = "nonexistent_deadline" => UNPROCESSABLE_ENTITY,
    AmbiguousDeadline = "ambiguous_deadline" => UNPROCESSABLE_ENTITY,
    EmptyReply = "empty_reply" => UNPROCESSABLE_ENTITY,
    UnknownDraft = "unknown_draft" => UNPROCESSABLE_ENTITY,
    InvalidPosition = "invalid_position" => UNPROCESSABLE_ENTITY,
    TextTooLong = "text_too_long" => UNPROCESSABLE_ENTITY,
    WeakPassword = "weak_password" => UNPROCESSABLE_ENTITY,
    WrongPassword = "wrong_password" => UNPROCESSABLE_ENTITY,
    InvalidLink = "invalid_link" => UNPROCESSABLE_ENTITY,
    InvalidEmail = "invalid_email" => UNPROCESSABLE_ENTITY,
    MemberStateRequired = "member_state_required" => UNPROCESSABLE_ENTITY,
    MemberStateRefused = "member_state_refused" => UNPROCESSABLE_ENTITY,
    /// A Member State named in a body that ITU does not have. Shares its
    /// wire name with `MemberStateNotFound` (clients know it so), but a
    /// field of a body is invalid input (422), not a missing resource (404).
    UnknownMemberState = "member_state_not_found" => UNPROCESSABLE_ENTITY,
    UnknownLanguage = "unknown_language" => UNPROCESSABLE_ENTITY,
    InvalidLimit = "invalid_limit" => UNPROCESSABLE_ENTITY,
    InvalidCursor = "invalid_cursor" => UNPROCESSABLE_ENTITY,
    /// A leaf index or tree size outside the verifiable log.
    InvalidLogIndex = "invalid_log_index" => UNPROCESSABLE_ENTITY,
    TooManyAttempts = "too_many_attempts" => TOO_MANY_REQUESTS,
    // Faults of the server or of what it depends on.
    Unavailable = "unavailable" => SERVICE_UNAVAILABLE,
    /// The database cannot write: its disk is full. Nothing was stored.
    StorageFull = "storage_full" => INSUFFICIENT_STORAGE,
    DatabaseUnavailable = "database_unavailable" => SERVICE_UNAVAILABLE,
    InternalError = "internal_error" => INTERNAL_SERVER_ERROR,
}

impl ErrorCode {
    /// Seconds a client should wait before retrying, for the codes that mean
    /// "try again later" (sent as `Retry-After`).
    pub fn retry_after(self) -> Option<u32> {
        match self {
            ErrorCode::Unavailable | ErrorCode::DatabaseUnavailable => Some(5),
            ErrorCode::StorageFull => Some(60),
            _ => None,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A use case that did not happen: its code, a message for people, and for a
/// fault the error that caused it (logged, printed by the command line, never
/// sent to clients).
#[derive(Debug)]
pub struct ServiceError {
    code: ErrorCode,
    message: String,
    source: Option<Cause>,
    reason: Option<Reason>,
}

/// What a page needs to say a refusal in its reader's language, where the
/// code alone is too coarse: a reason (its message in the catalogue is
/// `error-<id>`), the values that message names, and the form field it
/// concerns. The API sends only the code and the English `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub field: Option<&'static str>,
}

impl Reason {
    pub fn new(id: &'static str) -> Self {
        Reason {
            id,
            args: Vec::new(),
            field: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

impl ServiceError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ServiceError {
            code,
            message: message.into(),
            source: None,
            reason: None,
        }
    }

    /// The same error, with the reason a page gives for it.
    pub fn because(mut self, reason: Reason) -> Self {
        self.reason = Some(reason);
        self
    }

    pub fn reason(&self) -> Option<&Reason> {
        self.reason.as_ref()
    }

    /// A fault of the server, with its cause.
    pub fn internal(cause: impl Into<Cause>) -> Self {
        ServiceError {
            code: ErrorCode::InternalError,
            message: "internal error".into(),
            source: Some(cause.into()),
            reason: None,
        }
    }

    /// The database is busy or unreachable; the client may retry.
    pub fn unavailable(cause: impl Into<Cause>) -> Self {
        ServiceError {
            code: ErrorCode::Unavailable,
            message: "the service is busy; please retry".into(),
            source: Some(cause.into()),
            reason: None,
        }
    }

    /// The database's disk is full: nothing was stored; the client may retry later.
    pub fn storage_full(cause: impl Into<Cause>) -> Self {
        ServiceError {
            code: ErrorCode::StorageFull,
            message: "the service's storage is full; nothing was stored".into(),
            source: Some(cause.into()),
            reason: None,
        }
    }

    pub fn consultation_not_found() -> Self {
        Self::new(
            ErrorCode::ConsultationNotFound,
            "no consultation has this id",
        )
    }

    pub fn tsb_only() -> Self {
        Self::new(ErrorCode::TsbOnly, "only TSB staff may do this")
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn status(&self) -> StatusCode {
        self.code.status()
    }

    /// A fault of the server or the database rather than of the request.
    pub fn is_fault(&self) -> bool {
        self.status().is_server_error()
    }

    /// Writes a fault to the log with its cause; other errors are the
    /// client's and are not logged here.
    pub fn log_fault(&self) {
        let cause = self
            .source
            .as_ref()
            .map(|c| format!("{c}"))
            .unwrap_or_default();
        match self.code {
            ErrorCode::InternalError => tracing::error!(%cause, "internal error"),
            code if self.is_fault() => tracing::warn!(%code, %cause, "service unavailable"),
            _ => {}
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ServiceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|c| c as &(dyn std::error::Error + 'static))
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_code_is_snake_case_and_keeps_one_status_per_wire_name() {
        let mut status_of: HashMap<&str, Vec<StatusCode>> = HashMap::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{s}");
            status_of.entry(s).or_default().push(code.status());
        }
        // Only member_state_not_found has two meanings (path 404, body 422).
        let shared: Vec<_> = status_of
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(shared, vec!["member_state_not_found"]);
    }

    #[test]
    fn a_fault_keeps_its_cause() {
        let e = ServiceError::internal("disk on fire");
        assert_eq!(e.code(), ErrorCode::InternalError);
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let chain = std::error::Error::source(&e).map(|c| c.to_string());
        assert_eq!(chain.as_deref(), Some("disk on fire"));
        assert_eq!(
            serde_json::to_value(ErrorCode::TsbOnly).unwrap(),
            serde_json::json!("tsb_only")
        );
    }
}
