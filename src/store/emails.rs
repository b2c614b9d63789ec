use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{consultation_notices, email_contexts, emails, password_tokens};
use super::{is_unique_violation, DbConnection};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = emails)]
pub struct EmailRow {
    pub id: String,
    pub message_id: String,
    pub kind: String,
    pub dedupe_key: Option<String>,
    pub recipient: String,
    pub language: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    pub consultation_id: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub smtp_response: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub lease_token: Option<String>,
    pub priority: i32,
    /// What the templates read (JSON); the bodies are rendered from it when
    /// sent. None for emails stored already rendered. As stored, an email
    /// with a `shared_context_id` keeps here only its own fields; as read
    /// (`find`, `list`, `claim_batch`), the shared ones are joined to them.
    pub context: Option<String>,
    /// The context it shares with the other emails of the same moment
    /// (`email_contexts`), if any.
    pub shared_context_id: Option<String>,
}

/// Where an email is on its way out; stored as its snake_case name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EmailStatus {
    /// Waiting for its first attempt.
    Queued,
    Sent,
    /// An attempt failed; it will be retried.
    Failing,
    /// Given up; TSB may retry it.
    Failed,
}

impl EmailStatus {
    pub const ALL: [EmailStatus; 4] = [
        EmailStatus::Queued,
        EmailStatus::Sent,
        EmailStatus::Failing,
        EmailStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EmailStatus::Queued => "queued",
            EmailStatus::Sent => "sent",
            EmailStatus::Failing => "failing",
            EmailStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

const QUEUED: &str = "queued";
const SENT: &str = "sent";
const FAILING: &str = "failing";
const FAILED: &str = "failed";

/// Inserts an email. One with a `dedupe_key` in a savepoint, so that a
/// duplicate (the email was already promised) leaves the caller's
/// transaction usable; returns false for such a duplicate. One without (a
/// reply's confirmations) cannot be a duplicate and needs no savepoint.
pub fn insert(conn: &mut DbConnection, row: &EmailRow) -> QueryResult<bool> {
    if row.dedupe_key.is_none() {
        // Every reply queues one: a statement kept prepared (`KeptSql`).
        insert_kept(conn, row)?;
        return Ok(true);
    }
    match conn.transaction(|c| diesel::insert_into(emails::table).values(row).execute(c)) {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) && row.dedupe_key.is_some() => Ok(false),
        Err(e) => Err(e),
    }
}

/// An email's every column, in the order of `binds`.
const COLUMNS: &[&str] = &[
    "id",
    "message_id",
    "kind",
    "dedupe_key",
    "recipient",
    "language",
    "subject",
    "body_text",
    "body_html",
    "ics",
    "consultation_id",
    "status",
    "attempts",
    "next_attempt_at",
    "locked_until",
    "last_error",
    "smtp_response",
    "created_at",
    "sent_at",
    "lease_token",
    "priority",
    "context",
    "shared_context_id",
];

/// An email's every value, in the order of `COLUMNS`.
fn binds(row: &EmailRow) -> [super::Bind<'_>; 23] {
    use super::Bind;
    [
        Bind::Text(&row.id),
        Bind::Text(&row.message_id),
        Bind::Text(&row.kind),
        Bind::OptionalText(row.dedupe_key.as_deref()),
        Bind::Text(&row.recipient),
        Bind::Text(&row.language),
        Bind::Text(&row.subject),
        Bind::Text(&row.body_text),
        Bind::Text(&row.body_html),
        Bind::OptionalText(row.ics.as_deref()),
        Bind::OptionalText(row.consultation_id.as_deref()),
        Bind::Text(&row.status),
        Bind::Integer(row.attempts),
        Bind::Timestamp(&row.next_attempt_at),
        Bind::OptionalTimestamp(row.locked_until.as_ref()),
        Bind::OptionalText(row.last_error.as_deref()),
        Bind::OptionalText(row.smtp_response.as_deref()),
        Bind::Timestamp(&row.created_at),
        Bind::OptionalTimestamp(row.sent_at.as_ref()),
        Bind::OptionalText(row.lease_token.as_deref()),
        Bind::Integer(row.priority),
        Bind::OptionalText(row.context.as_deref()),
        Bind::OptionalText(row.shared_context_id.as_deref()),
    ]
}

/// An email's every column, in one INSERT kept prepared.
fn insert_kept(conn: &mut DbConnection, row: &EmailRow) -> QueryResult<usize> {
    let values = binds(row);
    let insert = super::kept_sql!(insert: "emails", COLUMNS, &values);
    super::on_backend!(conn, c => insert.execute(c))
}

/// Stores emails that cannot be duplicates (no `dedupe_key`: the
/// confirmations of one moment), in one statement kept prepared for each
/// number of rows: one round trip for all of them on PostgreSQL.
pub fn insert_all(conn: &mut DbConnection, rows: &[EmailRow]) -> QueryResult<()> {
    debug_assert!(rows.iter().all(|r| r.dedupe_key.is_none()));
    // Well under either database's limit of bound values per statement.
    for chunk in rows.chunks(100) {
        let values: Vec<super::Bind<'_>> = chunk.iter().flat_map(binds).collect();
        let insert = super::KeptRows {
            table: "emails",
            columns: COLUMNS,
            binds: &values,
        };
        super::on_backend!(conn, c => insert.execute(c))?;
    }
    Ok(())
}

/// Stores a context that several emails will name (`EmailRow::shared_context_id`).
pub fn insert_shared_context(conn: &mut DbConnection, id: &str, context: &str) -> QueryResult<()> {
    use super::Bind;
    let insert = super::kept_sql!(
        insert: "email_contexts",
        &["id", "context"],
        &[Bind::Text(id), Bind::Text(context)]
    );
    super::on_backend!(conn, c => insert.execute(c)).map(|_| ())
}

/// The emails as read: each shared context joined to the email's own fields.
fn with_shared_contexts(
    conn: &mut DbConnection,
    mut rows: Vec<EmailRow>,
) -> QueryResult<Vec<EmailRow>> {
    let mut ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.shared_context_id.as_deref())
        .collect();
    if ids.is_empty() {
        return Ok(rows);
    }
    ids.sort_unstable();
    ids.dedup();
    let mut shared = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let found: Vec<(String, String)> = email_contexts::table
            .filter(email_contexts::id.eq_any(chunk))
            .select((email_contexts::id, email_contexts::context))
            .load(conn)?;
        shared.extend(found);
    }
    for row in &mut rows {
        if let Some(common) = row.shared_context_id.as_ref().and_then(|id| shared.get(id)) {
            row.context = Some(joined_context(common, row.context.as_deref()));
        }
    }
    Ok(rows)
}

