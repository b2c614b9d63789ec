-- The digest of a revision's responses (SHA-256 of their stored form,
-- store::replies::responses_digest): a new reply is compared with the one it
-- follows by digest, and responses are read only when the digests are equal.
-- NULL for revisions stored before: those are compared response by response.
ALTER TABLE reply_revisions ADD COLUMN responses_digest BYTEA;
