-- TSB enters replies received by fax or email after the cut-off: the time
-- it attests (received_at) is kept beside the time it was entered.
ALTER TABLE reply_revisions ADD COLUMN entered_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE reply_revisions SET entered_at = received_at;
-- A reply received after the cut-off: kept and reported, never counted.
ALTER TABLE reply_revisions ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
-- Once TSB certifies the result to the chairman, no reply can be entered.
ALTER TABLE consultations ADD COLUMN certified_at TIMESTAMP NULL;
ALTER TABLE consultations ADD COLUMN certified_by TEXT NULL;
-- The meeting's decision per draft (Resolution 1, 9.5-9.6).
CREATE TABLE decisions (
    consultation_id TEXT NOT NULL REFERENCES consultations(id),
    draft_id TEXT NOT NULL REFERENCES drafts(id),
    outcome TEXT NOT NULL,
    decided_on DATE NOT NULL,
    deferred_until DATE NULL,
    note TEXT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by TEXT NOT NULL,
    PRIMARY KEY (consultation_id, draft_id)
);
CREATE TABLE decision_positions (
    consultation_id TEXT NOT NULL,
    draft_id TEXT NOT NULL,
    member_state TEXT NOT NULL REFERENCES member_states(iso3),
    -- 'reservation' (with its text) or 'abstention'
    kind TEXT NOT NULL,
    text TEXT NULL,
    PRIMARY KEY (consultation_id, draft_id, member_state, kind),
    FOREIGN KEY (consultation_id, draft_id) REFERENCES decisions(consultation_id, draft_id)
);
