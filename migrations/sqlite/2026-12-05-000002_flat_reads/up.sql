-- The reply slot names its current revision by id, so that reading the
-- current replies of a consultation starts from its 193 slots and never
-- walks the revisions it has superseded (a tally costs the same after
-- 100 000 revisions as after the first).
ALTER TABLE replies ADD COLUMN current_revision_id TEXT NULL REFERENCES reply_revisions (id);
UPDATE replies SET current_revision_id = (
    SELECT rv.id FROM reply_revisions rv
    WHERE rv.consultation_id = replies.consultation_id
      AND rv.member_state = replies.member_state
      AND rv.revision = replies.current_revision
);
-- Late replies (kept, never counted) are few: found without walking the
-- consultation's revisions.
CREATE INDEX reply_revisions_late ON reply_revisions (consultation_id, member_state, revision) WHERE late <> 0;
