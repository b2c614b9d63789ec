-- Every notice of change (and a cancellation) raises the calendar entry's
-- SEQUENCE, so calendars replace the entry of the invitation (same UID).
ALTER TABLE consultations ADD COLUMN notice_sequence INTEGER NOT NULL DEFAULT 0;
-- A cancelled consultation keeps its replies and tally; it refuses replies.
ALTER TABLE consultations ADD COLUMN cancelled_at TIMESTAMP NULL;
ALTER TABLE consultations ADD COLUMN cancelled_by TEXT NULL;
ALTER TABLE consultations ADD COLUMN cancellation_reason TEXT NULL;
