-- The outbox made anew, for what each reply's confirmation costs to insert
-- (docs/benchmarks.md: the writer's CPU per reply -5 %), rows copied in this
-- migration's transaction (SQLite cannot change a column's constraints):
-- - `dedupe_key` unique only where it is set (a partial index): a
--   confirmation has none, and its NULL took an entry in the column's
--   UNIQUE index all the same;
-- - the status checked by comparisons: SQLite evaluates `IN` with more than
--   two constants by building a temporary B-tree at every insert and update.
CREATE TABLE emails_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    dedupe_key TEXT,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    ics TEXT,
    consultation_id TEXT REFERENCES consultations (id),
    status TEXT NOT NULL CHECK (status = 'queued' OR status = 'sent' OR status = 'failing' OR status = 'failed'),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    smtp_response TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    lease_token TEXT NULL,
    priority INTEGER NOT NULL DEFAULT 1,
    context TEXT NULL
);
INSERT INTO emails_rebuilt (id, message_id, kind, dedupe_key, recipient, language, subject, body_text, body_html, ics, consultation_id, status, attempts, next_attempt_at, locked_until, last_error, smtp_response, created_at, sent_at, lease_token, priority, context)
    SELECT id, message_id, kind, dedupe_key, recipient, language, subject, body_text, body_html, ics, consultation_id, status, attempts, next_attempt_at, locked_until, last_error, smtp_response, created_at, sent_at, lease_token, priority, context FROM emails;
DROP TABLE emails;
ALTER TABLE emails_rebuilt RENAME TO emails;
CREATE UNIQUE INDEX emails_dedupe_key ON emails (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX emails_due ON emails (status, next_attempt_at);
CREATE INDEX emails_due_by_priority ON emails (status, priority, next_attempt_at);
CREATE INDEX emails_consultation ON emails (consultation_id);
CREATE INDEX emails_lease ON emails (lease_token) WHERE lease_token IS NOT NULL;
