-- The cut-off is sealed once: the first step after `closes_at` that reports
-- the tally final (a tally read, the worker) records when, under an exclusive
-- lock that waits for every reply still in flight. Only then is it final.
ALTER TABLE consultations ADD COLUMN sealed_at TIMESTAMP NULL;
-- The worker claims emails in batches: a claim marks the rows it took with
-- its token, so it can read them back without RETURNING.
ALTER TABLE emails ADD COLUMN lease_token TEXT NULL;
-- Lower goes first: time-bound notices (closing summaries, account links)
-- are not held up behind a backlog of confirmations.
ALTER TABLE emails ADD COLUMN priority INTEGER NOT NULL DEFAULT 1;
CREATE INDEX emails_lease ON emails (lease_token);
CREATE INDEX emails_due_by_priority ON emails (status, priority, next_attempt_at);
