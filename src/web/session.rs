//! Who is asking, in which language, and the CSRF token of the session.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use fluent_bundle::FluentValue;
use minijinja::value::Value;
use serde::Serialize;
use subtle::ConstantTimeEq;

use crate::auth::Actor;
use crate::error::{ErrorCode, ServiceError};
use crate::i18n::{self, Language, LANGUAGES};
use crate::service::sign_in::{self, WebSession};
use crate::state::AppState;
use crate::web::render::Pages;

pub const LANG_COOKIE: &str = "tapballot_lang";
const SESSION_KEY: &str = "session";
const CSRF_KEY: &str = "csrf";

/// A page that could not be shown: either a redirect to sign in, or an
/// already rendered error page.
#[derive(Debug)]
pub enum PageError {
    SignIn { next: String },
    Html(StatusCode, String),
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::SignIn { .. } => f.write_str("sign-in required"),
            PageError::Html(s, _) => write!(f, "page error {s}"),
        }
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::SignIn { .. } => StatusCode::SEE_OTHER,
            PageError::Html(s, _) => *s,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            PageError::SignIn { next } => HttpResponse::SeeOther()
                .insert_header((
                    header::LOCATION,
                    format!("/sign-in?next={}", url_escape(next)),
                ))
                .finish(),
            PageError::Html(status, html) => {
                let mut response = HttpResponse::build(*status);
                // "Try again later" pages say when, as the API does.
                let retry = match *status {
                    StatusCode::SERVICE_UNAVAILABLE => ErrorCode::Unavailable.retry_after(),
                    StatusCode::INSUFFICIENT_STORAGE => ErrorCode::StorageFull.retry_after(),
                    _ => None,
                };
                if let Some(seconds) = retry {
                    response.insert_header((header::RETRY_AFTER, seconds.to_string()));
                }
                response
                    .content_type("text/html; charset=utf-8")
                    .body(html.clone())
            }
        }
    }
}

pub fn url_escape(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A redirect goes only to a path on this site: one leading slash, then
/// printable ASCII without a backslash. Browsers drop tabs and newlines and
/// read a backslash as a slash, so a tab or backslash after the first slash
/// would leave the site, as "//host" does; control characters could not be
/// written in a `Location` header either. Anything else goes to the default
/// page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_local_path(n) => n.to_owned(),
        _ => "/".to_owned(),
    }
}

fn is_local_path(n: &str) -> bool {
    n.starts_with('/')
        && !n.starts_with("//")
        && n.chars().all(|c| c.is_ascii_graphic() && c != '\\')
}

/// The language of a page: the switcher's cookie, then the user's preference,
/// then the browser's Accept-Language, then English.
fn choose_language(req: &HttpRequest, actor: Option<&Actor>) -> &'static str {
    if let Some(c) = req.cookie(LANG_COOKIE) {
        if let Some(l) = LANGUAGES.iter().find(|l| **l == c.value()) {
            return l;
        }
    }
    if let Some(a) = actor {
        return i18n::supported(&a.language);
    }
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut best: Option<(&'static str, f32)> = None;
    for part in accept.split(',') {
        let mut it = part.trim().split(';');
        let tag = it.next().unwrap_or("").trim();
        let q = it
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        if let Some(l) = LANGUAGES.iter().find(|l| **l == primary) {
            if best.is_none_or(|(_, bq)| q > bq) {
                best = Some((l, q));
            }
        }
    }
    best.map(|(l, _)| l).unwrap_or(i18n::SOURCE_LANGUAGE)
}

#[derive(Serialize)]
struct LanguageLink {
    code: &'static str,
    name: &'static str,
}

/// Everything a page needs to know about its request.
pub struct PageCtx {
    pub state: web::Data<AppState>,
    pub pages: web::Data<Pages>,
    pub session: Session,
    pub actor: Option<Actor>,
    /// The session of `actor`, as the cookie holds it.
    pub web_session: Option<WebSession>,
    pub lang: &'static str,
    pub csrf: String,
    pub path: String,
}

impl PageCtx {
    pub fn require_user(&self) -> Result<&Actor, PageError> {
        self.actor.as_ref().ok_or_else(|| PageError::SignIn {
            next: self.path.clone(),
        })
    }

