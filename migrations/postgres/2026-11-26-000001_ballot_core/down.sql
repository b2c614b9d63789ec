DROP TABLE reply_responses;
DROP TABLE reply_revisions;
DROP TABLE replies;
DROP TABLE drafts;
DROP TABLE consultations;
DROP TABLE app_settings;
DROP TABLE users;
DROP TABLE member_states;