/// A shared context with one email's own fields, which win: both JSON
/// objects. Text that is not a JSON object is kept as it is (the email then
/// fails to render, and says so, as any unreadable context does).
fn joined_context(shared: &str, own: Option<&str>) -> String {
    use serde_json::{Map, Value};
    let Ok(mut whole) = serde_json::from_str::<Map<String, Value>>(shared) else {
        return shared.to_owned();
    };
    if let Some(own) = own {
        match serde_json::from_str::<Map<String, Value>>(own) {
            Ok(fields) => whole.extend(fields),
            Err(_) => return own.to_owned(),
        }
    }
    Value::Object(whole).to_string()
}

/// What became of one leased email, recorded with the others of its batch.
#[derive(Debug, Clone)]
pub enum Delivery {
    Sent {
        id: String,
        at: NaiveDateTime,
        response: String,
    },
    Failed {
        id: String,
        status: EmailStatus,
        error: String,
        next_attempt_at: NaiveDateTime,
    },
    /// Not attempted (the worker is stopping): free for the next worker now.
    Released { id: String },
}

/// Leases up to `limit` due emails to one worker until `until`, the most
/// urgent first (`priority`, then due time), marking them with `token` and
/// returning them. Two workers never get the same email: the update is
/// conditional on the row being free, which both databases check on the row
/// itself (PostgreSQL re-evaluates it after waiting for a competing update),
/// so a row taken since it was found is skipped, not taken twice.
pub fn claim_batch(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    until: NaiveDateTime,
    token: &str,
    limit: i64,
) -> QueryResult<Vec<EmailRow>> {
    let free = emails::locked_until
        .is_null()
        .or(emails::locked_until.lt(now));
    let due = emails::table
        .filter(emails::status.eq(QUEUED).or(emails::status.eq(FAILING)))
        .filter(emails::next_attempt_at.le(now))
        .filter(free)
        .order((emails::priority, emails::next_attempt_at))
        .limit(limit)
        .select(emails::id)
        .load::<String>(conn)?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let n = diesel::update(
        emails::table
            .filter(emails::id.eq_any(&due))
            .filter(emails::status.eq(QUEUED).or(emails::status.eq(FAILING)))
            .filter(free),
    )
    .set((
        emails::locked_until.eq(until),
        emails::lease_token.eq(token),
    ))
    .execute(conn)?;
    if n == 0 {
        return Ok(Vec::new());
    }
    let claimed = emails::table
        .filter(emails::lease_token.eq(token))
        .order((emails::priority, emails::next_attempt_at))
        .select(EmailRow::as_select())
        .load(conn)?;
    with_shared_contexts(conn, claimed)
}

