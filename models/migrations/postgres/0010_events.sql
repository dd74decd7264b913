-- PostgreSQL's form of ../0010_events.sql. position comes from a sequence,
-- never reused; recordEvents serialises event-recording transactions so
-- positions also commit in order (see lockEventOrder).
CREATE TABLE events (
    position    BIGSERIAL PRIMARY KEY,
    id          TEXT COLLATE "C"    NOT NULL UNIQUE,
    type        TEXT COLLATE "C"    NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    article_id  BIGINT,
    locale      TEXT COLLATE "C",
    data        JSON    NOT NULL -- JSON keeps the text byte for byte, as built
);
CREATE INDEX idx_events_occurred_at ON events (occurred_at);
