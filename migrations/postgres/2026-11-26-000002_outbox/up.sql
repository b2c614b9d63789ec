-- Transactional outbox: every email the service promises is a row, written in
-- the same transaction as the change that causes it, rendered at that time.
CREATE TABLE emails (
    id TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    -- Set for emails that must be sent once only (reminders, summaries).
    dedupe_key TEXT UNIQUE,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    ics TEXT,
    consultation_id TEXT REFERENCES consultations (id),
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failing', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    smtp_response TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX emails_due ON emails (status, next_attempt_at);
CREATE INDEX emails_consultation ON emails (consultation_id);

-- Single-use links to set a password (invitation) or reset it. Only a hash of
-- the token is kept.
CREATE TABLE password_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX password_tokens_user ON password_tokens (user_id);

-- One-off notices already queued per consultation (invitations, each reminder
-- round, the closing summary), so that each goes out once, even with several
-- workers.
CREATE TABLE consultation_notices (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    notice TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, notice)
);
