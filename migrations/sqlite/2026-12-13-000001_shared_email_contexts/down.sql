-- Each email gets back its whole context: the shared fields with its own.
UPDATE emails
SET context = json_patch(
    (SELECT c.context FROM email_contexts c WHERE c.id = emails.shared_context_id),
    COALESCE(emails.context, '{}'))
WHERE shared_context_id IS NOT NULL;
ALTER TABLE emails DROP COLUMN shared_context_id;
DROP TABLE email_contexts;
