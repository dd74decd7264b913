-- PostgreSQL's form of ../0009_signin_counters.sql: Unix seconds need BIGINT.
-- Sign-in throttling counters, kept in the database so every instance
-- sharing it counts the same tries. One row per (scope, key): a fixed
-- window that starts with its first try and ends at expires_at (Unix
-- seconds). Keys are SHA-256 hashes: what was typed into the email field
-- (sometimes a password) is never stored as typed.

CREATE TABLE signin_counters (
    scope      TEXT COLLATE "C"    NOT NULL,
    key        TEXT COLLATE "C"    NOT NULL,
    tries      BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idx_signin_counters_expires_at ON signin_counters (expires_at);
