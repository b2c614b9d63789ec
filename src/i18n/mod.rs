//! The translation catalogue (Fluent), shared by emails and web pages. English
//! is the source; `locales/<lang>.ftl` holds each of the six ITU languages.

pub mod format;
pub mod names;

use std::collections::{BTreeSet, HashMap};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// One of the six official languages of ITU: of pages, emails and catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

impl Language {
    /// In ITU's order.
    pub const ALL: [Language; 6] = [
        Language::Ar,
        Language::Zh,
        Language::En,
        Language::Fr,
        Language::Ru,
        Language::Es,
    ];

    /// The ISO 639-1 code, as stored and in URLs.
    pub const fn code(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Zh => "zh",
            Language::En => "en",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::Es => "es",
        }
    }

    /// The language's name in itself, for the language switcher.
    pub const fn autonym(self) -> &'static str {
        match self {
            Language::Ar => "العربية",
            Language::Zh => "中文",
            Language::En => "English",
            Language::Fr => "Français",
            Language::Ru => "Русский",
            Language::Es => "Español",
        }
    }

    /// Exactly one of the six codes, lower case.
    pub fn parse(code: &str) -> Option<Language> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The codes of the six languages, in ITU's order.
pub const LANGUAGES: [&str; 6] = [
    Language::Ar.code(),
    Language::Zh.code(),
    Language::En.code(),
    Language::Fr.code(),
    Language::Ru.code(),
    Language::Es.code(),
];
pub const SOURCE_LANGUAGE: &str = Language::En.code();

const SOURCES: [(&str, &str); 6] = [
    ("ar", include_str!("../../locales/ar.ftl")),
    ("zh", include_str!("../../locales/zh.ftl")),
    ("en", include_str!("../../locales/en.ftl")),
    ("fr", include_str!("../../locales/fr.ftl")),
    ("ru", include_str!("../../locales/ru.ftl")),
    ("es", include_str!("../../locales/es.ftl")),
];

pub fn is_rtl(lang: &str) -> bool {
    lang == "ar"
}

/// Picks a supported language, falling back to English.
pub fn supported(lang: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|l| lang.eq_ignore_ascii_case(l))
        .copied()
        .unwrap_or(SOURCE_LANGUAGE)
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("locales/{lang}.ftl does not parse: {detail}")]
    Parse { lang: String, detail: String },
}

pub struct Catalogue {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
    keys: HashMap<&'static str, BTreeSet<String>>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("languages", &self.bundles.keys())
            .finish()
    }
}

impl Catalogue {
    /// The catalogue compiled into the binary.
    pub fn embedded() -> Result<Self, CatalogueError> {
        let mut bundles = HashMap::new();
        let mut keys = HashMap::new();
        for (lang, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
                CatalogueError::Parse {
                    lang: lang.into(),
                    detail: format!("{errors:?}"),
                }
            })?;
            let ids: BTreeSet<String> = resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            let langid: LanguageIdentifier = lang.parse().map_err(|_| CatalogueError::Parse {
                lang: lang.into(),
                detail: "bad language identifier".into(),
            })?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Directionality is handled by the HTML (dir, <bdi>), not by invisible marks.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| CatalogueError::Parse {
                    lang: lang.into(),
                    detail: format!("{errors:?}"),
                })?;
            bundles.insert(lang, bundle);
            keys.insert(lang, ids);
        }
        Ok(Catalogue { bundles, keys })
    }

    /// The message ids of one language.
    pub fn keys(&self, lang: &str) -> BTreeSet<String> {
        self.keys.get(supported(lang)).cloned().unwrap_or_default()
    }

    /// Formats a message; a key missing in `lang` falls back to English, and a
    /// key missing everywhere shows as the key itself (a test forbids both).
    pub fn text(&self, lang: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        for l in [supported(lang), SOURCE_LANGUAGE] {
            let Some(bundle) = self.bundles.get(l) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(lang = l, key, ?errors, "translation formatted with errors");
            }
            return text.into_owned();
        }
        tracing::warn!(lang, key, "missing translation");
        key.to_owned()
    }
}

