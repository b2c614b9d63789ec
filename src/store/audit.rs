//! The audit trail: append-only rows of who changed what.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_events;
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditRow {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

pub fn insert(conn: &mut DbConnection, row: &AuditRow) -> QueryResult<()> {
    // Every change writes one: a statement kept prepared (`KeptSql`).
    use super::Bind;
    let insert = super::kept_sql!(
        insert: "audit_events",
        &["id", "at", "actor_id", "actor", "action", "subject", "detail"],
        &[
            Bind::Text(&row.id),
            Bind::Timestamp(&row.at),
            Bind::OptionalText(row.actor_id.as_deref()),
            Bind::Text(&row.actor),
            Bind::Text(&row.action),
            Bind::Text(&row.subject),
            Bind::Text(&row.detail),
        ]
    );
    super::on_backend!(conn, c => insert.execute(c)).map(|_| ())
}

/// Newest first; `subject` keeps the events of that subject and of those
/// under it ("consultation/ID" includes its replies).
pub fn list(
    conn: &mut DbConnection,
    subject: Option<&str>,
    after: Option<(NaiveDateTime, &str)>,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    let mut query = audit_events::table
        .select(AuditRow::as_select())
        .order((audit_events::at.desc(), audit_events::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            audit_events::at.lt(at).or(audit_events::at
                .eq(at)
                .and(audit_events::id.lt(id.to_owned()))),
        );
    }
    if let Some(subject) = subject {
        let escaped = subject
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        query = query.filter(
            audit_events::subject
                .eq(subject.to_owned())
                .or(audit_events::subject
                    .like(format!("{escaped}/%"))
                    .escape('\\')),
        );
    }
    query.load(conn)
}
