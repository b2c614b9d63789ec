DROP INDEX emails_due_by_priority;
DROP INDEX emails_lease;
ALTER TABLE emails DROP COLUMN priority;
ALTER TABLE emails DROP COLUMN lease_token;
ALTER TABLE consultations DROP COLUMN sealed_at;
