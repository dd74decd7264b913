-- Admin accounts: server-side sessions, interface language, and a session
-- version that ends every session of a user when bumped (deactivation,
-- password reset), on every instance sharing this database.

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry DATETIME NOT NULL
);
CREATE INDEX idx_sessions_expiry ON sessions (expiry);

ALTER TABLE users ADD COLUMN ui_language TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN last_login_at DATETIME;
