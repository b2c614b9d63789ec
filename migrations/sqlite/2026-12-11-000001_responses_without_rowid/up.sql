-- A reply's responses stored in their primary key's B-tree alone (WITHOUT
-- ROWID): before, each of a reply's eight rows went into the table and
-- again into the key's index, two B-trees for rows that are only ever read
-- by that key (docs/benchmarks.md: the writer's CPU per reply -2 to -10 %).
-- SQLite cannot change a table's kind in place: the table is made anew and
-- its rows copied, in this migration's transaction.
CREATE TABLE reply_responses_by_key (
    revision_id TEXT NOT NULL REFERENCES reply_revisions (id),
    draft_id TEXT NOT NULL REFERENCES drafts (id),
    position TEXT NOT NULL CHECK (position IN ('yes', 'no')),
    reasons TEXT,
    comments TEXT,
    PRIMARY KEY (revision_id, draft_id)
) WITHOUT ROWID;
INSERT INTO reply_responses_by_key (revision_id, draft_id, position, reasons, comments)
    SELECT revision_id, draft_id, position, reasons, comments FROM reply_responses;
DROP TABLE reply_responses;
ALTER TABLE reply_responses_by_key RENAME TO reply_responses;
