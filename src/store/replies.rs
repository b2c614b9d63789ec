use diesel::prelude::*;

use super::models::{
    ConsultationRow, DraftRow, NewQueuedEntry, ReplyRow, ResponseRow, RevisionRow,
};
use super::schema::{consultations, drafts, replies, reply_responses, reply_revisions};
use super::DbConnection;

/// A stored response with the number of its draft.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub draft_number: String,
    pub row: ResponseRow,
}

/// The reply slot whose current revision is the revision joined: joining it
/// keeps only current revisions. Joined by the slot's `current_revision_id`,
/// and filtered on the slot's columns, so that the database starts from the
/// slots (193 per consultation) and never walks superseded revisions.
macro_rules! current_slot {
    () => {
        replies::table.on(replies::current_revision_id.eq(reply_revisions::id.nullable()))
    };
}

fn with_numbers(rows: Vec<(ResponseRow, String)>) -> Vec<StoredResponse> {
    rows.into_iter()
        .map(|(row, draft_number)| StoredResponse { draft_number, row })
        .collect()
}

/// A consultation with its drafts, as stored.
pub type ConsultationRows = (ConsultationRow, Vec<DraftRow>);

/// Takes the locks a reply is decided under and reads the consultation under
/// them: a shared lock on the consultation (the seal of the cut-off takes it
/// exclusively, so it waits for every reply in flight, and no reply starts
/// once it holds it), then the lock of one Member State's reply slot.
/// PostgreSQL: the consultation read with its `FOR SHARE` lock, its drafts,
/// and the slot `FOR NO KEY UPDATE` (a row lock: other Member States are not
/// blocked). SQLite: the database write lock, taken by a write to the slot as
/// the transaction's first statement (so that it waits for the lock instead
/// of failing on a stale read snapshot), which also excludes the seal; then
/// the reads. Returns the slot (None for an unknown Member State) and the
/// consultation (None when unknown). The caller reads the time only after
/// this returns.
pub fn lock_with_consultation(
    conn: &mut DbConnection,
    consultation_id: &str,
    iso3: &str,
) -> QueryResult<(Option<ReplyRow>, Option<ConsultationRows>)> {
    let slot = replies::table
        .filter(replies::consultation_id.eq(consultation_id))
        .filter(replies::member_state.eq(iso3));
    let pg = match conn {
        DbConnection::Postgres(pg) => pg,
        DbConnection::Sqlite(sqlite) => {
            let n = super::kept_sql!(
                parts: &[
                    "UPDATE replies SET current_revision = current_revision \
                     WHERE consultation_id = ",
                    " AND member_state = ",
                    "",
                ],
                &[super::Bind::Text(consultation_id), super::Bind::Text(iso3)]
            )
            .execute(sqlite)?;
            let locked = match n {
                0 => None,
                _ => slot
                    .select(ReplyRow::as_select())
                    .first(sqlite)
                    .optional()?,
            };
            return Ok((locked, super::consultations::find(conn, consultation_id)?));
        }
    };
    let Some(consultation) = consultations::table
        .find(consultation_id)
        .select(ConsultationRow::as_select())
        .for_share()
        .first(pg)
        .optional()?
    else {
        return Ok((None, None));
    };
    let drafts = drafts::table
        .filter(drafts::consultation_id.eq(consultation_id))
        .order(drafts::ordinal)
        .select(DraftRow::as_select())
        .load(pg)?;
    let locked = slot
        .select(ReplyRow::as_select())
        .for_no_key_update()
        .first(pg)
        .optional()?;
    Ok((locked, Some((consultation, drafts))))
}

pub fn find_slot(
    conn: &mut DbConnection,
    consultation_id: &str,
    iso3: &str,
) -> QueryResult<Option<ReplyRow>> {
    replies::table
        .filter(replies::consultation_id.eq(consultation_id))
        .filter(replies::member_state.eq(iso3))
        .select(ReplyRow::as_select())
        .first(conn)
        .optional()
}

/// Every revision of one Member State's reply, oldest first.
pub fn revisions(
    conn: &mut DbConnection,
    consultation_id: &str,
    iso3: &str,
) -> QueryResult<Vec<RevisionRow>> {
    reply_revisions::table
        .filter(reply_revisions::consultation_id.eq(consultation_id))
        .filter(reply_revisions::member_state.eq(iso3))
        .order(reply_revisions::revision)
        .select(RevisionRow::as_select())
        .load(conn)
}

