-- Indexes every reply wrote into and no query reads (measured: the pages a
-- group commit writes to the WAL, docs/benchmarks.md).
--
-- audit_events_subject: keyed by subject, so each reply's event landed on
-- another page of it (a fifth of the pages of a group's commit), and the one
-- query filtering by subject (store::audit::list: subject = ? OR subject
-- LIKE ? ESCAPE) cannot use it on SQLite: the planner walks audit_events_at
-- newest first, as it did before.
DROP INDEX audit_events_subject;
-- emails_lease: only leased emails are looked up by their lease; the NULLs
-- of every queued email needed no entry.
DROP INDEX emails_lease;
CREATE INDEX emails_lease ON emails (lease_token) WHERE lease_token IS NOT NULL;
