//! Renders emails from `email-templates/` (compiled in; an operator may
//! override any file from a folder), with text from the translation catalogue.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use super::outbox::DatedTime;
use crate::i18n::{self, Catalogue};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../email-templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = embedded!(
    "layouts/base.html",
    "layouts/base.txt",
    "layouts/tally_table.html",
    "reply_confirmation/subject.txt",
    "reply_confirmation/body.txt",
    "reply_confirmation/body.html",
    "invitation/subject.txt",
    "invitation/body.txt",
    "invitation/body.html",
    "reminder/subject.txt",
    "reminder/body.txt",
    "reminder/body.html",
    "closing_summary/subject.txt",
    "closing_summary/body.txt",
    "closing_summary/body.html",
    "change_notice/subject.txt",
    "change_notice/body.txt",
    "change_notice/body.html",
    "cancellation/subject.txt",
    "cancellation/body.txt",
    "cancellation/body.html",
    "certified_result/subject.txt",
    "certified_result/body.txt",
    "certified_result/body.html",
    "decision_notice/subject.txt",
    "decision_notice/body.txt",
    "decision_notice/body.html",
    "deferral_reminder/subject.txt",
    "deferral_reminder/body.txt",
    "deferral_reminder/body.html",
    "account_invitation/subject.txt",
    "account_invitation/body.txt",
    "account_invitation/body.html",
    "password_reset/subject.txt",
    "password_reset/body.txt",
    "password_reset/body.html",
);

/// The kinds of email, each a folder of `email-templates/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    ReplyConfirmation,
    Invitation,
    Reminder,
    ClosingSummary,
    AccountInvitation,
    PasswordReset,
    /// TSB changed a consultation: what changed, old → new.
    ChangeNotice,
    /// TSB cancelled a consultation.
    Cancellation,
    /// TSB certified the result to the study-group chairman.
    CertifiedResult,
    /// The meeting's decisions (9.6.1).
    DecisionNotice,
    /// To TSB: a deferral of a decision has ended (9.5.5).
    DeferralReminder,
}

