//! Where emails go: an SMTP server (lettre), or `.eml` files in a folder when
//! no server is configured (the embedded default and the demo).

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{Message, SmtpTransport, Transport as _};
use secrecy::ExposeSecret;

use super::MailSettings;
use crate::store::emails::EmailRow;

#[derive(Debug)]
pub struct SendFailure {
    /// The server refused for good (5xx) or the message cannot be built.
    pub permanent: bool,
    pub message: String,
}

pub enum Transport {
    Smtp(Box<SmtpTransport>),
    Files(PathBuf),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::Files(p) => write!(f, "Transport::Files({})", p.display()),
        }
    }
}

/// `smtp://user:pass@host:587` uses STARTTLS (credentials never go in clear),
/// `smtps://` implicit TLS, and `smtp://host:port` without credentials plain
/// SMTP to a local relay. `?tls=required|opportunistic|none` overrides.
fn lettre_url(raw: &str) -> Result<String, String> {
    let mut url = url::Url::parse(raw).map_err(|_| "TAPBALLOT_SMTP_URL is not a URL".to_owned())?;
    let tls = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let rest: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "tls")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let tls = match (url.scheme(), tls.as_deref()) {
        ("smtp", None) if !url.username().is_empty() => Some("required".to_owned()),
        ("smtp", Some("none")) => None,
        (_, t) => t.map(str::to_owned),
    };
    url.set_query(None);
    if tls.is_some() || !rest.is_empty() {
        let mut q = url.query_pairs_mut();
        for (k, v) in &rest {
            q.append_pair(k, v);
        }
        if let Some(t) = &tls {
            q.append_pair("tls", t);
        }
    }
    Ok(url.to_string())
}

impl Transport {
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Self> {
        match &settings.smtp_url {
            Some(url) => {
                let url = lettre_url(url.expose_secret()).map_err(|e| anyhow::anyhow!(e))?;
                // lettre's own error text may include the URL, so it is not shown.
                let transport = SmtpTransport::from_url(&url)
                    .map_err(|_| anyhow::anyhow!("TAPBALLOT_SMTP_URL is not usable: expected smtp://[user:pass@]host[:port] or smtps://…"))?
                    .timeout(Some(Duration::from_secs(30)))
                    // One open connection per send in flight, reused.
                    .pool_config(
                        PoolConfig::new()
                            .max_size(u32::try_from(settings.send_concurrency.max(1)).unwrap_or(8)),
                    )
                    .build();
                Ok(Transport::Smtp(Box::new(transport)))
            }
            None => {
                std::fs::create_dir_all(&settings.mail_dir)?;
                Ok(Transport::Files(settings.mail_dir.clone()))
            }
        }
    }

    /// Sends one email; returns the server's answer (or where the file went).
    pub fn send(
        &self,
        from: &str,
        email: &EmailRow,
        attachments: &[super::outbox::Attachment],
    ) -> Result<String, SendFailure> {
        let message = build_message(from, email, attachments)?;
        match self {
            Transport::Smtp(smtp) => match smtp.send(&message) {
                Ok(response) => Ok(format!(
                    "{} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                )),
                Err(e) => Err(SendFailure {
                    permanent: e.is_permanent(),
                    message: e.to_string(),
                }),
            },
            Transport::Files(dir) => {
                // Named by the email's id, written whole then renamed: a retry
                // overwrites the same file instead of adding a duplicate.
                let path = dir.join(format!("{}.eml", email.id));
                let tmp = dir.join(format!(".{}.eml.tmp", email.id));
                let write = || -> std::io::Result<()> {
                    std::fs::create_dir_all(dir)?;
                    std::fs::write(&tmp, message.formatted())?;
                    std::fs::rename(&tmp, &path)
                };
                write().map_err(|e| SendFailure {
                    permanent: false,
                    message: format!("cannot write {}: {e}", path.display()),
                })?;
                Ok(format!("written to {}", path.display()))
            }
        }
    }
}

fn build_message(
    from: &str,
    email: &EmailRow,
    attachments: &[super::outbox::Attachment],
) -> Result<Message, SendFailure> {
    let permanent = |message: String| SendFailure {
        permanent: true,
        message,
    };
    let from: Mailbox = from
        .parse()
        .map_err(|e| permanent(format!("bad From address: {e}")))?;
    let to: Mailbox = email
        .recipient
        .parse()
        .map_err(|e| permanent(format!("bad recipient address: {e}")))?;
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(email.body_text.clone()))
        .singlepart(SinglePart::html(email.body_html.clone()));
    let mut files = Vec::new();
    if let Some(ics) = &email.ics {
        files.push(
            Attachment::new("deadline.ics".into()).body(
                ics.clone(),
                ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                    .map_err(|e| permanent(e.to_string()))?,
            ),
        );
    }
    for a in attachments {
        files.push(Attachment::new(a.name.clone()).body(
            a.body.clone(),
            ContentType::parse(&a.content_type).map_err(|e| permanent(e.to_string()))?,
        ));
    }
    let body = if files.is_empty() {
        alternative
    } else {
        files
            .into_iter()
            .fold(MultiPart::mixed().multipart(alternative), |m, f| {
                m.singlepart(f)
            })
    };
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(email.message_id.clone()));
    builder = builder.raw_header(HeaderValue::new(
        HeaderName::new_from_ascii_str("Content-Language"),
        email.language.clone(),
    ));
    builder = builder.raw_header(HeaderValue::new(
        HeaderName::new_from_ascii_str("Auto-Submitted"),
        "auto-generated".into(),
    ));
    builder
        .multipart(body)
        .map_err(|e| permanent(format!("cannot build the message: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_imply_starttls_and_local_relays_stay_plain() {
        assert_eq!(
            lettre_url("smtp://u:p@mail.example:587").unwrap(),
            "smtp://u:p@mail.example:587?tls=required"
        );
        assert_eq!(
            lettre_url("smtp://127.0.0.1:2525").unwrap(),
            "smtp://127.0.0.1:2525"
        );
        assert_eq!(
            lettre_url("smtp://u:p@relay:25?tls=none").unwrap(),
            "smtp://u:p@relay:25"
        );
        assert_eq!(
            lettre_url("smtps://u:p@mail.example").unwrap(),
            "smtps://u:p@mail.example"
        );
        assert_eq!(
            lettre_url("smtp://relay?tls=opportunistic").unwrap(),
            "smtp://relay?tls=opportunistic"
        );
    }
}
