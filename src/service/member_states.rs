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
}

impl From<MemberState> for MemberStateView {
    fn from(m: MemberState) -> Self {
        MemberStateView {
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