/// Records the outcomes of one batch in one transaction (one durable commit
/// for the lot). A failure or release applies only while the lease is still
/// this worker's; a send is recorded whoever holds the row now, since it
/// happened.
pub fn record_deliveries(
    conn: &mut DbConnection,
    token: &str,
    deliveries: &[Delivery],
) -> QueryResult<()> {
    conn.transaction(|conn| {
        for d in deliveries {
            match d {
                Delivery::Sent { id, at, response } => {
                    diesel::update(emails::table.find(id))
                        .set((
                            emails::status.eq(SENT),
                            emails::sent_at.eq(*at),
                            emails::smtp_response.eq(response),
                            emails::attempts.eq(emails::attempts + 1),
                            emails::locked_until.eq(None::<NaiveDateTime>),
                            emails::lease_token.eq(None::<String>),
                            emails::last_error.eq(None::<String>),
                        ))
                        .execute(conn)?;
                }
                Delivery::Failed {
                    id,
                    status,
                    error,
                    next_attempt_at,
                } => {
                    diesel::update(emails::table.find(id).filter(emails::lease_token.eq(token)))
                        .set((
                            emails::status.eq(status.as_str()),
                            emails::last_error.eq(error),
                            emails::attempts.eq(emails::attempts + 1),
                            emails::next_attempt_at.eq(*next_attempt_at),
                            emails::locked_until.eq(None::<NaiveDateTime>),
                            emails::lease_token.eq(None::<String>),
                        ))
                        .execute(conn)?;
                }
                Delivery::Released { id } => {
                    diesel::update(emails::table.find(id).filter(emails::lease_token.eq(token)))
                        .set((
                            emails::locked_until.eq(None::<NaiveDateTime>),
                            emails::lease_token.eq(None::<String>),
                        ))
                        .execute(conn)?;
                }
            }
        }
        Ok(())
    })
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<EmailRow>> {
    let found = emails::table
        .find(id)
        .select(EmailRow::as_select())
        .first(conn)
        .optional()?;
    Ok(with_shared_contexts(conn, found.into_iter().collect())?.pop())
}

/// Puts a failed or failing email back in the queue, due now.
pub fn retry(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        emails::table
            .find(id)
            .filter(emails::status.eq(FAILED).or(emails::status.eq(FAILING))),
    )
    .set((
        emails::status.eq(QUEUED),
        emails::next_attempt_at.eq(now),
        emails::locked_until.eq(None::<NaiveDateTime>),
        emails::lease_token.eq(None::<String>),
    ))
    .execute(conn)
}

#[derive(Debug, Default, Clone)]
pub struct EmailFilter {
    pub status: Option<EmailStatus>,
    pub consultation_id: Option<String>,
    pub recipient: Option<String>,
}

