DROP TABLE consultation_notices;
DROP TABLE password_tokens;
DROP TABLE emails;
