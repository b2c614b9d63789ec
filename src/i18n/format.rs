//! Dates and numbers written the way each language writes them, from the
//! Unicode CLDR data compiled into ICU4X: "21 August 2024", "21 août 2024",
//! "2024年8月21日", "21 أغسطس 2024"
//! (CLDR writes Arabic with Latin digits, as the rest of the service does).
//!
//! Official instants keep the exact form of `mail::time_label` (ISO date,
//! 24-hour clock, Geneva and UTC) beside these, so that pages, emails, API and
//! exports state the same instant the same way.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date;
use icu_datetime::DateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;

use super::{supported, LANGUAGES, SOURCE_LANGUAGE};

struct Formatters {
    long_date: DateTimeFormatter<YMD>,
    decimal: DecimalFormatter,
}

/// One set per language, built on first use from the compiled-in data.
static FORMATTERS: LazyLock<HashMap<&'static str, Formatters>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .filter_map(|lang| {
            // ITU writes English dates the British way: "21 August 2024".
            let tag = if *lang == "en" { "en-GB" } else { lang };
            let locale: Locale = tag.parse().ok()?;
            let long_date = DateTimeFormatter::try_new(locale.clone().into(), YMD::long()).ok()?;
            let decimal = DecimalFormatter::try_new(locale.into(), Default::default()).ok()?;
            Some((*lang, Formatters { long_date, decimal }))
        })
        .collect()
});

fn formatters(lang: &str) -> Option<&'static Formatters> {
    FORMATTERS
        .get(supported(lang))
        .or_else(|| FORMATTERS.get(SOURCE_LANGUAGE))
}

/// The calendar date as the language writes it in full. No weekday: the date
/// follows prepositions ("до 21 августа 2024 г.", "jusqu'au 21 août 2024"),
/// where a weekday would need another grammatical case.
pub fn long_date(lang: &str, date: NaiveDate) -> String {
    let month = u8::try_from(date.month()).unwrap_or(1);
    let day = u8::try_from(date.day()).unwrap_or(1);
    match (formatters(lang), Date::try_new_iso(date.year(), month, day)) {
        (Some(f), Ok(d)) => f.long_date.format(&d).to_string(),
        // Only if the compiled data were missing: the ISO date is still right.
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

/// A whole number with the language's digits and grouping.
pub fn integer(lang: &str, n: i64) -> String {
    match formatters(lang) {
        Some(f) => f.decimal.format(&Decimal::from(n)).to_string(),
        None => n.to_string(),
    }
}

/// A whole percentage, with the sign placed and spaced as the language does
/// (CLDR's percent patterns for these six languages: "70%", "70 %", "70 %").
pub fn percent(lang: &str, n: i64) -> String {
    let number = integer(lang, n);
    match supported(lang) {
        // Narrow no-break space in French, no-break space in Spanish and Russian.
        "fr" => format!("{number}\u{202f}%"),
        "es" | "ru" => format!("{number}\u{a0}%"),
        // Arabic keeps Latin digits and the sign on their right, isolated from
        // the surrounding right-to-left text.
        "ar" => format!("\u{200e}{number}%\u{200e}"),
        _ => format!("{number}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wednesday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 8, 21).unwrap()
    }

    #[test]
    fn long_dates_follow_each_language() {
        assert_eq!(long_date("en", wednesday()), "21 August 2024");
        assert_eq!(long_date("fr", wednesday()), "21 août 2024");
        assert_eq!(long_date("es", wednesday()), "21 de agosto de 2024");
        assert_eq!(long_date("ru", wednesday()), "21 августа 2024\u{202f}г.");
        assert_eq!(long_date("zh", wednesday()), "2024年8月21日");
        assert_eq!(long_date("ar", wednesday()), "21 أغسطس 2024");
    }

    #[test]
    fn unknown_languages_write_dates_in_english() {
        assert_eq!(long_date("xx", wednesday()), long_date("en", wednesday()));
    }

    #[test]
    fn numbers_use_each_languages_digits_and_grouping() {
        assert_eq!(integer("en", 193), "193");
        assert_eq!(integer("en", 12_345), "12,345");
        assert_eq!(integer("fr", 12_345), "12\u{202f}345");
        assert_eq!(integer("ar", 193), "193");
        assert_eq!(integer("zh", 70), "70");
        assert_eq!(integer("ru", 0), "0");
    }

    #[test]
    fn percentages_place_the_sign_as_each_language_does() {
        assert_eq!(percent("en", 70), "70%");
        assert_eq!(percent("zh", 70), "70%");
        assert_eq!(percent("fr", 70), "70\u{202f}%");
        assert_eq!(percent("es", 70), "70\u{a0}%");
        assert_eq!(percent("ru", 100), "100\u{a0}%");
        assert_eq!(percent("ar", 5), "\u{200e}5%\u{200e}");
    }
}
