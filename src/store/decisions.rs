//! The meeting's decisions, one per draft, with the Member States'
//! reservations and abstentions.

use diesel::prelude::*;

use super::models::{DecisionPositionRow, DecisionRow};
use super::schema::{decision_positions, decisions, drafts};
use super::DbConnection;

/// Replaces the decision on one draft. Call inside the transaction that
/// holds the consultation's lock.
pub fn replace(
    conn: &mut DbConnection,
    row: &DecisionRow,
    positions: &[DecisionPositionRow],
) -> QueryResult<()> {
    diesel::delete(
        decision_positions::table
            .filter(decision_positions::consultation_id.eq(&row.consultation_id))
            .filter(decision_positions::draft_id.eq(&row.draft_id)),
    )
    .execute(conn)?;
    diesel::delete(
        decisions::table
            .filter(decisions::consultation_id.eq(&row.consultation_id))
            .filter(decisions::draft_id.eq(&row.draft_id)),
    )
    .execute(conn)?;
    diesel::insert_into(decisions::table)
        .values(row)
        .execute(conn)?;
    for p in positions {
        diesel::insert_into(decision_positions::table)
            .values(p)
            .execute(conn)?;
    }
    Ok(())
}

/// Decisions with their drafts' numbers, and the positions of all of them.
pub type Decisions = (Vec<(DecisionRow, String)>, Vec<DecisionPositionRow>);

/// The decisions of a consultation in draft order, with their drafts'
/// numbers and their positions: two queries.
pub fn of_consultation(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Decisions> {
    let rows: Vec<(DecisionRow, String)> = decisions::table
        .inner_join(drafts::table)
        .filter(decisions::consultation_id.eq(consultation_id))
        .order(drafts::ordinal)
        .select((DecisionRow::as_select(), drafts::number))
        .load(conn)?;
    let positions = decision_positions::table
        .filter(decision_positions::consultation_id.eq(consultation_id))
        .order((
            decision_positions::draft_id,
            decision_positions::member_state,
        ))
        .select(DecisionPositionRow::as_select())
        .load(conn)?;
    Ok((rows, positions))
}

/// Every deferred decision, whatever its consultation: the scheduler tells
/// TSB when each deferral ends.
pub fn deferred(conn: &mut DbConnection) -> QueryResult<Vec<(DecisionRow, String)>> {
    decisions::table
        .inner_join(drafts::table)
        .filter(decisions::outcome.eq("deferred"))
        .select((DecisionRow::as_select(), drafts::number))
        .load(conn)
}
