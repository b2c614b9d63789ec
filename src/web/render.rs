//! Renders pages from `web-templates/` (compiled in), with text from the
//! catalogue shared with the emails.

use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::i18n::{self, Catalogue};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../web-templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "errors.html",
    "deadline.html",
    "tally.html",
    "cancelled.html",
    "decisions.html",
    "password_fields.html",
    "message.html",
    "sign_in.html",
    "set_password.html",
    "forgot_password.html",
    "change_password.html",
    "home.html",
    "reply_form.html",
    "reply_review.html",
    "reply_receipt.html",
    "reply_history.html",
    "reply_print.html",
    "withdraw.html",
    "tsb_consultations.html",
    "tsb_consultation_form.html",
    "tsb_consultation.html",
    "tsb_consultation_cancel.html",
    "tsb_consultation_certify.html",
    "tsb_decisions.html",
    "tsb_users.html",
    "tsb_user_deactivate.html",
    "tsb_user_edit.html",
    "tsb_emails.html",
    "tsb_activity.html",
    "verify.html",
);

pub struct Pages {
    env: Environment<'static>,
    catalogue: Arc<Catalogue>,
}

impl Pages {
    pub fn new(catalogue: Arc<Catalogue>) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_loader(|name| {
            Ok(TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| (*s).to_owned()))
        });
        i18n::install_translate(&mut env, catalogue.clone());
        Pages { env, catalogue }
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// Renders `name` with the common page context and the page's own.
    pub fn render<C: Serialize>(
        &self,
        name: &str,
        common: &Value,
        own: &C,
    ) -> Result<String, minijinja::Error> {
        let ctx = minijinja::context! { ..Value::from_serialize(own), ..common.clone() };
        self.env.get_template(name)?.render(ctx)
    }
}
