//! A page of a list as the API answers it: the items as the JSON array they
//! always were, and the next page's address in a `Link: <…>; rel="next"`
//! header (RFC 8288), which carries the same query with the page's cursor.

use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::service::paging::Page;

pub fn paged<T: Serialize>(req: &HttpRequest, page: Page<T>) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    if let Some(next) = &page.next {
        let cursor = next.encode();
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
            if k != "cursor" {
                query.append_pair(&k, &v);
            }
        }
        query.append_pair("cursor", &cursor);
        response.insert_header((
            actix_web::http::header::LINK,
            format!("<{}?{}>; rel=\"next\"", req.path(), query.finish()),
        ));
        response.insert_header(("X-Next-Cursor", cursor));
    }
    response.json(page.items)
}
