-- An email's bodies are rendered when it is sent, from what its templates
-- read (JSON, stored with it when it was promised), so that a reply's
-- transaction stores a small record instead of three rendered documents.
-- body_text and body_html stay for emails rendered before this change.
ALTER TABLE emails ADD COLUMN context TEXT NULL;
