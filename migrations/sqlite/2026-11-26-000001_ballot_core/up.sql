-- Ballot core. Instants are UTC, stored as diesel's TIMESTAMP text.
CREATE TABLE member_states (
    iso3 TEXT PRIMARY KEY NOT NULL,
    iso2 TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    itu_name_en TEXT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('tsb', 'member')),
    member_state TEXT REFERENCES member_states (iso3),
    password_hash TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    token_version INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    deactivated_at TIMESTAMP,
    CHECK ((role = 'member') = (member_state IS NOT NULL))
);
CREATE INDEX users_member_state ON users (member_state);

CREATE TABLE app_settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE consultations (
    id TEXT PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL,
    study_group TEXT NOT NULL,
    title TEXT NOT NULL,
    deadline TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    meeting_starts_on DATE,
    meeting_ends_on DATE,
    meeting_place TEXT,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX consultations_closes_at ON consultations (closes_at);

CREATE TABLE drafts (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    ordinal INTEGER NOT NULL,
    number TEXT NOT NULL,
    provisional_name TEXT NOT NULL,
    title TEXT NOT NULL,
    text_url TEXT,
    UNIQUE (consultation_id, number),
    UNIQUE (consultation_id, ordinal)
);

-- One row per consultation and Member State, created with the consultation. The
-- row is the lock that serialises revisions of one Member State's reply.
CREATE TABLE replies (
    consultation_id TEXT NOT NULL REFERENCES consultations (id),
    member_state TEXT NOT NULL REFERENCES member_states (iso3),
    current_revision INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP,
    PRIMARY KEY (consultation_id, member_state)
);

CREATE TABLE reply_revisions (
    id TEXT PRIMARY KEY NOT NULL,
    consultation_id TEXT NOT NULL,
    member_state TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    received_at TIMESTAMP NOT NULL,
    receipt TEXT NOT NULL UNIQUE,
    entered_by TEXT NOT NULL REFERENCES users (id),
    on_behalf INTEGER NOT NULL DEFAULT 0,
    source_note TEXT,
    UNIQUE (consultation_id, member_state, revision),
    FOREIGN KEY (consultation_id, member_state) REFERENCES replies (consultation_id, member_state)
);

CREATE TABLE reply_responses (
    revision_id TEXT NOT NULL REFERENCES reply_revisions (id),
    draft_id TEXT NOT NULL REFERENCES drafts (id),
    position TEXT NOT NULL CHECK (position IN ('yes', 'no')),
    reasons TEXT,
    comments TEXT,
    PRIMARY KEY (revision_id, draft_id)
);