    pub fn require_tsb(&self) -> Result<&Actor, PageError> {
        let actor = self.require_user()?;
        if actor.is_tsb() {
            Ok(actor)
        } else {
            Err(self.error(StatusCode::FORBIDDEN, "error-forbidden"))
        }
    }

    /// Checks the CSRF token of a submitted form.
    pub fn check_csrf(&self, submitted: Option<&str>) -> Result<(), PageError> {
        let ok = submitted.is_some_and(|s| bool::from(s.as_bytes().ct_eq(self.csrf.as_bytes())));
        if ok {
            Ok(())
        } else {
            Err(self.error(StatusCode::FORBIDDEN, "error-csrf"))
        }
    }

    pub fn catalogue(&self) -> &crate::i18n::Catalogue {
        self.pages.catalogue()
    }

    pub fn t(&self, key: &str) -> String {
        self.pages.catalogue().text(self.lang, key, &[])
    }

    fn common(&self) -> Value {
        common_context(self.lang, self.actor.as_ref(), &self.csrf, &self.path)
    }

    pub fn render<C: Serialize>(&self, template: &str, own: &C) -> Result<HttpResponse, PageError> {
        self.render_status(StatusCode::OK, template, own)
    }

    pub fn render_status<C: Serialize>(
        &self,
        status: StatusCode,
        template: &str,
        own: &C,
    ) -> Result<HttpResponse, PageError> {
        match self.pages.render(template, &self.common(), own) {
            Ok(html) => Ok(HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .body(html)),
            Err(e) => {
                tracing::error!(template, error = %format!("{e:#}"), "page failed to render");
                Err(PageError::Html(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal error".into(),
                ))
            }
        }
    }

    /// A rendered error page with a message from the catalogue.
    pub fn error(&self, status: StatusCode, message_key: &str) -> PageError {
        let own = minijinja::context! { title_key => "error-title", message => self.t(message_key), status => status.as_u16() };
        match self.pages.render("message.html", &self.common(), &own) {
            Ok(html) => PageError::Html(status, html),
            Err(_) => PageError::Html(status, status.to_string()),
        }
    }

    /// Maps a use case's error to a page in the reader's language, with
    /// the status of its code.
    pub fn service_error(&self, e: ServiceError) -> PageError {
        e.log_fault();
        let status = e.status();
        match status {
            StatusCode::UNAUTHORIZED => PageError::SignIn {
                next: self.path.clone(),
            },
            StatusCode::INTERNAL_SERVER_ERROR => self.error(status, "error-internal"),
            // Busy or unreachable: say so with 503, whatever the fault was.
            s if s.is_server_error() && e.code() != ErrorCode::StorageFull => {
                self.error(StatusCode::SERVICE_UNAVAILABLE, "error-unavailable")
            }
            _ => {
                let own = minijinja::context! { title_key => "error-title", message => self.refusal(&e), status => status.as_u16() };
                match self.pages.render("message.html", &self.common(), &own) {
                    Ok(html) => PageError::Html(status, html),
                    Err(_) => PageError::Html(status, status.to_string()),
                }
            }
        }
    }

    /// A refusal in the page's language: the use case's reason where it
    /// gave one, else what its code means. Never the English `message`,
    /// which is the API's.
    pub fn refusal(&self, e: &ServiceError) -> String {
        let catalogue = self.pages.catalogue();
        if let Some(reason) = e.reason() {
            let args: Vec<(&str, FluentValue)> = reason
                .args
                .iter()
                .map(|(name, value)| (*name, FluentValue::from(value.clone())))
                .collect();
            return catalogue.text(self.lang, &format!("error-{}", reason.id), &args);
        }
        self.t(refusal_key(e.code()))
    }

    /// Signs a user in: a fresh session (no fixation) with a fresh CSRF token.
    pub fn sign_in(&self, web_session: &WebSession) -> Result<(), PageError> {
        self.session.renew();
        let stored = self.session.insert(SESSION_KEY, web_session).is_ok()
            && self.session.insert(CSRF_KEY, new_csrf()).is_ok();
        if stored {
            Ok(())
        } else {
            Err(self.error(StatusCode::INTERNAL_SERVER_ERROR, "error-internal"))
        }
    }

    pub fn sign_out(&self) {
        self.session.purge();
    }
}

