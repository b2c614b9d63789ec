//! TSB's page of emails: delivery status, and sending a failed one again.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::forms::{see_other, tsb_form, Fields};
use super::session::{PageCtx, PageError};
use crate::domain::ids::EmailId;
use crate::mail::time_label;
use crate::service::emails::{self, EmailFilter, EmailStatus};

#[derive(Deserialize)]
pub struct EmailsQuery {
    status: Option<String>,
}

#[get("/tsb/emails")]
pub async fn list_page(
    ctx: PageCtx,
    q: web::Query<EmailsQuery>,
) -> Result<HttpResponse, PageError> {
    let actor = ctx.require_tsb()?.clone();
    // An unknown status shows every email, with no filter selected.
    let status = q.status.as_deref().and_then(EmailStatus::parse);
    let filter = EmailFilter {
        status: status.map(|s| s.as_str().to_owned()),
        ..EmailFilter::default()
    };
    let mail = ctx.state.mail.clone();
    let list = ctx
        .state
        .read(move |conn, _| {
            emails::list(conn, &mail, &actor, &filter, Some(500), None).map(|p| p.items)
        })
        .await
        .map_err(|e| ctx.service_error(e))?;
    let cat = ctx.catalogue();
    let stamp = |at: DateTime<Utc>| time_label(cat, ctx.lang, at, false);
    let rows: Vec<_> = list
        .iter()
        .map(|e| {
            minijinja::context! {
                e => e,
                created => stamp(e.created_at),
                sent => e.sent_at.map(stamp),
                next_attempt => e.next_attempt_at.filter(|_| e.status == EmailStatus::Failing).map(stamp),
            }
        })
        .collect();
    ctx.render(
        "tsb_emails.html",
        &minijinja::context! { emails => rows, status => status },
    )
}

#[post("/tsb/emails/{id}/retry")]
pub async fn retry(
    ctx: PageCtx,
    id: web::Path<EmailId>,
    form: Fields,
) -> Result<HttpResponse, PageError> {
    let (actor, _) = tsb_form(&ctx, form)?;
    let id = id.into_inner();
    let mail = ctx.state.mail.clone();
    ctx.state
        .write(move |conn, clock| emails::retry(conn, &mail, &actor, clock, &id))
        .await
        .map_err(|e| ctx.service_error(e))?;
    Ok(see_other("/tsb/emails"))
}
