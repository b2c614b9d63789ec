ALTER TABLE reply_revisions DROP COLUMN responses_digest;