/// What every page's layout reads.
fn common_context(lang: &str, actor: Option<&Actor>, csrf: &str, path: &str) -> Value {
    let languages: Vec<LanguageLink> = Language::ALL
        .iter()
        .map(|l| LanguageLink {
            code: l.code(),
            name: l.autonym(),
        })
        .collect();
    let user = actor.map(|a| {
        minijinja::context! {
            name => a.name.clone(),
            email => a.email.clone(),
            is_tsb => a.is_tsb(),
            member_state => a.member_state.clone(),
        }
    });
    minijinja::context! {
        lang => lang,
        dir => if i18n::is_rtl(lang) { "rtl" } else { "ltr" },
        user => user,
        csrf => csrf,
        path => path,
        path_escaped => url_escape(path),
        languages => languages,
        request_id => crate::request_id::current(),
    }
}

/// An error page for a request whose form could not even be read (too
/// large, or not a form): in the reader's language from the switcher's
/// cookie or the browser, without loading the session.
pub fn unread_form_page(req: &HttpRequest, status: StatusCode, message_key: &str) -> HttpResponse {
    let lang = choose_language(req, None);
    let html = req.app_data::<web::Data<Pages>>().and_then(|pages| {
        let own = minijinja::context! {
            title_key => "error-title",
            message => pages.catalogue().text(lang, message_key, &[]),
            status => status.as_u16(),
        };
        let common = common_context(lang, None, "", req.path());
        pages.render("message.html", &common, &own).ok()
    });
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html.unwrap_or_else(|| status.to_string()))
}

fn new_csrf() -> String {
    use rand::Rng;
    rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

impl FromRequest for PageCtx {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .cloned()
                .ok_or_else(|| {
                    PageError::Html(StatusCode::INTERNAL_SERVER_ERROR, "no state".into())
                })?;
            let pages = req.app_data::<web::Data<Pages>>().cloned().ok_or_else(|| {
                PageError::Html(StatusCode::INTERNAL_SERVER_ERROR, "no pages".into())
            })?;
            let session = req.get_session();
            let web_session = session.get::<WebSession>(SESSION_KEY).ok().flatten();
            let actor = match web_session.clone() {
                Some(s) => match state
                    .read(move |conn, clock| sign_in::actor_for_session(conn, clock, &s))
                    .await
                {
                    Ok(a) => Some(a),
                    Err(e) if e.status() == StatusCode::UNAUTHORIZED => {
                        // Timed out, signed out, revoked or deactivated: it ends
                        // here. The cookie keeps its CSRF token, so the sign-in
                        // form this request may show can be posted.
                        session.remove(SESSION_KEY);
                        None
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot load the signed-in user");
                        None
                    }
                },
                None => None,
            };
            let csrf = match session.get::<String>(CSRF_KEY) {
                Ok(Some(t)) => t,
                _ => {
                    let t = new_csrf();
                    let _ = session.insert(CSRF_KEY, &t);
                    t
                }
            };
            let lang = choose_language(&req, actor.as_ref());
            let path = match req.uri().path_and_query() {
                Some(pq) => pq.as_str().to_owned(),
                None => req.path().to_owned(),
            };
            Ok(PageCtx {
                web_session: web_session.filter(|_| actor.is_some()),
                state,
                pages,
                session,
                actor,
                lang,
                csrf,
                path,
            })
        })
    }
}

