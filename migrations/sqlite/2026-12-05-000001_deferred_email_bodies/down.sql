ALTER TABLE emails DROP COLUMN context;
