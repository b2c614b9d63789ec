-- Failed sign-ins per client address (the peer, or the address a trusted
-- proxy forwarded), beside those per email address: guessing one password
-- for many accounts from one place is slowed down too. Rows older than the
-- window are removed as new ones come.
CREATE TABLE sign_in_client_failures (
    id TEXT PRIMARY KEY NOT NULL,
    client TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_client_failures_client ON sign_in_client_failures (client, failed_at);
