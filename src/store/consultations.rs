use std::collections::HashMap;

use diesel::prelude::*;

use super::models::{ConsultationRow, DraftRow, ReplyRow};
use super::schema::{consultations, drafts, member_states, replies};
use super::DbConnection;

/// Stores a consultation with its drafts and an empty reply slot per Member State.
pub fn insert(
    conn: &mut DbConnection,
    row: &ConsultationRow,
    draft_rows: &[DraftRow],
) -> QueryResult<()> {
    conn.transaction(|conn| {
        diesel::insert_into(consultations::table)
            .values(row)
            .execute(conn)?;
        for d in draft_rows {
            diesel::insert_into(drafts::table).values(d).execute(conn)?;
        }
        let iso3s: Vec<String> = member_states::table
            .select(member_states::iso3)
            .load(conn)?;
        for iso3 in iso3s {
            diesel::insert_into(replies::table)
                .values(ReplyRow {
                    consultation_id: row.id.clone(),
                    member_state: iso3,
                    current_revision: 0,
                    updated_at: None,
                })
                .execute(conn)?;
        }
        Ok(())
    })
}

pub fn find(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<Option<(ConsultationRow, Vec<DraftRow>)>> {
    let Some(c) = consultations::table
        .find(id)
        .select(ConsultationRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let ds = drafts::table
        .filter(drafts::consultation_id.eq(id))
        .order(drafts::ordinal)
        .select(DraftRow::as_select())
        .load(conn)?;
    Ok(Some((c, ds)))
}

/// All consultations, the latest cut-off first, each with its drafts.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<(ConsultationRow, Vec<DraftRow>)>> {
    let cs = consultations::table
        .order((consultations::closes_at.desc(), consultations::id))
        .select(ConsultationRow::as_select())
        .load(conn)?;
    let mut by_consultation: HashMap<String, Vec<DraftRow>> = HashMap::new();
    for d in drafts::table
        .order((drafts::consultation_id, drafts::ordinal))
        .select(DraftRow::as_select())
        .load(conn)?
    {
        by_consultation
            .entry(d.consultation_id.clone())
            .or_default()
            .push(d);
    }
    Ok(cs
        .into_iter()
        .map(|c| {
            let ds = by_consultation.remove(&c.id).unwrap_or_default();
            (c, ds)
        })
        .collect())
}

pub fn exists_with_reference(conn: &mut DbConnection, reference: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        consultations::table.filter(consultations::reference.eq(reference)),
    ))
    .get_result(conn)
}
