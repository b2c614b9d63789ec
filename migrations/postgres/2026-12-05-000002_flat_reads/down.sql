DROP INDEX reply_revisions_late;
ALTER TABLE replies DROP COLUMN current_revision_id;
