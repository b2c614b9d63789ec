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
                    current_revision_id: None,
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
    // Every reply reads it: on the backend's own connection.
    super::on_backend!(conn, c => {
        let Some(consultation) = consultations::table
            .find(id)
            .select(ConsultationRow::as_select())
            .first(c)
            .optional()?
        else {
            return Ok(None);
        };
        let ds = drafts::table
            .filter(drafts::consultation_id.eq(id))
            .order(drafts::ordinal)
            .select(DraftRow::as_select())
            .load(c)?;
        Ok(Some((consultation, ds)))
    })
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

/// PostgreSQL: holds a lock on a reference until the transaction ends, so
/// that checking it is not used and using it are one step. SQLite: nothing to
/// do, the write lock already orders the writers.
pub fn lock_reference(conn: &mut DbConnection, reference: &str) -> QueryResult<()> {
    if let DbConnection::Postgres(pg) = conn {
        diesel::sql_query(
            "SELECT pg_advisory_xact_lock(hashtext('consultation reference ' || $1))",
        )
        .bind::<diesel::sql_types::Text, _>(reference)
        .execute(pg)?;
    }
    Ok(())
}

/// How many consultations other than `id` carry this reference and are not
/// cancelled (a cancelled circular's reference may be used again).
pub fn others_with_reference(
    conn: &mut DbConnection,
    reference: &str,
    id: &str,
) -> QueryResult<i64> {
    consultations::table
        .filter(consultations::reference.eq(reference))
        .filter(consultations::id.ne(id))
        .filter(consultations::cancelled_at.is_null())
        .count()
        .get_result(conn)
}

pub fn exists_with_reference(conn: &mut DbConnection, reference: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        consultations::table.filter(consultations::reference.eq(reference)),
    ))
    .get_result(conn)
}

/// Whether any Member State has ever replied (even if since withdrawn).
pub fn has_replies(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    use super::schema::reply_revisions;
    diesel::select(diesel::dsl::exists(
        reply_revisions::table.filter(reply_revisions::consultation_id.eq(id)),
    ))
    .get_result(conn)
}

/// Locks a consultation exclusively for the rest of the transaction: waits
/// for the replies in flight (which hold it shared) and keeps new ones out.
/// A write, so on SQLite it takes the database write lock as its first
/// statement. Returns false when there is no such consultation.
pub fn lock_exclusive(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    let n = diesel::update(consultations::table.find(id))
        .set(consultations::sealed_at.eq(consultations::sealed_at))
        .execute(conn)?;
    Ok(n > 0)
}

/// Records the seal of the cut-off, once (under `lock_exclusive`).
pub fn seal(conn: &mut DbConnection, id: &str, now: chrono::NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        consultations::table
            .find(id)
            .filter(consultations::sealed_at.is_null()),
    )
    .set(consultations::sealed_at.eq(now))
    .execute(conn)
}

/// Records a cancellation, once (under `lock_exclusive`).
pub fn cancel(
    conn: &mut DbConnection,
    id: &str,
    at: chrono::NaiveDateTime,
    by: &str,
    reason: &str,
) -> QueryResult<usize> {
    diesel::update(
        consultations::table
            .find(id)
            .filter(consultations::cancelled_at.is_null()),
    )
    .set((
        consultations::cancelled_at.eq(at),
        consultations::cancelled_by.eq(by),
        consultations::cancellation_reason.eq(reason),
    ))
    .execute(conn)
}

/// Records the certification of the result, once.
pub fn certify(
    conn: &mut DbConnection,
    id: &str,
    at: chrono::NaiveDateTime,
    by: &str,
) -> QueryResult<usize> {
    diesel::update(
        consultations::table
            .find(id)
            .filter(consultations::certified_at.is_null()),
    )
    .set((
        consultations::certified_at.eq(at),
        consultations::certified_by.eq(by),
    ))
    .execute(conn)
}

/// Raises the calendar entry's SEQUENCE for a new notice and returns it.
pub fn next_notice_sequence(conn: &mut DbConnection, id: &str) -> QueryResult<i32> {
    diesel::update(consultations::table.find(id))
        .set(consultations::notice_sequence.eq(consultations::notice_sequence + 1))
        .execute(conn)?;
    consultations::table
        .find(id)
        .select(consultations::notice_sequence)
        .first(conn)
}

/// Replaces the editable fields of a consultation.
pub fn update(conn: &mut DbConnection, row: &ConsultationRow) -> QueryResult<usize> {
    diesel::update(consultations::table.find(&row.id))
        .set((
            consultations::reference.eq(&row.reference),
            consultations::study_group.eq(&row.study_group),
            consultations::title.eq(&row.title),
            consultations::deadline.eq(&row.deadline),
            consultations::time_zone.eq(&row.time_zone),
            consultations::closes_at.eq(row.closes_at),
            consultations::meeting_starts_on.eq(row.meeting_starts_on),
            consultations::meeting_ends_on.eq(row.meeting_ends_on),
            consultations::meeting_place.eq(&row.meeting_place),
        ))
        .execute(conn)
}

/// Replaces every draft (only while nobody has replied).
pub fn replace_drafts(
    conn: &mut DbConnection,
    id: &str,
    draft_rows: &[DraftRow],
) -> QueryResult<()> {
    diesel::delete(drafts::table.filter(drafts::consultation_id.eq(id))).execute(conn)?;
    for d in draft_rows {
        diesel::insert_into(drafts::table).values(d).execute(conn)?;
    }
    Ok(())
}

/// Changes the title and text link of one draft.
pub fn update_draft_text(
    conn: &mut DbConnection,
    draft_id: &str,
    title: &str,
    text_url: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(drafts::table.find(draft_id))
        .set((drafts::title.eq(title), drafts::text_url.eq(text_url)))
        .execute(conn)
}
