-- Entries stored with what they record, in its transaction, waiting for
-- their place in the tree: appended in queue order, many under one lock and
-- one signed checkpoint, right after the commit (and at start-up, for any
-- left by a process that stopped in between).
CREATE TABLE log_queue (
    id BIGSERIAL PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    consultation_id TEXT NULL,
    member_state TEXT NULL,
    record_id TEXT NOT NULL,
    entry TEXT NOT NULL,
    queued_at TIMESTAMP NOT NULL
);
-- No index but the key: it holds the entries of the moment only, and each
-- index would be written and erased with every entry.
