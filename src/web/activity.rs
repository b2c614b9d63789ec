//! TSB's page of activity: the audit trail, whole or of one subject.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

use super::session::{PageCtx, PageError};
use crate::mail::time_label;
use crate::service::audit;

#[derive(Deserialize)]
pub struct ActivityQuery {
    subject: Option<String>,
}

/// Where the subject of a change can be seen.
fn subject_link(subject: &str) -> Option<String> {
    match audit::parse_subject(subject) {
        audit::Subject::Consultation(id) => Some(format!("/tsb/consultations/{id}")),
        audit::Subject::Reply { consultation, iso3 } => Some(format!(
            "/consultations/{consultation}/replies/{iso3}/history"
        )),
        audit::Subject::Other => None,
    }
}

#[get("/tsb/activity")]
pub async fn list_page(
    ctx: PageCtx,
    q: web::Query<ActivityQuery>,
) -> Result<HttpResponse, PageError> {
    const SHOWN: i64 = 500;
    let actor = ctx.require_tsb()?.clone();
    let subject = q.subject.clone().filter(|s| !s.trim().is_empty());
    let filter = subject.clone();
    let events = ctx
        .state
        .read(move |conn, _| audit::activity(conn, &actor, filter.as_deref(), SHOWN))
        .await
        .map_err(|e| ctx.service_error(e))?;
    let cat = ctx.catalogue();
    let rows: Vec<_> = events
        .iter()
        .map(|item| {
            let e = &item.event;
            minijinja::context! {
                e => e,
                item => item,
                when => time_label(cat, ctx.lang, e.at, false),
                link => subject_link(&e.subject),
            }
        })
        .collect();
    ctx.render(
        "tsb_activity.html",
        &minijinja::context! { events => rows, subject => subject, limit => SHOWN },
    )
}
