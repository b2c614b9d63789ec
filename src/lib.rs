//! tapballot: the TAP consultations of ITU-T.
//!
//! `domain` holds the pure rules; `service` the use cases; `store` the
//! database; `api` the REST API. See `docs/architecture.md`.

pub mod api;
pub mod auth;
pub mod client_address;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod i18n;
pub mod mail;
pub mod request_id;
pub mod service;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod tlog;
pub mod web;
pub mod writer;
