//! The verifiable log: its key, checkpoints and proofs, open to anyone (they
//! reveal no content), and its entries, for those they concern.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ErrorBody};
use super::extract::Authenticated;
use crate::error::ErrorCode;
use crate::service::log::{self, ConsistencyProof, InclusionProof};
use crate::service::ServiceError;
use crate::state::AppState;

const TEXT: &str = "text/plain; charset=utf-8";

/// The log's verifier key (C2SP signed-note: `name+hexid+base64(0x01 ‖ key)`).
#[utoipa::path(
    responses((status = 200, content_type = "text/plain", body = String)),
    tag = "log",
    operation_id = "log_key"
)]
#[get("/log/key")]
pub async fn verifier_key(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(TEXT)
        .body(format!("{}\n", state.log.verifier_key()))
}

/// The latest signed checkpoint (C2SP tlog-checkpoint in a signed note).
#[utoipa::path(
    responses(
        (status = 200, content_type = "text/plain", body = String),
        (status = 503, body = ErrorBody),
    ),
    tag = "log",
    operation_id = "log_checkpoint"
)]
#[get("/log/checkpoint")]
pub async fn checkpoint(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let signer = state.log.clone();
    let note = state
        .read(move |conn, _| log::checkpoint(conn, &signer))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(TEXT)
        .insert_header(("Cache-Control", "no-cache"))
        .body(note))
}

fn count(name: &str, value: Option<i64>) -> Result<u64, ServiceError> {
    let value = value.ok_or_else(|| {
        ServiceError::new(ErrorCode::InvalidLogIndex, format!("{name} is required"))
    })?;
    u64::try_from(value).map_err(|_| {
        ServiceError::new(
            ErrorCode::InvalidLogIndex,
            format!("{name} must be 0 or more"),
        )
    })
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct InclusionQuery {
    /// The entry, from 0.
    #[param(minimum = 0)]
    pub leaf_index: Option<i64>,
    /// The size of the tree (of a checkpoint) the entry is proven in.
    #[param(minimum = 1)]
    pub tree_size: Option<i64>,
}

/// RFC 9162 inclusion proof of an entry in the tree of a given size.
#[utoipa::path(
    params(InclusionQuery),
    responses(
        (status = 200, body = InclusionProof),
        (status = 400, body = ErrorBody),
        (status = 422, description = "invalid_log_index: the entry is not in a tree of that size, or the size is beyond the log", body = ErrorBody),
    ),
    tag = "log",
    operation_id = "log_inclusion_proof"
)]
#[get("/log/proof/inclusion")]
pub async fn inclusion(
    state: web::Data<AppState>,
    query: web::Query<InclusionQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let leaf_index = count("leaf_index", q.leaf_index)?;
    let tree_size = count("tree_size", q.tree_size)?;
    let proof = state
        .read(move |conn, _| log::inclusion(conn, leaf_index, tree_size))
        .await?;
    Ok(HttpResponse::Ok().json(proof))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ConsistencyQuery {
    /// The older tree's size (at least 1).
    #[param(minimum = 1)]
    pub from: Option<i64>,
    /// The newer tree's size.
    #[param(minimum = 1)]
    pub to: Option<i64>,
}

/// RFC 9162 consistency proof: the tree of `from` entries is a prefix of the tree of `to`.
#[utoipa::path(
    params(ConsistencyQuery),
    responses(
        (status = 200, body = ConsistencyProof),
        (status = 400, body = ErrorBody),
        (status = 422, description = "invalid_log_index: from is 0 or above to, or to is beyond the log", body = ErrorBody),
    ),
    tag = "log",
    operation_id = "log_consistency_proof"
)]
#[get("/log/proof/consistency")]
pub async fn consistency(
    state: web::Data<AppState>,
    query: web::Query<ConsistencyQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let from = count("from", q.from)?;
    let to = count("to", q.to)?;
    let proof = state
        .read(move |conn, _| log::consistency(conn, from, to))
        .await?;
    Ok(HttpResponse::Ok().json(proof))
}

/// An entry's exact bytes (RFC 8785 JSON): TSB, or the focal points of the
/// Member State it concerns (entries of consultations and decisions: anyone
/// signed in).
#[utoipa::path(
    params(("leaf_index" = i64, Path, minimum = 0, description = "the entry, from 0")),
    responses(
        (status = 200, content_type = "application/json", body = Object),
        (status = 401, body = ErrorBody),
        (status = 403, description = "other_member_state", body = ErrorBody),
        (status = 422, description = "invalid_log_index", body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "log",
    operation_id = "log_entry"
)]
#[get("/log/entries/{leaf_index}")]
pub async fn entry(
    state: web::Data<AppState>,
    who: Authenticated,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let leaf_index = path
        .into_inner()
        .parse::<i64>()
        .ok()
        .and_then(|n| u64::try_from(n).ok())
        .ok_or_else(|| {
            ServiceError::new(
                ErrorCode::InvalidLogIndex,
                "leaf_index must be a whole number, 0 or more",
            )
        })?;
    let bytes = state
        .read(move |conn, _| log::entry(conn, &who.0, leaf_index))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(bytes))
}

/// Every log entry about a consultation, in log order, as JSON lines (each
/// line an entry's exact bytes), for TSB to publish: with them anyone can
/// recompute the tally and check each entry's inclusion.
#[utoipa::path(
    params(("id" = String, Path, description = "consultation id")),
    responses(
        (status = 200, content_type = "application/x-ndjson", body = String),
        (status = 401, body = ErrorBody),
        (status = 403, description = "tsb_only", body = ErrorBody),
        (status = 404, body = ErrorBody),
    ),
    security(("bearer" = [])),
    tag = "log",
    operation_id = "consultation_log_entries"
)]
#[get("/consultations/{id}/log-entries")]
pub async fn consultation_entries(
    state: web::Data<AppState>,
    who: Authenticated,
    path: web::Path<crate::domain::ids::ConsultationId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let lines = state
        .read(move |conn, _| log::consultation_entries(conn, &who.0, id.as_str()))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/x-ndjson")
        .body(lines))
}
