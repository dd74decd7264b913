-- PostgreSQL's form of ../0002_accounts.sql.

CREATE TABLE sessions (
    token  TEXT COLLATE "C" PRIMARY KEY,
    data   BYTEA NOT NULL,
    expiry TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_sessions_expiry ON sessions (expiry);

ALTER TABLE users ADD COLUMN ui_language TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN session_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMPTZ;