/// Adds `t(key, name=value, …)` to a template environment: the message
/// `key` in the language of the template's `lang` variable. Shared by the
/// email templates and the web pages, so both speak from one catalogue.
pub fn install_translate(
    env: &mut minijinja::Environment<'static>,
    catalogue: std::sync::Arc<Catalogue>,
) {
    use minijinja::value::{Kwargs, Value, ValueKind};
    use minijinja::{Error, State};
    env.add_function(
        "t",
        move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, Error> {
            let lang = state
                .lookup("lang")
                .map(|v| v.to_string())
                .unwrap_or_else(|| SOURCE_LANGUAGE.into());
            let mut args: Vec<(String, FluentValue<'static>)> = Vec::new();
            for name in kwargs.args() {
                let v: Value = kwargs.get(name)?;
                let fv = match v.kind() {
                    ValueKind::Number => match i64::try_from(v.clone()) {
                        Ok(n) => FluentValue::from(n),
                        Err(_) => FluentValue::from(v.to_string()),
                    },
                    _ => FluentValue::from(v.to_string()),
                };
                args.push((name.to_owned(), fv));
            }
            kwargs.assert_all_used()?;
            let refs: Vec<(&str, FluentValue<'_>)> =
                args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            Ok(catalogue.text(&lang, key, &refs))
        },
    );
    // A Member State's name in the reader's language, by its ISO3 code.
    env.add_function("ms_name", |state: &State, iso3: &str| -> String {
        let lang = state
            .lookup("lang")
            .map(|v| v.to_string())
            .unwrap_or_else(|| SOURCE_LANGUAGE.into());
        names::name_of(&lang, iso3)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_exactly_the_keys_of_english() {
        let c = Catalogue::embedded().unwrap();
        let source = c.keys(SOURCE_LANGUAGE);
        assert!(source.len() > 40);
        for lang in LANGUAGES {
            let keys = c.keys(lang);
            let missing: Vec<_> = source.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&source).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        }
    }

    #[test]
    fn translations_are_not_english_copies() {
        let c = Catalogue::embedded().unwrap();
        // Names and codes may stay the same; sentences must not.
        let same_allowed = [
            "service-name",
            "time-geneva-utc",
            "time-dated",
            "label-no",
            "position-no",
            "label-position",
            "confirmation-source",
            // Only placeholders and punctuation, which several languages share.
            "meeting-date",
            "meeting-with-place",
            "change-of-draft",
            "remaining-join",
        ];
        // Words that are spelled the same in that language.
        let same_in: &[(&str, &str)] = &[
            ("fr", "label-actions"),
            ("fr", "nav-consultations"),
            ("fr", "tsb-consultations-title"),
            ("fr", "print-administration"),
            ("fr", "choice-no"),
            ("es", "choice-no"),
            ("fr", "decision-note"),
            ("fr", "remaining-minutes"),
            ("fr", "field-abstentions"),
        ];
        let mut copies = Vec::new();
        for lang in LANGUAGES.iter().filter(|l| **l != SOURCE_LANGUAGE) {
            for key in c.keys(SOURCE_LANGUAGE) {
                if same_allowed.contains(&key.as_str()) || same_in.contains(&(*lang, key.as_str()))
                {
                    continue;
                }
                let args = [
                    ("name", FluentValue::from("N")),
                    ("count", FluentValue::from(3)),
                    ("reference", FluentValue::from("R")),
                    ("member_state", FluentValue::from("M")),
                    ("study_group", FluentValue::from("S")),
                    ("revision", FluentValue::from(2)),
                    ("deadline", FluentValue::from("D")),
                    ("date", FluentValue::from("D")),
                    ("expires", FluentValue::from("E")),
                    ("role", FluentValue::from("X")),
                    ("local", FluentValue::from("L")),
                    ("zone", FluentValue::from("Z")),
                    ("offset", FluentValue::from("+2")),
                    ("utc", FluentValue::from("U")),
                    ("draft", FluentValue::from("X.1")),
                    ("answered", FluentValue::from(1)),
                    ("total", FluentValue::from(2)),
                    ("days", FluentValue::from(3)),
                    ("hours", FluentValue::from(4)),
                    ("minutes", FluentValue::from(5)),
                    ("n", FluentValue::from(1)),
                    ("format", FluentValue::from("CSV")),
                ];
                let en = c.text(SOURCE_LANGUAGE, &key, &args);
                if en == c.text(lang, &key, &args) {
                    copies.push(format!("{lang}:{key}"));
                }
            }
        }
        assert!(
            copies.is_empty(),
            "English text left untranslated: {copies:?}"
        );
    }

    /// The variables that hold a count of something.
    const COUNT_VARIABLES: [&str; 6] = ["count", "days", "hours", "minutes", "answered", "total"];
    /// Messages whose count stands alone as a value ("Replied (3)",
    /// "… replied: 3"), which no language inflects.
    const COUNT_AS_VALUE: [&str; 4] = [
        "summary-replied",
        "replied-heading",
        "not-replied-heading",
        "activity-intro",
    ];

    /// The count variables a pattern names, and the selectors on them with
    /// the categories their variants list.
    fn counts_in(
        pattern: &fluent_syntax::ast::Pattern<&str>,
        named: &mut BTreeSet<String>,
        selects: &mut Vec<(String, BTreeSet<String>)>,
    ) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement, VariantKey};
        fn inline(e: &InlineExpression<&str>, named: &mut BTreeSet<String>) {
            if let InlineExpression::VariableReference { id } = e {
                if COUNT_VARIABLES.contains(&id.name) {
                    named.insert(id.name.to_owned());
                }
            }
        }
        for element in &pattern.elements {
            let PatternElement::Placeable { expression } = element else {
                continue;
            };
            match expression {
                Expression::Inline(e) => inline(e, named),
                Expression::Select { selector, variants } => {
                    inline(selector, named);
                    if let InlineExpression::VariableReference { id } = selector {
                        if COUNT_VARIABLES.contains(&id.name) {
                            let keys = variants
                                .iter()
                                .map(|v| match &v.key {
                                    VariantKey::Identifier { name } => (*name).to_owned(),
                                    VariantKey::NumberLiteral { value } => (*value).to_owned(),
                                })
                                .collect();
                            selects.push((id.name.to_owned(), keys));
                        }
                    }
                    for v in variants {
                        counts_in(&v.value, named, selects);
                    }
                }
            }
        }
    }

    #[test]
    fn every_count_message_has_each_plural_category_of_its_language() {
        use icu_plurals::{PluralCategory, PluralRuleType, PluralRules};
        let mut faults = Vec::new();
        for (lang, source) in SOURCES {
            let locale: icu_locale_core::Locale = lang.parse().unwrap();
            let rules =
                PluralRules::try_new(locale.into(), PluralRuleType::Cardinal.into()).unwrap();
            let categories: BTreeSet<String> = rules
                .categories()
                .map(|c| {
                    match c {
                        PluralCategory::Zero => "zero",
                        PluralCategory::One => "one",
                        PluralCategory::Two => "two",
                        PluralCategory::Few => "few",
                        PluralCategory::Many => "many",
                        PluralCategory::Other => "other",
                    }
                    .to_owned()
                })
                .collect();
            let resource = fluent_syntax::parser::parse(source).unwrap();
            for entry in &resource.body {
                let fluent_syntax::ast::Entry::Message(m) = entry else {
                    continue;
                };
                let Some(value) = &m.value else { continue };
                let (mut named, mut selects) = (BTreeSet::new(), Vec::new());
                counts_in(value, &mut named, &mut selects);
                if named.is_empty() || COUNT_AS_VALUE.contains(&m.id.name) {
                    continue;
                }
                if selects.is_empty() && categories.len() > 1 {
                    faults.push(format!(
                        "{lang}:{} writes a count without a plural selector",
                        m.id.name
                    ));
                }
                for (variable, keys) in selects {
                    let missing: Vec<&String> = categories.difference(&keys).collect();
                    if !missing.is_empty() {
                        faults.push(format!(
                            "{lang}:{} (${variable}) lacks {missing:?}",
                            m.id.name
                        ));
                    }
                }
            }
        }
        assert!(
            faults.is_empty(),
            "plural categories missing:\n{}",
            faults.join("\n")
        );
    }

    #[test]
    fn plurals_follow_each_language() {
        let c = Catalogue::embedded().unwrap();
        let args = |n: i64| {
            vec![
                ("reference", FluentValue::from("TSB Circular 195")),
                ("study_group", FluentValue::from("SG17")),
                ("count", FluentValue::from(n)),
            ]
        };
        assert_eq!(
            c.text("en", "invitation-subject", &args(1)),
            "TSB Circular 195: consultation on one draft Recommendation of SG17"
        );
        assert_eq!(
            c.text("en", "invitation-subject", &args(8)),
            "TSB Circular 195: consultation on 8 draft Recommendations of SG17"
        );
        assert!(c
            .text("ru", "invitation-subject", &args(8))
            .contains("8 проектам"));
        assert!(c
            .text("ar", "invitation-subject", &args(2))
            .contains("مشروعَي"));
        let n = |name: &'static str, v: i64| vec![(name, FluentValue::from(v))];
        // The defects found when tried as a new user would.
        assert_eq!(c.text("ar", "remaining-hours", &n("hours", 3)), "3 ساعات");
        assert_eq!(c.text("ar", "remaining-hours", &n("hours", 11)), "11 ساعة");
        assert_eq!(c.text("ru", "remaining-days", &n("days", 5)), "5 дней");
        let answered = |lang: &str, a: i64, t: i64| {
            c.text(
                lang,
                "answered-count",
                &[
                    ("answered", FluentValue::from(a)),
                    ("total", FluentValue::from(t)),
                ],
            )
        };
        assert_eq!(answered("en", 0, 1), "0 of 1 draft answered");
        assert_eq!(answered("en", 2, 8), "2 of 8 drafts answered");
        assert_eq!(answered("fr", 1, 8), "1 projet sur 8 a une réponse");
    }

    #[test]
    fn unknown_languages_fall_back_to_english() {
        assert_eq!(supported("de"), "en");
        assert_eq!(supported("ZH"), "zh");
        assert!(is_rtl("ar") && !is_rtl("fr"));
    }
}