/// What each code means to a reader of the pages, as a catalogue message.
/// Exhaustive, so that a new code cannot reach a page in English.
pub fn refusal_key(code: ErrorCode) -> &'static str {
    use ErrorCode as C;
    match code {
        C::MalformedJson
        | C::InvalidBody
        | C::MalformedBody
        | C::InvalidFormat
        | C::UnknownField
        | C::UnsupportedMediaType
        | C::MethodNotAllowed => "error-bad-form",
        C::InvalidQuery | C::InvalidLimit | C::InvalidCursor | C::InvalidLogIndex => {
            "error-invalid-query"
        }
        C::MissingToken | C::InvalidToken | C::TokenExpired => "error-session-ended",
        C::InvalidCredentials => "error-sign-in",
        C::TsbOnly | C::OtherMemberState | C::ForbiddenField => "error-forbidden",
        C::TallyNotFinal => "error-tally-not-final",
        C::NotFound
        | C::ConsultationNotFound
        | C::MemberStateNotFound
        | C::EmailNotFound
        | C::UserNotFound => "error-not-found",
        C::NoReply => "error-no-reply",
        C::ConsultationClosed => "error-closed",
        C::ConsultationCancelled => "error-cancelled",
        C::ResultCertified => "error-certified",
        C::ConsultationOpen => "error-consultation-open",
        C::LockedAfterReplies => "error-consultation-locked",
        C::DuplicateReference => "error-consultation-duplicate-reference",
        C::NotRetryable => "error-not-retryable",
        C::EmailTaken => "error-email-taken",
        C::CannotDeactivateSelf => "error-deactivate-self",
        C::UserInactive => "error-user-inactive",
        C::PasswordAlreadySet => "error-password-already-set",
        C::BodyTooLarge => "error-too-large",
        C::MissingField => "error-consultation-missing-field",
        C::FieldTooLong => "error-field-too-long",
        C::ControlCharacters => "error-control-characters",
        C::NoDrafts => "error-consultation-no-drafts",
        C::TooManyDrafts => "error-consultation-too-many-drafts",
        C::RepeatedDraft => "error-consultation-repeated-draft",
        C::InvalidMeetingDates => "error-consultation-meeting-dates",
        C::NoticeRequired => "error-consultation-notice-required",
        C::InvalidReceivedAt => "error-received-at-invalid",
        C::InvalidDecision => "error-decision-rules",
        C::InvalidTextUrl => "error-consultation-text-url",
        C::UnknownTimeZone => "error-consultation-time-zone",
        C::InvalidDeadline => "error-consultation-deadline",
        C::NonexistentDeadline => "error-consultation-deadline-nonexistent",
        C::AmbiguousDeadline => "error-consultation-deadline-ambiguous",
        C::EmptyReply => "error-empty-reply",
        C::UnknownDraft => "error-unknown-draft",
        C::InvalidPosition => "error-invalid-position",
        C::TextTooLong => "error-text-too-long",
        C::WeakPassword => "error-weak-password",
        C::WrongPassword => "error-wrong-password",
        C::InvalidLink => "error-invalid-link",
        C::InvalidEmail => "error-invalid-email",
        C::MemberStateRequired => "error-member-state-required",
        C::MemberStateRefused => "error-member-state-refused",
        C::UnknownMemberState => "error-member-state-unknown",
        C::UnknownLanguage => "error-unknown-language",
        C::TooManyAttempts => "error-too-many-attempts",
        C::Unavailable | C::DatabaseUnavailable => "error-unavailable",
        C::StorageFull => "error-storage-full",
        C::InternalError => "error-internal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn every_code_reads_as_a_catalogue_message() {
        let keys = crate::i18n::Catalogue::embedded().unwrap().keys("en");
        let missing: Vec<_> = ErrorCode::ALL
            .iter()
            .map(|c| refusal_key(*c))
            .filter(|k| !keys.contains(*k))
            .collect();
        assert!(missing.is_empty(), "no message for {missing:?}");
    }

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        let req = TestRequest::default()
            .insert_header((header::ACCEPT_LANGUAGE, "de-CH, fr;q=0.8, ar;q=0.9"))
            .to_http_request();
        assert_eq!(choose_language(&req, None), "ar");
        let req = TestRequest::default()
            .insert_header((header::ACCEPT_LANGUAGE, "de"))
            .to_http_request();
        assert_eq!(choose_language(&req, None), "en");
        let req = TestRequest::default()
            .insert_header((header::ACCEPT_LANGUAGE, "zh-CN"))
            .cookie(actix_web::cookie::Cookie::new(LANG_COOKIE, "ru"))
            .to_http_request();
        assert_eq!(choose_language(&req, None), "ru", "the switcher wins");
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/home?x=1")), "/home?x=1");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/\r\nSet-Cookie: x=1")), "/");
        assert_eq!(safe_next(Some("/ /evil.example")), "/");
        assert_eq!(safe_next(Some("home")), "/");
        assert_eq!(
            safe_next(Some("/tsb/activity?subject=a%2Fb")),
            "/tsb/activity?subject=a%2Fb"
        );
        assert_eq!(safe_next(None), "/");
    }
}
