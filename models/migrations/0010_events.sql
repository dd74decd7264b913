-- The transactional outbox: one row per change a frontend can see, written
-- in the same transaction as the change, so an event exists if and only if
-- its change committed. position is the change feed's order; SQLite's one
-- writer commits positions in order, so a reader never sees a later
-- position before an earlier one. AUTOINCREMENT keeps positions from being
-- reused after the newest events are pruned.
CREATE TABLE events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    occurred_at DATETIME NOT NULL,
    -- article_id and locale are set for article events: deliveries to one
    -- endpoint keep their order per article, and endpoints filter on locale.
    article_id  INTEGER,
    locale      TEXT,
    data        TEXT    NOT NULL
);
CREATE INDEX idx_events_occurred_at ON events (occurred_at);
