DROP TABLE log_queue;
