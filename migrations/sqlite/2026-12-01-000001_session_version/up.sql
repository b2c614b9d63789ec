-- Signing out ends every web session of the user on the server: sessions carry
-- this version and are refused once it has moved on.
ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
