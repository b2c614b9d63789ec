//! The 193 ITU Member States that may reply.

use serde::Serialize;
use utoipa::ToSchema;

use super::ServiceResult;
use crate::store::models::MemberState;
use crate::store::{self, DbConnection};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = MemberState)]
pub struct MemberStateView {
    /// ISO 3166-1 alpha-3, the key used in paths.
    pub iso3: String,
    pub iso2: String,
    /// ISO 3166-1 English short name.
    pub name: String,
    /// The short name ITU uses in its statistics (best effort).
    pub itu_name: String,
    /// The name in each of the six languages (ar, zh, en, fr, ru, es): the
    /// English as above, the others from CLDR or ITU's own where it differs.
    pub names: std::collections::BTreeMap<String, String>,
}

impl From<MemberState> for MemberStateView {
    fn from(m: MemberState) -> Self {
        let names = crate::i18n::Language::ALL
            .iter()
            .map(|l| {
                let code = l.code();
                (
                    code.to_owned(),
                    crate::i18n::names::member_state_name(code, &m.iso3, &m.iso2, &m.name_en),
                )
            })
            .collect();
        MemberStateView {
            names,
            iso3: m.iso3,
            iso2: m.iso2,
            name: m.name_en,
            itu_name: m.itu_name_en,
        }
    }
}

/// Every Member State, by ISO3 code; anyone may read the list.
pub fn list(conn: &mut DbConnection) -> ServiceResult<Vec<MemberStateView>> {
    Ok(store::member_states::all(conn)?
        .into_iter()
        .map(MemberStateView::from)
        .collect())
}

impl MemberStateView {
    /// The name in the reader's language.
    pub fn name_in(&self, lang: &str) -> &str {
        self.names
            .get(lang)
            .map(String::as_str)
            .unwrap_or(&self.name)
    }
}

/// Sorts Member States by their names as the reader's language sorts them.
pub fn sort_for(states: &mut [MemberStateView], lang: &str) {
    states.sort_by(|a, b| crate::i18n::names::compare(lang, a.name_in(lang), b.name_in(lang)));
}
