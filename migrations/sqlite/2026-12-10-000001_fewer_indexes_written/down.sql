DROP INDEX emails_lease;
CREATE INDEX emails_lease ON emails (lease_token);
CREATE INDEX audit_events_subject ON audit_events (subject, at);
