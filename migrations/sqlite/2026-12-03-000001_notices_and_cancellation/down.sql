ALTER TABLE consultations DROP COLUMN cancellation_reason;
ALTER TABLE consultations DROP COLUMN cancelled_by;
ALTER TABLE consultations DROP COLUMN cancelled_at;
ALTER TABLE consultations DROP COLUMN notice_sequence;