impl EmailKind {
    pub const ALL: [EmailKind; 11] = [
        EmailKind::ReplyConfirmation,
        EmailKind::Invitation,
        EmailKind::Reminder,
        EmailKind::ClosingSummary,
        EmailKind::AccountInvitation,
        EmailKind::PasswordReset,
        EmailKind::ChangeNotice,
        EmailKind::Cancellation,
        EmailKind::CertifiedResult,
        EmailKind::DecisionNotice,
        EmailKind::DeferralReminder,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EmailKind::ReplyConfirmation => "reply_confirmation",
            EmailKind::Invitation => "invitation",
            EmailKind::Reminder => "reminder",
            EmailKind::ClosingSummary => "closing_summary",
            EmailKind::AccountInvitation => "account_invitation",
            EmailKind::PasswordReset => "password_reset",
            EmailKind::ChangeNotice => "change_notice",
            EmailKind::Cancellation => "cancellation",
            EmailKind::CertifiedResult => "certified_result",
            EmailKind::DecisionNotice => "decision_notice",
            EmailKind::DeferralReminder => "deferral_reminder",
        }
    }

    /// Order of delivery among due emails, lower first: a closing summary or
    /// a password link someone is waiting for goes ahead of a backlog of
    /// confirmations and invitations.
    pub fn priority(self) -> i32 {
        match self {
            EmailKind::ClosingSummary
            | EmailKind::CertifiedResult
            | EmailKind::AccountInvitation
            | EmailKind::PasswordReset => 0,
            EmailKind::Reminder
            | EmailKind::ChangeNotice
            | EmailKind::Cancellation
            | EmailKind::DecisionNotice
            | EmailKind::DeferralReminder => 1,
            EmailKind::ReplyConfirmation | EmailKind::Invitation => 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot render {kind} email: {detail}")]
pub struct RenderError {
    pub kind: &'static str,
    pub detail: String,
}

pub struct Renderer {
    env: Environment<'static>,
    catalogue: Arc<Catalogue>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Renderer { .. }")
    }
}

impl Renderer {
    /// `override_dir`: a folder laid out like `email-templates/`; a file found
    /// there replaces the compiled-in one.
    pub fn new(catalogue: Arc<Catalogue>, override_dir: Option<PathBuf>) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_loader(move |name| {
            if let Some(dir) = &override_dir {
                let path = dir.join(name);
                // Names come from our own template list and `extends`, never from users;
                // still, refuse anything that climbs out of the folder.
                if !name.contains("..") && path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        Error::new(
                            ErrorKind::InvalidOperation,
                            format!("{}: {e}", path.display()),
                        )
                    });
                }
            }
            Ok(TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| (*s).to_owned()))
        });
        i18n::install_translate(&mut env, catalogue.clone());
        Renderer { env, catalogue }
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    pub fn catalogue_arc(&self) -> Arc<Catalogue> {
        self.catalogue.clone()
    }

    /// Renders subject, text and HTML of one email in `lang`. The context gets
    /// `lang`, `dir` and `start` (the side text starts on) added.
    pub fn render<C: Serialize>(
        &self,
        kind: EmailKind,
        lang: &str,
        context: &C,
    ) -> Result<Rendered, RenderError> {
        let base = Value::from_serialize(context);
        let subject = self.subject_of(kind, lang, &base)?;
        let (text, html) = self.bodies_of(kind, lang, &subject, &base)?;
        Ok(Rendered {
            subject,
            text,
            html,
        })
    }

    /// The subject alone (one line, spaces collapsed), from a context
    /// stored as JSON when the email was promised (`mail::outbox`).
    pub fn subject_from_json(
        &self,
        kind: EmailKind,
        lang: &str,
        context: &str,
    ) -> Result<String, RenderError> {
        self.subject_of(kind, lang, &self.stored(kind, lang, context)?)
    }

    /// The text and HTML bodies, from a context stored as JSON when the email
    /// was promised (`mail::outbox`), under its subject.
    pub fn bodies_from_json(
        &self,
        kind: EmailKind,
        lang: &str,
        subject: &str,
        context: &str,
    ) -> Result<(String, String), RenderError> {
        self.bodies_of(kind, lang, subject, &self.stored(kind, lang, context)?)
    }

    /// A stored context as the templates see it: its `"times"` written out in
    /// `lang` as fields of their own (`mail::outbox::DatedTime`); a field the
    /// context already has (emails queued before times were deferred) stays.
    fn stored(&self, kind: EmailKind, lang: &str, context: &str) -> Result<Value, RenderError> {
        let mut value: serde_json::Value =
            serde_json::from_str(context).map_err(|e| RenderError {
                kind: kind.as_str(),
                detail: format!("its stored context is not JSON: {e}"),
            })?;
        if let serde_json::Value::Object(fields) = &mut value {
            if let Some(times) = fields.remove("times") {
                let times: BTreeMap<String, Option<DatedTime>> = serde_json::from_value(times)
                    .map_err(|e| RenderError {
                        kind: kind.as_str(),
                        detail: format!("its stored times are not instants: {e}"),
                    })?;
                let lang = i18n::supported(lang);
                for (name, time) in times {
                    let label = time.map(|t| t.label(&self.catalogue, lang));
                    fields.entry(name).or_insert(serde_json::json!(label));
                }
            }
        }
        Ok(Value::from_serialize(&value))
    }

    fn subject_of(&self, kind: EmailKind, lang: &str, base: &Value) -> Result<String, RenderError> {
        Ok(self
            .render_one(kind, lang, "subject.txt", "", base)?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "))
    }

    fn bodies_of(
        &self,
        kind: EmailKind,
        lang: &str,
        subject: &str,
        base: &Value,
    ) -> Result<(String, String), RenderError> {
        let text = self
            .render_one(kind, lang, "body.txt", subject, base)?
            .trim()
            .to_owned()
            + "\n";
        let html = self.render_one(kind, lang, "body.html", subject, base)?;
        Ok((text, html))
    }

    fn render_one(
        &self,
        kind: EmailKind,
        lang: &str,
        file: &str,
        subject: &str,
        base: &Value,
    ) -> Result<String, RenderError> {
        let lang = i18n::supported(lang);
        let rtl = i18n::is_rtl(lang);
        let err = |e: Error| RenderError {
            kind: kind.as_str(),
            detail: format!("{e:#}"),
        };
        let ctx = minijinja::context! {
            lang => lang,
            dir => if rtl { "rtl" } else { "ltr" },
            start => if rtl { "right" } else { "left" },
            subject => subject,
            ..base.clone()
        };
        let tmpl = self
            .env
            .get_template(&format!("{}/{file}", kind.as_str()))
            .map_err(err)?;
        tmpl.render(ctx).map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Ctx {
        recipient_name: &'static str,
        role: &'static str,
        link: &'static str,
        expires: &'static str,
    }

    const CTX: Ctx = Ctx {
        recipient_name: "Ada",
        role: "TSB staff",
        link: "https://x.test/set-password?token=t",
        expires: "soon",
    };

    #[test]
    fn every_email_is_text_and_html_in_the_readers_language() {
        let r = Renderer::new(Arc::new(Catalogue::embedded().unwrap()), None);
        let en = r.render(EmailKind::AccountInvitation, "en", &CTX).unwrap();
        assert_eq!(en.subject, "Your tapballot account");
        assert!(en.text.starts_with("Dear Ada,"));
        assert!(en.html.contains("<html lang=\"en\" dir=\"ltr\">"));
        let ar = r.render(EmailKind::AccountInvitation, "ar", &CTX).unwrap();
        assert!(ar.html.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(ar.text.contains("Ada"));
        // An unknown language falls back to English.
        assert_eq!(
            r.render(EmailKind::AccountInvitation, "de", &CTX).unwrap(),
            en
        );
    }

    #[test]
    fn an_operator_may_override_a_template_from_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("account_invitation")).unwrap();
        std::fs::write(
            dir.path().join("account_invitation/subject.txt"),
            "Welcome, {{ recipient_name }}",
        )
        .unwrap();
        let r = Renderer::new(
            Arc::new(Catalogue::embedded().unwrap()),
            Some(dir.path().to_owned()),
        );
        let out = r.render(EmailKind::AccountInvitation, "en", &CTX).unwrap();
        assert_eq!(out.subject, "Welcome, Ada");
        // Files not overridden come from the built-in set.
        assert!(out.text.starts_with("Dear Ada,"));
    }

    #[test]
    fn a_missing_context_value_is_an_error_not_a_blank() {
        #[derive(Serialize)]
        struct Partial {
            recipient_name: &'static str,
        }
        let r = Renderer::new(Arc::new(Catalogue::embedded().unwrap()), None);
        assert!(r
            .render(
                EmailKind::AccountInvitation,
                "en",
                &Partial {
                    recipient_name: "Ada"
                }
            )
            .is_err());
    }

    #[test]
    fn stored_times_are_written_out_in_the_readers_language_when_rendered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("reply_confirmation")).unwrap();
        std::fs::write(
            dir.path().join("reply_confirmation/subject.txt"),
            "{{ received }} | {{ entered }} | {{ deadline }}",
        )
        .unwrap();
        let catalogue = Arc::new(Catalogue::embedded().unwrap());
        let r = Renderer::new(catalogue.clone(), Some(dir.path().to_owned()));
        let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        let context = serde_json::json!({ "times": {
            "received": { "at": "2024-08-21T09:30:00Z", "seconds": false },
            "entered": null,
            "deadline": { "at": "2024-08-21T21:59:59Z", "seconds": true },
        }})
        .to_string();
        let label =
            |lang, t, seconds| crate::mail::dated_time_label(&catalogue, lang, at(t), seconds);
        for lang in ["en", "fr", "zh"] {
            assert_eq!(
                r.subject_from_json(EmailKind::ReplyConfirmation, lang, &context)
                    .unwrap(),
                format!(
                    "{} | None | {}",
                    label(lang, "2024-08-21T09:30:00Z", false),
                    label(lang, "2024-08-21T21:59:59Z", true)
                )
            );
        }
        assert!(r
            .subject_from_json(EmailKind::ReplyConfirmation, "fr", &context)
            .unwrap()
            .contains("août"));
        // A context that carries its labels (queued before times were
        // deferred) keeps them.
        let carried = serde_json::json!({
            "received": "then", "entered": null, "deadline": "later",
            "times": { "received": { "at": "2024-08-21T09:30:00Z", "seconds": false } },
        })
        .to_string();
        assert_eq!(
            r.subject_from_json(EmailKind::ReplyConfirmation, "en", &carried)
                .unwrap(),
            "then | None | later"
        );
        // Times that are not instants are an error, not a blank.
        let broken = serde_json::json!({ "times": { "received": { "at": "soon" } } }).to_string();
        assert!(r
            .subject_from_json(EmailKind::ReplyConfirmation, "en", &broken)
            .is_err());
    }
}
