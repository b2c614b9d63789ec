//! Signing in and out, passwords, and the language switcher.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use super::forms::see_other;
use super::session::{safe_next, PageCtx, PageError, LANG_COOKIE};
use crate::client_address::ClientAddress;
use crate::error::ErrorCode;
use crate::i18n::{Language, LANGUAGES};
use crate::service::sign_in::WebSession;
use crate::service::{password_links, sign_in as signing_in, users};

#[get("/")]
pub async fn root(ctx: PageCtx) -> HttpResponse {
    match &ctx.actor {
        Some(a) if a.is_tsb() => see_other("/tsb"),
        Some(_) => see_other("/home"),
        None => see_other("/sign-in"),
    }
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[get("/sign-in")]
pub async fn sign_in_page(
    ctx: PageCtx,
    q: web::Query<NextQuery>,
) -> Result<HttpResponse, PageError> {
    ctx.render(
        "sign_in.html",
        &minijinja::context! { next => safe_next(q.next.as_deref()), error => "", email => "" },
    )
}

#[derive(Deserialize)]
pub struct SignInForm {
    email: String,
    password: String,
    csrf: Option<String>,
    next: Option<String>,
}

#[post("/sign-in")]
pub async fn sign_in(
    ctx: PageCtx,
    client: ClientAddress,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, PageError> {
    ctx.check_csrf(form.csrf.as_deref())?;
    let SignInForm {
        email,
        password,
        next,
        ..
    } = form.into_inner();
    let next = safe_next(next.as_deref());
    let who = email.clone();
    let origin = signing_in::Origin {
        client: client.0,
        max_client_failures: ctx.state.max_client_sign_in_failures,
    };
    match ctx
        .state
        .run(move |conn, clock| signing_in::open_session(conn, clock, origin, &who, &password))
        .await
    {
        Ok((actor, web_session)) => {
            ctx.sign_in(&web_session)?;
            let to = if next == "/" {
                if actor.is_tsb() {
                    "/tsb".to_owned()
                } else {
                    "/home".to_owned()
                }
            } else {
                next
            };
            Ok(see_other(&to))
        }
        Err(e) if e.code() == ErrorCode::InvalidCredentials => ctx.render_status(
            StatusCode::UNAUTHORIZED,
            "sign_in.html",
            &minijinja::context! { next => next, error => ctx.t("error-sign-in"), email => email },
        ),
        Err(e) if e.code() == ErrorCode::TooManyAttempts => ctx.render_status(
            StatusCode::TOO_MANY_REQUESTS,
            "sign_in.html",
            &minijinja::context! { next => next, error => ctx.t("error-too-many-attempts"), email => email },
        ),
        Err(e) => Err(ctx.service_error(e)),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

#[post("/sign-out")]
pub async fn sign_out(ctx: PageCtx, form: web::Form<CsrfForm>) -> Result<HttpResponse, PageError> {
    ctx.check_csrf(form.csrf.as_deref())?;
    if let Some(actor) = ctx.actor.clone() {
        // Ends this user's sessions everywhere, not only this cookie.
        ctx.state
            .run(move |conn, _| signing_in::close_sessions(conn, &actor.user_id))
            .await
            .map_err(|e| ctx.service_error(e))?;
    }
    ctx.sign_out();
    Ok(see_other("/sign-in"))
}

#[derive(Deserialize)]
pub struct LangQuery {
    back: Option<String>,
}

/// The language switcher: plain links, so it works without script.
#[get("/language/{code}")]
pub async fn switch_language(
    ctx: PageCtx,
    code: web::Path<String>,
    q: web::Query<LangQuery>,
) -> Result<HttpResponse, PageError> {
    let code = code.into_inner();
    let Some(lang) = LANGUAGES.iter().find(|l| **l == code) else {
        return Err(ctx.error(StatusCode::NOT_FOUND, "error-not-found"));
    };
    // A link may be followed from anywhere, so it changes this browser's
    // pages only; the stored preference (emails) is a form with CSRF.
    let mut resp = see_other(&safe_next(q.back.as_deref()));
    let _ = resp.add_cookie(&language_cookie(lang));
    Ok(resp)
}

/// The switcher's choice for this browser, for a year.
fn language_cookie(lang: &str) -> Cookie<'_> {
    Cookie::build(LANG_COOKIE, lang)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish()
}

#[derive(Deserialize)]
pub struct LanguageForm {
    language: String,
    csrf: Option<String>,
}

/// A signed-in user's preferred language: that of their emails and pages.
#[post("/account/language")]
pub async fn set_language(
    ctx: PageCtx,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_user()?.clone();
    ctx.check_csrf(form.csrf.as_deref())?;
    let Some(lang) = Language::parse(&form.language) else {
        return Err(ctx.error(StatusCode::UNPROCESSABLE_ENTITY, "error-not-found"));
    };
    ctx.state
        .write(move |conn, _| users::set_language(conn, &actor.user_id, lang.code()))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let mut resp = see_other("/account/password?language=saved");
    let _ = resp.add_cookie(&language_cookie(lang.code()));
    Ok(resp)
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

#[get("/set-password")]
pub async fn set_password_page(
    ctx: PageCtx,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, PageError> {
    ctx.render("set_password.html", &minijinja::context! { token => q.token.clone().unwrap_or_default(), errors => Vec::<String>::new() })
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    token: String,
    password: String,
    confirm: String,
    csrf: Option<String>,
}

#[post("/set-password")]
pub async fn set_password(
    ctx: PageCtx,
    form: web::Form<SetPasswordForm>,
) -> Result<HttpResponse, PageError> {
    ctx.check_csrf(form.csrf.as_deref())?;
    let SetPasswordForm {
        token,
        password,
        confirm,
        ..
    } = form.into_inner();
    let again = |errors: Vec<String>| {
        ctx.render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "set_password.html",
            &minijinja::context! { token => token.clone(), errors => errors },
        )
    };
    if password != confirm {
        return again(vec![ctx.t("error-password-mismatch")]);
    }
    let t = token.clone();
    match ctx.state.run(move |conn, clock| password_links::set_password_with_token(conn, clock, &t, &password)).await {
        Ok(()) => ctx.render("message.html", &minijinja::context! { title_key => "password-set-title", message => ctx.t("password-set-done"), status => 200, link => "/sign-in", link_key => "nav-sign-in" }),
        Err(e) if e.code() == ErrorCode::WeakPassword => again(vec![ctx.t("error-weak-password")]),
        Err(e) if e.code() == ErrorCode::InvalidLink => again(vec![ctx.t("error-invalid-link")]),
        Err(e) => Err(ctx.service_error(e)),
    }
}

#[get("/forgot-password")]
pub async fn forgot_password_page(ctx: PageCtx) -> Result<HttpResponse, PageError> {
    ctx.render(
        "forgot_password.html",
        &minijinja::context! { sent => false },
    )
}

#[derive(Deserialize)]
pub struct ForgotForm {
    email: String,
    csrf: Option<String>,
}

#[post("/forgot-password")]
pub async fn forgot_password(
    ctx: PageCtx,
    form: web::Form<ForgotForm>,
) -> Result<HttpResponse, PageError> {
    ctx.check_csrf(form.csrf.as_deref())?;
    let email = form.into_inner().email;
    let mail = ctx.state.mail.clone();
    // After answering, so the page takes as long whether or not the address
    // has an account.
    ctx.state
        .run_after_answer("password reset", move |conn, clock| {
            password_links::request_password_reset(conn, clock, &mail, &email)
        });
    ctx.render(
        "forgot_password.html",
        &minijinja::context! { sent => true },
    )
}

#[derive(Deserialize)]
pub struct AccountQuery {
    language: Option<String>,
}

/// The account page: the password, and the language of emails.
fn account_page(
    ctx: &PageCtx,
    status: StatusCode,
    errors: Vec<String>,
    done: bool,
    language_saved: bool,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_user()?;
    ctx.render_status(
        status,
        "change_password.html",
        &minijinja::context! {
            errors => errors,
            done => done,
            language => &actor.language,
            language_saved => language_saved,
        },
    )
}

#[get("/account/password")]
pub async fn change_password_page(
    ctx: PageCtx,
    q: web::Query<AccountQuery>,
) -> Result<HttpResponse, PageError> {
    let saved = q.language.as_deref() == Some("saved");
    account_page(&ctx, StatusCode::OK, Vec::new(), false, saved)
}

#[derive(Deserialize)]
pub struct ChangePasswordForm {
    current: String,
    password: String,
    confirm: String,
    csrf: Option<String>,
}

#[post("/account/password")]
pub async fn change_password(
    ctx: PageCtx,
    client: ClientAddress,
    form: web::Form<ChangePasswordForm>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_user()?.clone();
    ctx.check_csrf(form.csrf.as_deref())?;
    let ChangePasswordForm {
        current,
        password,
        confirm,
        ..
    } = form.into_inner();
    let again = |errors: Vec<String>| {
        account_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, false, false)
    };
    if password != confirm {
        return again(vec![ctx.t("error-password-mismatch")]);
    }
    let a = actor.clone();
    let origin = signing_in::Origin {
        client: client.0,
        max_client_failures: ctx.state.max_client_sign_in_failures,
    };
    match ctx
        .state
        .run(move |conn, clock| {
            password_links::change_password(conn, &a, clock, origin, &current, &password)
        })
        .await
    {
        Ok(token_version) => {
            // Other sessions and tokens are revoked; this one carries on.
            if let Some(current) = &ctx.web_session {
                ctx.sign_in(&WebSession {
                    token_version,
                    ..current.clone()
                })?;
            }
            account_page(&ctx, StatusCode::OK, Vec::new(), true, false)
        }
        Err(e) if e.code() == ErrorCode::WrongPassword => {
            again(vec![ctx.t("error-wrong-password")])
        }
        Err(e) if e.code() == ErrorCode::WeakPassword => again(vec![ctx.t("error-weak-password")]),
        Err(e) => Err(ctx.service_error(e)),
    }
}
