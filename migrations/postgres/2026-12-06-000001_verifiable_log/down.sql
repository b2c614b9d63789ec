DROP TABLE log_head;
DROP TABLE log_entries;
