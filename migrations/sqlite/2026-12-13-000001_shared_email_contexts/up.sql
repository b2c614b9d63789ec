-- What several emails of one moment say alike, stored once: a reply's
-- confirmations tell the same revision to its submitter, each focal point and
-- TSB's copy, and each copied the whole context (drafts, titles, responses).
-- Such an email keeps only its own fields (its reader's name, the Member State
-- in its language) in emails.context and names the rest here.
CREATE TABLE email_contexts (
    id TEXT PRIMARY KEY NOT NULL,
    context TEXT NOT NULL
);
ALTER TABLE emails ADD COLUMN shared_context_id TEXT REFERENCES email_contexts (id);
