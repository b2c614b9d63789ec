#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Integration suite: the REST API against a real SQLite file and a real
//! PostgreSQL database, every scenario on both.

mod after_cutoff;
mod helpers;
mod languages;
mod layers;
mod lifecycle;
mod log;
mod query_plans;
mod read_models;

mod api_shape;
mod audit;
mod auth;
mod backup;
mod comments;
mod concurrency;
mod consultations;
mod cutoff;
mod decisions;
mod durability;
mod export;
mod faults;
mod https;
mod mail;
mod misc;
mod observability;
mod pages;
mod replies;
mod roles;
mod smtp;
mod snapshots;
mod tally;
mod users_admin;
