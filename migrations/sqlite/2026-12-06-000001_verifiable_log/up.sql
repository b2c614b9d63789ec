-- The verifiable log (RFC 9162 §2.1 Merkle tree, C2SP checkpoints). One row
-- an entry: its exact bytes (RFC 8785 JSON), the tree hashes it completed
-- (golang.org/x/mod/sumdb/tlog "stored hashes": its leaf hash, then the
-- subtrees it closed, lowest first), and the signed checkpoint of the tree
-- it ends, so that every receipt is self-contained the moment it is made.
CREATE TABLE log_entries (
    leaf_index INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    consultation_id TEXT NULL,
    member_state TEXT NULL,
    -- The row the entry records: a revision, consultation or decision.
    record_id TEXT NOT NULL,
    entry TEXT NOT NULL,
    hashes BLOB NOT NULL,
    checkpoint TEXT NOT NULL,
    appended_at TIMESTAMP NOT NULL
);
CREATE INDEX log_entries_record ON log_entries (record_id);
CREATE INDEX log_entries_consultation ON log_entries (consultation_id, leaf_index);
-- The tree's right edge: its size and the hashes of its full subtrees,
-- largest first. Appends lock this row, so the log never forks.
CREATE TABLE log_head (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    tree_size BIGINT NOT NULL,
    frontier BLOB NOT NULL
);
INSERT INTO log_head (id, tree_size, frontier) VALUES (1, 0, x'');