pub fn revision(
    conn: &mut DbConnection,
    consultation_id: &str,
    iso3: &str,
    revision: i32,
) -> QueryResult<Option<RevisionRow>> {
    reply_revisions::table
        .filter(reply_revisions::consultation_id.eq(consultation_id))
        .filter(reply_revisions::member_state.eq(iso3))
        .filter(reply_revisions::revision.eq(revision))
        .select(RevisionRow::as_select())
        .first(conn)
        .optional()
}

/// The responses of every revision of one Member State's reply, with each
/// revision's id, ordered by revision then draft.
pub fn responses_of_member_state(
    conn: &mut DbConnection,
    consultation_id: &str,
    iso3: &str,
) -> QueryResult<Vec<StoredResponse>> {
    let rows: Vec<(ResponseRow, String)> = reply_responses::table
        .inner_join(reply_revisions::table)
        .inner_join(drafts::table)
        .filter(reply_revisions::consultation_id.eq(consultation_id))
        .filter(reply_revisions::member_state.eq(iso3))
        .order((reply_revisions::revision, drafts::ordinal))
        .select((ResponseRow::as_select(), drafts::number))
        .load(conn)?;
    Ok(with_numbers(rows))
}

/// The current (non-withdrawn) revision of every Member State that replied.
pub fn current_revisions(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<RevisionRow>> {
    reply_revisions::table
        .inner_join(current_slot!())
        .filter(replies::consultation_id.eq(consultation_id))
        .order(reply_revisions::member_state)
        .select(RevisionRow::as_select())
        .load(conn)
}

/// The responses of every current revision, ordered by Member State then draft.
pub fn current_responses(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<StoredResponse>> {
    let rows: Vec<(ResponseRow, String)> = reply_responses::table
        .inner_join(reply_revisions::table)
        .inner_join(drafts::table)
        .inner_join(current_slot!())
        .filter(replies::consultation_id.eq(consultation_id))
        .order((reply_revisions::member_state, drafts::ordinal))
        .select((ResponseRow::as_select(), drafts::number))
        .load(conn)?;
    Ok(with_numbers(rows))
}

/// The responses of one revision, by draft order.
pub fn responses_of_revision(
    conn: &mut DbConnection,
    revision_id: &str,
) -> QueryResult<Vec<StoredResponse>> {
    let rows: Vec<(ResponseRow, String)> = reply_responses::table
        .inner_join(drafts::table)
        .filter(reply_responses::revision_id.eq(revision_id))
        .order(drafts::ordinal)
        .select((ResponseRow::as_select(), drafts::number))
        .load(conn)?;
    Ok(with_numbers(rows))
}

/// The last revision of one Member State's reply (late revisions are
/// numbered too, but never current): a new revision is numbered after it and
/// compared with it, since it is usually the one in force. Every reply reads
/// it: on the backend's own connection (the query is built in each arm: a
/// selection is typed by its backend).
pub fn last_revision(
    conn: &mut DbConnection,
    consultation_id: &str,
    iso3: &str,
) -> QueryResult<Option<RevisionRow>> {
    super::on_backend!(conn, c => {
        reply_revisions::table
            .filter(reply_revisions::consultation_id.eq(consultation_id))
            .filter(reply_revisions::member_state.eq(iso3))
            .order(reply_revisions::revision.desc())
            .select(RevisionRow::as_select())
            .first(c)
            .optional()
    })
}

/// The digest kept with a revision (`reply_revisions.responses_digest`):
/// SHA-256 of its responses' stored fields, by draft id, each field framed by
/// its length, so that two revisions have the same digest exactly when they
/// have the same responses. By draft id, not number, because ids never
/// change. The revision id is left out: it differs between any two.
pub fn responses_digest(rows: &[ResponseRow]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    fn field(hash: &mut Sha256, value: Option<&str>) {
        match value {
            None => hash.update([0]),
            Some(v) => {
                hash.update([1]);
                hash.update((v.len() as u64).to_be_bytes());
                hash.update(v.as_bytes());
            }
        }
    }
    let mut sorted: Vec<&ResponseRow> = rows.iter().collect();
    sorted.sort_by(|a, b| a.draft_id.cmp(&b.draft_id));
    let mut hash = Sha256::new();
    hash.update(b"tapballot responses v1\0");
    hash.update((sorted.len() as u64).to_be_bytes());
    for r in sorted {
        field(&mut hash, Some(&r.draft_id));
        field(&mut hash, Some(&r.position));
        field(&mut hash, r.reasons.as_deref());
        field(&mut hash, r.comments.as_deref());
    }
    hash.finalize().to_vec()
}

/// `late <> 0` written out rather than bound: the partial index
/// `reply_revisions_late` serves only a query whose condition implies the
/// index's own, and a bound 0 is not known to be 0 when the statement is
/// planned (with `late != ?` SQLite read every revision of the
/// consultation; `tests/api/query_plans.rs` checks the plans).
fn is_late() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql("reply_revisions.late <> 0")
}

/// Every late revision of a consultation (received after the cut-off,
/// never counted), by Member State then revision.
pub fn late_revisions(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<RevisionRow>> {
    reply_revisions::table
        .filter(reply_revisions::consultation_id.eq(consultation_id))
        .filter(is_late())
        .order((reply_revisions::member_state, reply_revisions::revision))
        .select(RevisionRow::as_select())
        .load(conn)
}

/// The responses of those late revisions.
pub fn late_responses(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<StoredResponse>> {
    let rows: Vec<(ResponseRow, String)> = reply_responses::table
        .inner_join(reply_revisions::table)
        .inner_join(drafts::table)
        .filter(reply_revisions::consultation_id.eq(consultation_id))
        .filter(is_late())
        .order((
            reply_revisions::member_state,
            reply_revisions::revision,
            drafts::ordinal,
        ))
        .select((ResponseRow::as_select(), drafts::number))
        .load(conn)?;
    Ok(with_numbers(rows))
}

/// How many Member States sent a late reply to a consultation.
pub fn late_member_states(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<i64> {
    reply_revisions::table
        .filter(reply_revisions::consultation_id.eq(consultation_id))
        .filter(is_late())
        .select(diesel::dsl::count(reply_revisions::member_state).aggregate_distinct())
        .first(conn)
}

/// A revision's every column, in the order of `revision_values`.
const REVISION_COLUMNS: &[&str] = &[
    "id",
    "consultation_id",
    "member_state",
    "revision",
    "received_at",
    "receipt",
    "entered_by",
    "on_behalf",
    "source_note",
    "entered_at",
    "late",
    "responses_digest",
];

fn revision_values(revision: &RevisionRow) -> [super::Bind<'_>; 12] {
    use super::Bind;
    [
        Bind::Text(&revision.id),
        Bind::Text(&revision.consultation_id),
        Bind::Text(&revision.member_state),
        Bind::Integer(revision.revision),
        Bind::Timestamp(&revision.received_at),
        Bind::Text(&revision.receipt),
        Bind::Text(&revision.entered_by),
        Bind::Integer(revision.on_behalf),
        Bind::OptionalText(revision.source_note.as_deref()),
        Bind::Timestamp(&revision.entered_at),
        Bind::Integer(revision.late),
        Bind::OptionalBlob(revision.responses_digest.as_deref()),
    ]
}

/// Appends a revision; makes it current unless `current` is false (a late
/// reply is kept, never counted); queues `entry`, its entry for the
/// verifiable log, if any. Call inside the transaction that took the lock.
pub fn append_revision(
    conn: &mut DbConnection,
    revision: &RevisionRow,
    responses: &[ResponseRow],
    current: bool,
    entry: Option<NewQueuedEntry>,
) -> QueryResult<()> {
    let sqlite = match conn {
        DbConnection::Postgres(pg) => {
            return append_revision_in_one_statement(
                pg,
                revision,
                responses,
                current,
                entry.as_ref(),
            )
        }
        DbConnection::Sqlite(sqlite) => sqlite,
    };
    use super::Bind;
    let values = revision_values(revision);
    super::kept_sql!(insert: "reply_revisions", REVISION_COLUMNS, &values).execute(sqlite)?;
    // One statement for all responses, kept prepared for each number of them.
    if !responses.is_empty() {
        let values: Vec<Bind<'_>> = responses
            .iter()
            .flat_map(|r| {
                [
                    Bind::Text(&r.revision_id),
                    Bind::Text(&r.draft_id),
                    Bind::Text(&r.position),
                    Bind::OptionalText(r.reasons.as_deref()),
                    Bind::OptionalText(r.comments.as_deref()),
                ]
            })
            .collect();
        super::KeptRows {
            table: "reply_responses",
            columns: &["revision_id", "draft_id", "position", "reasons", "comments"],
            binds: &values,
        }
        .execute(sqlite)?;
    }
    // `updated_at` is the time of entry: the clock guard of the next entry.
    let (consultation_id, member_state) = (
        Bind::Text(&revision.consultation_id),
        Bind::Text(&revision.member_state),
    );
    if current {
        super::kept_sql!(
            parts: &[
                "UPDATE replies SET current_revision = ",
                ", current_revision_id = ",
                ", updated_at = ",
                " WHERE consultation_id = ",
                " AND member_state = ",
                "",
            ],
            &[
                Bind::Integer(revision.revision),
                Bind::Text(&revision.id),
                Bind::Timestamp(&revision.entered_at),
                consultation_id,
                member_state,
            ]
        )
        .execute(sqlite)?;
    } else {
        super::kept_sql!(
            parts: &[
                "UPDATE replies SET updated_at = ",
                " WHERE consultation_id = ",
                " AND member_state = ",
                "",
            ],
            &[Bind::Timestamp(&revision.entered_at), consultation_id, member_state]
        )
        .execute(sqlite)?;
    }
    if let Some(entry) = entry {
        super::log::queue(conn, entry)?;
    }
    Ok(())
}

/// `append_revision` on PostgreSQL: the revision, its responses, its log
/// entry and the slot in one statement (data-modifying `WITH`): one round
/// trip instead of four, which counts where the database is across a network
/// (on loopback PostgreSQL's own work dominates: docs/benchmarks.md). The
/// foreign keys are checked at the statement's end, when the revision is
/// there. Diesel has no `WITH`, hence the SQL by hand; the backend tests of
/// `tests/api` run it on a real PostgreSQL.
fn append_revision_in_one_statement(
    pg: &mut PgConnection,
    revision: &RevisionRow,
    responses: &[ResponseRow],
    current: bool,
    entry: Option<&NewQueuedEntry>,
) -> QueryResult<()> {
    AppendRevision::new(revision, responses, current, entry).execute(pg)?;
    if entry.is_some() {
        super::log::queued_here();
    }
    Ok(())
}

/// The statement of `append_revision_in_one_statement`. Written as a query
/// fragment rather than a `sql_query`, which diesel never keeps prepared:
/// PostgreSQL would parse, analyse and plan this whole statement at every
/// reply. Each value is bound where it is used (a value used twice is bound
/// twice), so that its text depends only on `current` and on whether an
/// entry is queued: diesel keeps the four by their text.
struct AppendRevision<'a> {
    revision: &'a RevisionRow,
    values: [super::Bind<'a>; 12],
    revision_ids: Vec<&'a str>,
    draft_ids: Vec<&'a str>,
    positions: Vec<&'a str>,
    reasons: Vec<Option<&'a str>>,
    comments: Vec<Option<&'a str>>,
    current: bool,
    entry: Option<&'a NewQueuedEntry>,
}

impl<'a> AppendRevision<'a> {
    fn new(
        revision: &'a RevisionRow,
        responses: &'a [ResponseRow],
        current: bool,
        entry: Option<&'a NewQueuedEntry>,
    ) -> Self {
        let column = |f: fn(&'a ResponseRow) -> &'a str| -> Vec<&'a str> {
            responses.iter().map(f).collect()
        };
        let optional = |f: fn(&'a ResponseRow) -> Option<&'a str>| -> Vec<Option<&'a str>> {
            responses.iter().map(f).collect()
        };
        AppendRevision {
            revision,
            values: revision_values(revision),
            revision_ids: column(|r| &r.revision_id),
            draft_ids: column(|r| &r.draft_id),
            positions: column(|r| &r.position),
            reasons: optional(|r| r.reasons.as_deref()),
            comments: optional(|r| r.comments.as_deref()),
            current,
            entry,
        }
    }
}

impl diesel::query_builder::QueryFragment<diesel::pg::Pg> for AppendRevision<'_> {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> QueryResult<()> {
        use super::WalkKept;
        use diesel::sql_types::{Array, Integer, Nullable, Text, Timestamp};
        let r = self.revision;
        out.push_sql("WITH revision AS (");
        let revision = super::KeptText::Insert {
            table: "reply_revisions",
            columns: REVISION_COLUMNS,
        };
        revision.walk(&self.values, &mut out)?;
        out.push_sql(
            "), responses AS (INSERT INTO reply_responses \
             (revision_id, draft_id, position, reasons, comments) SELECT * FROM unnest(",
        );
        out.push_bind_param::<Array<Text>, _>(&self.revision_ids)?;
        out.push_sql("::text[], ");
        out.push_bind_param::<Array<Text>, _>(&self.draft_ids)?;
        out.push_sql("::text[], ");
        out.push_bind_param::<Array<Text>, _>(&self.positions)?;
        out.push_sql("::text[], ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.reasons)?;
        out.push_sql("::text[], ");
        out.push_bind_param::<Array<Nullable<Text>>, _>(&self.comments)?;
        out.push_sql("::text[]))");
        if let Some(e) = self.entry {
            out.push_sql(
                ", queued AS (INSERT INTO log_queue \
                 (kind, consultation_id, member_state, record_id, entry, queued_at) VALUES (",
            );
            out.push_bind_param::<Text, _>(&e.kind)?;
            out.push_sql(", ");
            out.push_bind_param::<Nullable<Text>, _>(&e.consultation_id)?;
            out.push_sql(", ");
            out.push_bind_param::<Nullable<Text>, _>(&e.member_state)?;
            out.push_sql(", ");
            out.push_bind_param::<Text, _>(&e.record_id)?;
            out.push_sql(", ");
            out.push_bind_param::<Text, _>(&e.entry)?;
            out.push_sql(", ");
            out.push_bind_param::<Timestamp, _>(&e.queued_at)?;
            out.push_sql("))");
        }
        // `updated_at` is the time of entry: the clock guard of the next entry.
        if self.current {
            out.push_sql(" UPDATE replies SET current_revision = ");
            out.push_bind_param::<Integer, _>(&r.revision)?;
            out.push_sql(", current_revision_id = ");
            out.push_bind_param::<Text, _>(&r.id)?;
            out.push_sql(", updated_at = ");
        } else {
            out.push_sql(" UPDATE replies SET updated_at = ");
        }
        out.push_bind_param::<Timestamp, _>(&r.entered_at)?;
        out.push_sql(" WHERE consultation_id = ");
        out.push_bind_param::<Text, _>(&r.consultation_id)?;
        out.push_sql(" AND member_state = ");
        out.push_bind_param::<Text, _>(&r.member_state)?;
        Ok(())
    }
}

impl diesel::query_builder::QueryId for AppendRevision<'_> {
    // Found in the cache by its text (one of four).
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Conn> RunQueryDsl<Conn> for AppendRevision<'_> {}

/// Every (consultation, Member State) whose current reply answers at least
/// one draft: who has replied, for all consultations in one query.
pub fn replied_member_states(conn: &mut DbConnection) -> QueryResult<Vec<(String, String)>> {
    reply_revisions::table
        .inner_join(current_slot!())
        .inner_join(reply_responses::table)
        .select((
            reply_revisions::consultation_id,
            reply_revisions::member_state,
        ))
        .distinct()
        .load(conn)
}

/// The current revision of one Member State's reply to every consultation
/// it has replied to.
pub fn current_revisions_of_member_state(
    conn: &mut DbConnection,
    iso3: &str,
) -> QueryResult<Vec<RevisionRow>> {
    reply_revisions::table
        .inner_join(current_slot!())
        .filter(replies::member_state.eq(iso3))
        .select(RevisionRow::as_select())
        .load(conn)
}

/// The responses of those current revisions, by draft order.
pub fn current_responses_of_member_state(
    conn: &mut DbConnection,
    iso3: &str,
) -> QueryResult<Vec<StoredResponse>> {
    let rows: Vec<(ResponseRow, String)> = reply_responses::table
        .inner_join(reply_revisions::table)
        .inner_join(drafts::table)
        .inner_join(current_slot!())
        .filter(replies::member_state.eq(iso3))
        .order((reply_revisions::consultation_id, drafts::ordinal))
        .select((ResponseRow::as_select(), drafts::number))
        .load(conn)?;
    Ok(with_numbers(rows))
}

/// Every revision of a consultation, by Member State then revision (for
/// `log verify`).
pub fn revisions_of_consultation(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<RevisionRow>> {
    reply_revisions::table
        .filter(reply_revisions::consultation_id.eq(consultation_id))
        .order((reply_revisions::member_state, reply_revisions::revision))
        .select(RevisionRow::as_select())
        .load(conn)
}

/// The responses of every revision of a consultation, with their drafts'
/// numbers (for `log verify`).
pub fn responses_of_consultation(
    conn: &mut DbConnection,
    consultation_id: &str,
) -> QueryResult<Vec<StoredResponse>> {
    let rows: Vec<(ResponseRow, String)> = reply_responses::table
        .inner_join(reply_revisions::table)
        .inner_join(drafts::table)
        .filter(reply_revisions::consultation_id.eq(consultation_id))
        .select((ResponseRow::as_select(), drafts::number))
        .load(conn)?;
    Ok(with_numbers(rows))
}

/// The reply slots of a consultation (one per Member State that has one).
pub fn slots(conn: &mut DbConnection, consultation_id: &str) -> QueryResult<Vec<ReplyRow>> {
    replies::table
        .filter(replies::consultation_id.eq(consultation_id))
        .order(replies::member_state)
        .select(ReplyRow::as_select())
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        draft: &str,
        position: &str,
        reasons: Option<&str>,
        comments: Option<&str>,
    ) -> ResponseRow {
        ResponseRow {
            revision_id: "r".into(),
            draft_id: draft.into(),
            position: position.into(),
            reasons: reasons.map(Into::into),
            comments: comments.map(Into::into),
        }
    }

    /// PostgreSQL keeps a statement prepared only if diesel may cache it and
    /// its text is the same for every reply: else it parses, analyses and
    /// plans it each time (docs/benchmarks.md). Checked without a server:
    /// two different replies, every variant.
    #[test]
    fn the_revision_statement_is_kept_prepared_on_postgresql() {
        use diesel::query_builder::QueryFragment;
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let revision = |n: i32, note: Option<&str>| RevisionRow {
            id: format!("rev-{n}"),
            consultation_id: "c".into(),
            member_state: if n == 1 { "CHE" } else { "FRA" }.into(),
            revision: n,
            received_at: at("2024-08-21 09:30:00"),
            receipt: format!("R{n}"),
            entered_by: "u".into(),
            on_behalf: n - 1,
            source_note: note.map(Into::into),
            entered_at: at("2024-08-21 09:31:00"),
            late: 0,
            responses_digest: (n == 1).then(|| vec![n as u8; 32]),
        };
        let entry = |n: i32| NewQueuedEntry {
            kind: "revision".into(),
            consultation_id: (n == 1).then(|| "c".into()),
            member_state: None,
            record_id: format!("rev-{n}"),
            entry: "{}".into(),
            queued_at: at("2024-08-21 09:31:00"),
        };
        let (one, two) = (revision(1, None), revision(2, Some("fax")));
        let (entry_one, entry_two) = (entry(1), entry(2));
        let responses = [
            row("d1", "yes", None, None),
            row("d2", "no", Some("why"), None),
        ];
        let mut texts = std::collections::BTreeSet::new();
        for current in [true, false] {
            for queued in [false, true] {
                let a =
                    AppendRevision::new(&one, &responses, current, queued.then_some(&entry_one));
                let b = AppendRevision::new(
                    &two,
                    &responses[..1],
                    current,
                    queued.then_some(&entry_two),
                );
                for s in [&a, &b] {
                    assert!(s.is_safe_to_cache_prepared(&diesel::pg::Pg).unwrap());
                }
                let text = |s: &AppendRevision<'_>| {
                    let q = diesel::debug_query::<diesel::pg::Pg, _>(s).to_string();
                    q.split(" -- binds:").next().unwrap().to_owned()
                };
                assert_eq!(text(&a), text(&b));
                assert_eq!(text(&a).contains("log_queue"), queued);
                texts.insert(text(&a));
            }
        }
        assert_eq!(texts.len(), 4, "one text per variant");
    }

    #[test]
    fn the_digest_depends_on_the_responses_not_their_order_nor_their_revision() {
        let a = [
            row("d1", "yes", None, None),
            row("d2", "no", Some("why"), None),
        ];
        let mut b = [a[1].clone(), a[0].clone()];
        b[0].revision_id = "another revision".into();
        assert_eq!(responses_digest(&a), responses_digest(&b));
        assert_eq!(responses_digest(&a).len(), 32);
    }

    #[test]
    fn the_digest_tells_apart_every_change_of_a_response() {
        let base = [row("d1", "no", Some("why"), Some("note"))];
        let changed = [
            vec![row("d2", "no", Some("why"), Some("note"))],
            vec![row("d1", "yes", Some("why"), Some("note"))],
            vec![row("d1", "no", Some("why not"), Some("note"))],
            vec![row("d1", "no", None, Some("note"))],
            vec![row("d1", "no", Some("why"), None)],
            // Text moved between fields: framing keeps them apart.
            vec![row("d1", "no", Some("whynote"), Some(""))],
            vec![row("d1", "no", Some("note"), Some("why"))],
            vec![],
            vec![base[0].clone(), row("d2", "yes", None, None)],
        ];
        let digest = responses_digest(&base);
        for other in changed {
            assert_ne!(digest, responses_digest(&other), "{other:?}");
        }
    }
}
