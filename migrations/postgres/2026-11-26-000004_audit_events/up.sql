-- Who changed what, when: one row per change, written in the transaction of
-- the change itself. Never updated or deleted by the service.
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    -- The user who acted; NULL for the command line.
    actor_id TEXT REFERENCES users (id),
    -- "Name <email>" at the time, or "command line": readable after renames.
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    -- "consultation/ID", "consultation/ID/reply/ISO3", "user/ID", "email/ID".
    subject TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_subject ON audit_events (subject, at);
