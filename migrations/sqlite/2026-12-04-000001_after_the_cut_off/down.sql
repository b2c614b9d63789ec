DROP TABLE decision_positions;
DROP TABLE decisions;
ALTER TABLE consultations DROP COLUMN certified_by;
ALTER TABLE consultations DROP COLUMN certified_at;
ALTER TABLE reply_revisions DROP COLUMN late;
ALTER TABLE reply_revisions DROP COLUMN entered_at;
