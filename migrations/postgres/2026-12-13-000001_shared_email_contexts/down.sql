-- Each email gets back its whole context: the shared fields with its own.
UPDATE emails
SET context = (c.context::jsonb || COALESCE(emails.context, '{}')::jsonb)::text
FROM email_contexts c
WHERE c.id = emails.shared_context_id;
ALTER TABLE emails DROP COLUMN shared_context_id;
DROP TABLE email_contexts;
