//! "Verify a receipt": anyone, signed in or not, pastes or chooses a
//! receipt file and sees each check of `service::log::check_receipt` in
//! their language.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;

use super::session::{PageCtx, PageError};
use crate::service::log::{self, ReceiptCheck};

/// Largest receipt accepted (a receipt is a few kilobytes).
const MAX_RECEIPT_BYTES: usize = 256 * 1024;

fn label(name: &str) -> &'static str {
    match name {
        "leaf hash" => "verify-check-leaf",
        "checkpoint signature" => "verify-check-signature",
        "inclusion proof" => "verify-check-inclusion",
        _ => "verify-check-log",
    }
}

fn page(
    ctx: &PageCtx,
    result: Option<&ReceiptCheck>,
    receipt: &str,
    key: &str,
) -> Result<HttpResponse, PageError> {
    let checks: Vec<minijinja::Value> = result
        .map(|r| {
            r.checks
                .iter()
                .map(|(name, ok)| minijinja::context! { label => ctx.t(label(name)), ok => *ok })
                .collect()
        })
        .unwrap_or_default();
    ctx.render(
        "verify.html",
        &minijinja::context! {
            result => result,
            checks => checks,
            receipt => receipt,
            key => key,
            service_key => ctx.state.log.verifier_key(),
        },
    )
}

#[get("/verify")]
pub async fn verify_page(ctx: PageCtx) -> Result<HttpResponse, PageError> {
    page(&ctx, None, "", "")
}

#[derive(Deserialize)]
pub struct VerifyForm {
    csrf: Option<String>,
    receipt: String,
    key: Option<String>,
}

#[post("/verify")]
pub async fn verify(ctx: PageCtx, form: web::Form<VerifyForm>) -> Result<HttpResponse, PageError> {
    ctx.check_csrf(form.csrf.as_deref())?;
    let VerifyForm { receipt, key, .. } = form.into_inner();
    let key = key.unwrap_or_default();
    if receipt.len() > MAX_RECEIPT_BYTES {
        return Err(ctx.error(
            actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
            "error-too-large",
        ));
    }
    let (text, asked, signer) = (receipt.clone(), key.clone(), ctx.state.log.clone());
    let result = ctx
        .state
        .read(move |conn, _| log::check_receipt(conn, &signer, &text, Some(&asked)))
        .await
        .map_err(|e| ctx.service_error(e))?;
    page(&ctx, Some(&result), &receipt, &key)
}
