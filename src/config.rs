//! Settings, from the command line and the environment (see `tapballot serve --help`).

use std::time::Duration;

use secrecy::SecretString;

use crate::mail::MailSettings;

#[derive(Debug, Clone)]
pub struct Settings {
    /// `sqlite://PATH` or `postgres://...`.
    pub database_url: String,
    /// Address to listen on; port 0 picks a free port (tests).
    pub bind: String,
    /// HS256 secret for API tokens; when None, one is generated once and kept
    /// in the database so that several instances agree.
    pub jwt_secret: Option<SecretString>,
    /// How long an API token stays valid.
    pub token_ttl: Duration,
    /// Connections in the database pool.
    pub pool_size: u32,
    pub mail: MailSettings,
    /// Run the mail worker inside this process.
    pub run_worker: bool,
}

impl Settings {
    pub fn new(database_url: impl Into<String>) -> Self {
        Settings {
            database_url: database_url.into(),
            bind: "127.0.0.1:8080".into(),
            jwt_secret: None,
            token_ttl: Duration::from_secs(3600),
            pool_size: 8,
            mail: MailSettings::default(),
            run_worker: true,
        }
    }
}
