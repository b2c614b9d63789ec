use diesel::prelude::*;

use super::models::MemberState;
use super::schema::member_states;
use super::DbConnection;

/// The 193 ITU Member States of August 2024 (see `data/README.md`).
const MEMBER_STATES_CSV: &str = include_str!("../../data/itu-member-states.csv");

/// Inserts any Member State that the database lacks; run at every start.
pub fn seed(conn: &mut DbConnection) -> QueryResult<()> {
    let present: i64 = member_states::table.count().get_result(conn)?;
    let all = parse_member_states();
    if present as usize >= all.len() {
        return Ok(());
    }
    let existing: Vec<String> = member_states::table
        .select(member_states::iso3)
        .load(conn)?;
    let missing: Vec<&MemberState> = all.iter().filter(|m| !existing.contains(&m.iso3)).collect();
    conn.transaction(|conn| {
        for m in missing {
            diesel::insert_into(member_states::table)
                .values(m)
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Reads the embedded list; the file is part of the build, so a bad row is a
/// build defect caught by the unit test below.
pub fn parse_member_states() -> Vec<MemberState> {
    let mut reader = csv::Reader::from_reader(MEMBER_STATES_CSV.as_bytes());
    reader.deserialize().filter_map(Result::ok).collect()
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<MemberState>> {
    member_states::table.order(member_states::iso3).load(conn)
}

pub fn find(conn: &mut DbConnection, iso3: &str) -> QueryResult<Option<MemberState>> {
    member_states::table.find(iso3).first(conn).optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_list_has_193_member_states() {
        let all = parse_member_states();
        assert_eq!(all.len(), 193);
        assert!(all.iter().any(|m| m.iso3 == "VAT"));
        assert!(!all.iter().any(|m| m.iso3 == "PLW"));
        let namibia = all.iter().find(|m| m.iso3 == "NAM").unwrap();
        assert_eq!(namibia.iso2, "NA");
        let korea = all.iter().find(|m| m.iso3 == "KOR").unwrap();
        assert_eq!(korea.name_en, "Korea, Republic of");
    }
}
