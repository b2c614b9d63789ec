-- Failed sign-ins per email address, to slow down password guessing across
-- every instance. Rows older than the window are removed as new ones come.
CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, failed_at);
