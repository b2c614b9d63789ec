//! Settings, from the command line and the environment (see `tapballot serve --help`).

use std::time::Duration;

use secrecy::SecretString;

use crate::mail::MailSettings;

/// Failed sign-ins allowed per client address in 15 minutes, whatever the
/// accounts tried: higher than per account (ten), as the staff of one
/// administration, or of TSB, may sign in from one address.
pub const DEFAULT_MAX_CLIENT_SIGN_IN_FAILURES: i64 = 50;

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
    /// The verifiable log's origin (`TAPBALLOT_LOG_ORIGIN`); None: the
    /// public URL's host + "/log", when the log starts.
    pub log_origin: Option<String>,
    /// The log's signer key (from `TAPBALLOT_LOG_KEY_FILE`); None: one
    /// generated once and kept in the database.
    pub log_key: Option<SecretString>,
    /// Where `/metrics` is served (`TAPBALLOT_METRICS_BIND`); None: nowhere.
    pub metrics_bind: Option<String>,
    /// Reverse proxies whose X-Forwarded-For names the client
    /// (`TAPBALLOT_TRUSTED_PROXIES`).
    pub trusted_proxies: crate::client_address::TrustedProxies,
    /// Failed sign-ins allowed per client address in the throttle's window.
    pub max_client_sign_in_failures: i64,
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
            log_origin: None,
            log_key: None,
            metrics_bind: None,
            trusted_proxies: Default::default(),
            max_client_sign_in_failures: DEFAULT_MAX_CLIENT_SIGN_IN_FAILURES,
        }
    }
}

/// Reads a secret kept in a file (systemd credentials, a Docker or Kubernetes
/// secret): its first line, without the line break. The error names the
/// file, never its content.
pub fn read_secret_file(path: &std::path::Path) -> anyhow::Result<SecretString> {
    use anyhow::Context;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the secret file {}", path.display()))?;
    let secret = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if secret.is_empty() {
        anyhow::bail!("the secret file {} is empty", path.display());
    }
    Ok(SecretString::from(secret.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn a_secret_file_gives_its_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jwt-secret");
        std::fs::write(&path, "a secret of at least thirty-two chars\n").unwrap();
        assert_eq!(
            read_secret_file(&path).unwrap().expose_secret(),
            "a secret of at least thirty-two chars"
        );
        std::fs::write(&path, "\n").unwrap();
        let empty = read_secret_file(&path).unwrap_err().to_string();
        assert!(empty.contains("is empty"), "{empty}");
        let missing = read_secret_file(&dir.path().join("nope")).unwrap_err();
        assert!(format!("{missing:#}").contains("cannot read the secret file"));
    }
}
