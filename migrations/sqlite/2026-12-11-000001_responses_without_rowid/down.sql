CREATE TABLE reply_responses_with_rowid (
    revision_id TEXT NOT NULL REFERENCES reply_revisions (id),
    draft_id TEXT NOT NULL REFERENCES drafts (id),
    position TEXT NOT NULL CHECK (position IN ('yes', 'no')),
    reasons TEXT,
    comments TEXT,
    PRIMARY KEY (revision_id, draft_id)
);
INSERT INTO reply_responses_with_rowid (revision_id, draft_id, position, reasons, comments)
    SELECT revision_id, draft_id, position, reasons, comments FROM reply_responses;
DROP TABLE reply_responses;
ALTER TABLE reply_responses_with_rowid RENAME TO reply_responses;
