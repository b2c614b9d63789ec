//! Member State names in the six languages and the reader's sort order.
//! English is ITU's short name as stored (`data/itu-member-states.csv`);
//! the other languages come from CLDR (ICU4X display names, compiled in),
//! except where `data/member-state-names.csv` gives ITU's official short
//! name instead.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_experimental::displaynames::multi::RegionDisplayNames;
use icu_experimental::displaynames::DisplayNamesOptions;
use icu_locale_core::subtags::Region;

use super::{Language, SOURCE_LANGUAGE};

const OVERRIDES: &str = include_str!("../../data/member-state-names.csv");
const MEMBER_STATES: &str = include_str!("../../data/itu-member-states.csv");

struct Names {
    regions: HashMap<&'static str, RegionDisplayNames>,
    collators: HashMap<&'static str, CollatorBorrowed<'static>>,
    overrides: HashMap<(String, String), String>,
    /// ISO3 → (ISO2, English name), from the Member States list.
    states: HashMap<String, (String, String)>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut regions = HashMap::new();
    let mut collators = HashMap::new();
    for l in Language::ALL {
        let code = l.code();
        let Ok(locale) = code.parse::<icu_locale_core::Locale>() else {
            continue;
        };
        if let Ok(r) =
            RegionDisplayNames::try_new(locale.clone().into(), DisplayNamesOptions::default())
        {
            regions.insert(code, r);
        }
        if let Ok(c) = Collator::try_new(locale.into(), CollatorOptions::default()) {
            collators.insert(code, c);
        }
    }
    let overrides = csv::Reader::from_reader(OVERRIDES.as_bytes())
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            Some((
                (r.get(0)?.to_owned(), r.get(1)?.to_owned()),
                r.get(2)?.trim().to_owned(),
            ))
        })
        .collect();
    // Names with commas are quoted: read as CSV.
    let states = csv::Reader::from_reader(MEMBER_STATES.as_bytes())
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            Some((
                r.get(0)?.to_owned(),
                (r.get(1)?.to_owned(), r.get(2)?.to_owned()),
            ))
        })
        .collect();
    Names {
        regions,
        collators,
        overrides,
        states,
    }
});

/// The name of a Member State in `lang`: ITU's override, else CLDR's, else
/// the English name (also for English itself).
pub fn member_state_name(lang: &str, iso3: &str, iso2: &str, english: &str) -> String {
    if lang == SOURCE_LANGUAGE {
        return english.to_owned();
    }
    let names = &*NAMES;
    if let Some(name) = names.overrides.get(&(iso3.to_owned(), lang.to_owned())) {
        return name.clone();
    }
    iso2.parse::<Region>()
        .ok()
        .and_then(|r| names.regions.get(lang)?.of(r))
        .map(str::to_owned)
        .unwrap_or_else(|| english.to_owned())
}

/// The name of the Member State with this ISO3 code in `lang` (the code
/// itself if ITU has no such Member State).
pub fn name_of(lang: &str, iso3: &str) -> String {
    match NAMES.states.get(iso3) {
        Some((iso2, english)) => member_state_name(lang, iso3, iso2, english),
        None => iso3.to_owned(),
    }
}

/// Compares two names as the reader's language sorts them.
pub fn compare(lang: &str, a: &str, b: &str) -> Ordering {
    match NAMES.collators.get(lang) {
        Some(c) => c.compare(a, b),
        None => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_in_each_language_with_itus_own_where_they_differ() {
        assert_eq!(
            member_state_name("fr", "CHE", "CH", "Switzerland"),
            "Suisse"
        );
        assert_eq!(member_state_name("ar", "EGY", "EG", "Egypt"), "مصر");
        assert_eq!(member_state_name("zh", "CHN", "CN", "China"), "中国");
        assert_eq!(
            member_state_name("en", "CHE", "CH", "Switzerland"),
            "Switzerland"
        );
        assert_eq!(name_of("es", "DEU"), "Alemania");
        assert_eq!(name_of("en", "DEU"), "Germany");
        assert_eq!(name_of("en", "BOL"), "Bolivia, Plurinational State of");
        assert_eq!(
            member_state_name("ru", "RUS", "RU", "Russian Federation"),
            "Российская Федерация"
        );
        // The UN's official short names, not CLDR's everyday ones.
        assert_eq!(name_of("zh", "KOR"), "大韩民国");
        assert_eq!(
            name_of("fr", "PRK"),
            "République populaire démocratique de Corée"
        );
        assert_eq!(name_of("ru", "COD"), "Демократическая Республика Конго");
        assert_eq!(name_of("ar", "CIV"), "كوت ديفوار");
    }

    #[test]
    fn every_override_names_a_member_state_in_a_language_of_the_service() {
        for ((iso3, lang), name) in &NAMES.overrides {
            assert!(
                NAMES.states.contains_key(iso3),
                "{iso3} is not a Member State"
            );
            assert!(
                crate::i18n::LANGUAGES.contains(&lang.as_str()),
                "{iso3}: {lang}"
            );
            assert!(
                lang != SOURCE_LANGUAGE,
                "{iso3}: English comes from ITU's list"
            );
            assert!(
                !name.trim().is_empty() && name.trim() == name,
                "{iso3} {lang}: {name:?}"
            );
        }
    }

    #[test]
    fn lists_sort_as_the_reader_reads() {
        let mut v = vec!["Égypte", "Allemagne", "États-Unis", "Afrique du Sud"];
        v.sort_by(|a, b| compare("fr", a, b));
        assert_eq!(v, ["Afrique du Sud", "Allemagne", "Égypte", "États-Unis"]);
    }
}