/// Newest first; after `after` (the time and id of the last email of the
/// previous page) when given.
pub fn list(
    conn: &mut DbConnection,
    filter: &EmailFilter,
    after: Option<(NaiveDateTime, &str)>,
    limit: i64,
) -> QueryResult<Vec<EmailRow>> {
    let mut q = emails::table.into_boxed();
    if let Some((at, id)) = after {
        q = q.filter(
            emails::created_at
                .lt(at)
                .or(emails::created_at.eq(at).and(emails::id.lt(id.to_owned()))),
        );
    }
    if let Some(s) = &filter.status {
        q = q.filter(emails::status.eq(s.as_str()));
    }
    if let Some(c) = &filter.consultation_id {
        q = q.filter(emails::consultation_id.eq(c.clone()));
    }
    if let Some(r) = &filter.recipient {
        q = q.filter(emails::recipient.eq(r.clone()));
    }
    let page = q
        .order((emails::created_at.desc(), emails::id.desc()))
        .limit(limit)
        .select(EmailRow::as_select())
        .load(conn)?;
    with_shared_contexts(conn, page)
}

pub fn insert_password_token(
    conn: &mut DbConnection,
    token_hash: &str,
    user_id: &str,
    purpose: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(password_tokens::table)
        .values((
            password_tokens::token_hash.eq(token_hash),
            password_tokens::user_id.eq(user_id),
            password_tokens::purpose.eq(purpose),
            password_tokens::created_at.eq(now),
            password_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// How many links of a purpose a user was sent since `since`.
pub fn password_tokens_since(
    conn: &mut DbConnection,
    user_id: &str,
    purpose: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    password_tokens::table
        .filter(password_tokens::user_id.eq(user_id))
        .filter(password_tokens::purpose.eq(purpose))
        .filter(password_tokens::created_at.gt(since))
        .count()
        .get_result(conn)
}

/// Ends every unused link of a user: its password was set or changed, or the
/// user was deactivated, so no older link may set another one.
pub fn revoke_password_tokens(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        password_tokens::table
            .filter(password_tokens::user_id.eq(user_id))
            .filter(password_tokens::used_at.is_null()),
    )
    .set(password_tokens::used_at.eq(now))
    .execute(conn)
}

/// Uses a token once: returns its user if it was unused and unexpired.
pub fn use_password_token(
    conn: &mut DbConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    let n = diesel::update(
        password_tokens::table
            .filter(password_tokens::token_hash.eq(token_hash))
            .filter(password_tokens::used_at.is_null())
            .filter(password_tokens::expires_at.gt(now)),
    )
    .set(password_tokens::used_at.eq(now))
    .execute(conn)?;
    if n == 0 {
        return Ok(None);
    }
    password_tokens::table
        .find(token_hash)
        .select(password_tokens::user_id)
        .first(conn)
        .optional()
}

/// Records that a one-off notice (invitations, a reminder round, the closing
/// summary) was queued for a consultation. Returns false if it already was.
/// In a savepoint, like `insert`.
pub fn record_notice(
    conn: &mut DbConnection,
    consultation_id: &str,
    notice: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let result = conn.transaction(|c| {
        diesel::insert_into(consultation_notices::table)
            .values((
                consultation_notices::consultation_id.eq(consultation_id),
                consultation_notices::notice.eq(notice),
                consultation_notices::created_at.eq(now),
            ))
            .execute(c)
    });
    match result {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

pub fn has_notice(
    conn: &mut DbConnection,
    consultation_id: &str,
    notice: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        consultation_notices::table
            .filter(consultation_notices::consultation_id.eq(consultation_id))
            .filter(consultation_notices::notice.eq(notice)),
    ))
    .get_result(conn)
}

/// How many emails are in each status (statuses with none are left out).
pub fn count_by_status(conn: &mut DbConnection) -> QueryResult<Vec<(String, i64)>> {
    emails::table
        .group_by(emails::status)
        .select((emails::status, diesel::dsl::count_star()))
        .load(conn)
}

/// When the email waiting longest for delivery became due (queued or
/// failing, due by `now`), if any.
pub fn oldest_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> QueryResult<Option<NaiveDateTime>> {
    emails::table
        .filter(
            emails::status.eq_any([EmailStatus::Queued.as_str(), EmailStatus::Failing.as_str()]),
        )
        .filter(emails::next_attempt_at.le(now))
        .select(diesel::dsl::min(emails::next_attempt_at))
        .first(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;

    /// The email INSERT kept prepared names every column, each with its own
    /// value: a row with every field set (a new field must be set here, and
    /// then in `binds`) reads back whole, one at a time or several at once.
    #[test]
    fn the_kept_insert_stores_every_field_of_an_email() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let mut conn = super::super::connect(&url).unwrap();
        super::super::migrate(&mut conn).unwrap();
        // The consultation it names need not exist for this check.
        conn.batch_execute("PRAGMA foreign_keys = OFF").unwrap();
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let row = EmailRow {
            id: "id-1".into(),
            message_id: "<m@x>".into(),
            kind: "reply_confirmation".into(),
            dedupe_key: Some("dedupe".into()),
            recipient: "a@b.test".into(),
            language: "fr".into(),
            subject: "Sujet".into(),
            body_text: "text".into(),
            body_html: "<p>html</p>".into(),
            ics: Some("BEGIN:VCALENDAR".into()),
            consultation_id: Some("c-1".into()),
            status: "failing".into(),
            attempts: 3,
            next_attempt_at: at("2024-08-21 21:59:00"),
            locked_until: Some(at("2024-08-21 22:00:00")),
            last_error: Some("refused".into()),
            smtp_response: Some("250 OK".into()),
            created_at: at("2024-08-20 10:00:00"),
            sent_at: Some(at("2024-08-21 22:01:00")),
            lease_token: Some("lease".into()),
            priority: 0,
            context: Some(r#"{"recipient_name":"Anne"}"#.into()),
            shared_context_id: Some("shared-1".into()),
        };
        insert_shared_context(&mut conn, "shared-1", r#"{"reference":"TSB 195"}"#).unwrap();
        assert_eq!(insert_kept(&mut conn, &row).unwrap(), 1);
        // As read, the shared context is joined to the email's own fields.
        let read = EmailRow {
            context: Some(r#"{"recipient_name":"Anne","reference":"TSB 195"}"#.into()),
            ..row.clone()
        };
        let stored = find(&mut conn, "id-1").unwrap().unwrap();
        assert_eq!(format!("{stored:?}"), format!("{read:?}"));
        let listed = list(&mut conn, &EmailFilter::default(), None, 10).unwrap();
        assert_eq!(format!("{listed:?}"), format!("{:?}", [&read]));
        // Several at once, as one moment's confirmations are stored.
        let others: Vec<EmailRow> = (2..=4)
            .map(|n| EmailRow {
                id: format!("id-{n}"),
                message_id: format!("<m{n}@x>"),
                dedupe_key: None,
                recipient: format!("{n}@b.test"),
                context: Some(format!(r#"{{"recipient_name":"Reader {n}"}}"#)),
                ..row.clone()
            })
            .collect();
        insert_all(&mut conn, &others).unwrap();
        for other in &others {
            let read = find(&mut conn, &other.id).unwrap().unwrap();
            let n = &other.id[3..];
            let expected = EmailRow {
                context: Some(format!(
                    r#"{{"recipient_name":"Reader {n}","reference":"TSB 195"}}"#
                )),
                ..other.clone()
            };
            assert_eq!(format!("{read:?}"), format!("{expected:?}"));
        }
        // As stored, the email keeps only its own.
        let own: Option<String> = emails::table
            .find("id-1")
            .select(emails::context)
            .first(&mut conn)
            .unwrap();
        assert_eq!(own, row.context);
    }

    #[test]
    fn an_emails_own_fields_join_the_shared_context_and_win() {
        let shared = r#"{"a":1,"b":{"c":2},"name":"shared"}"#;
        let joined: serde_json::Value =
            serde_json::from_str(&joined_context(shared, Some(r#"{"name":"own","d":null}"#)))
                .unwrap();
        assert_eq!(
            joined,
            serde_json::json!({"a": 1, "b": {"c": 2}, "name": "own", "d": null})
        );
        // Without fields of its own, the shared context as it is.
        let alone: serde_json::Value = serde_json::from_str(&joined_context(shared, None)).unwrap();
        assert_eq!(
            alone,
            serde_json::from_str::<serde_json::Value>(shared).unwrap()
        );
        // Unreadable text is kept as it is, for the renderer to report.
        assert_eq!(joined_context("not json", Some("{}")), "not json");
        assert_eq!(joined_context(shared, Some("[1]")), "[1]");
    }
}
