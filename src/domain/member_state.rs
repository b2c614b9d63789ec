//! Member States as they are named in paths, forms and rows.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// An ISO 3166-1 alpha-3 code as written by a client, normalised: "che",
/// " CHE " and "CHE" are the same Member State. Whether ITU has such a
/// Member State is for the store to say.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Iso3(String);

impl Iso3 {
    pub fn normalize(code: &str) -> Self {
        Iso3(code.trim().to_ascii_uppercase())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Iso3 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Iso3::normalize(&String::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_case_insensitively_and_trimmed() {
        assert_eq!(Iso3::normalize(" che "), Iso3::normalize("CHE"));
        assert_eq!(Iso3::normalize("che").as_str(), "CHE");
        let parsed: Iso3 = serde_json::from_str("\"fra\"").unwrap();
        assert_eq!(parsed.as_str(), "FRA");
    }
}
