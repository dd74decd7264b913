-- Webhook endpoints and their deliveries. The worker hands each endpoint
-- the events after its cursor (an events.position) by writing one
-- delivery row per matching event, in the same transaction that moves the
-- cursor, so an event is handed to an endpoint exactly once even with
-- several instances; the rows then carry every attempt's state, so
-- delivery survives restarts and kill -9.
CREATE TABLE webhook_endpoints (
    id            TEXT     PRIMARY KEY,          -- wh_…
    url           TEXT     NOT NULL,
    description   TEXT     NOT NULL DEFAULT '',
    event_types   TEXT     NOT NULL DEFAULT '',  -- comma-separated; empty means all
    locales       TEXT     NOT NULL DEFAULT '',  -- comma-separated; empty means all
    active        INTEGER  NOT NULL DEFAULT 1,
    paused_reason TEXT     NOT NULL DEFAULT '',  -- '' (by hand) or 'failing'
    secret        TEXT     NOT NULL,             -- whsec_…
    cursor        INTEGER  NOT NULL DEFAULT 0,   -- last event position handed to it
    failing_since DATETIME,                      -- first failure of the current run
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              INTEGER  PRIMARY KEY AUTOINCREMENT,
    endpoint_id     TEXT     NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_position  INTEGER,                     -- NULL for test events
    event_id        TEXT     NOT NULL,           -- webhook-id, the same on every attempt
    event_type      TEXT     NOT NULL,
    article_id      INTEGER,                     -- deliveries of one article keep their order
    payload         TEXT     NOT NULL,           -- the body, exactly as first built
    state           TEXT     NOT NULL,           -- pending, delivered, failed
    attempts        INTEGER  NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL,
    last_status     INTEGER  NOT NULL DEFAULT 0,
    last_error      TEXT     NOT NULL DEFAULT '',
    duration_ms     INTEGER  NOT NULL DEFAULT 0,
    delivered_at    DATETIME,
    created_at      DATETIME NOT NULL
);
-- The worker's "next due delivery of this endpoint" and the article-order
-- check both walk this index.
CREATE INDEX idx_webhook_deliveries_pending ON webhook_deliveries (endpoint_id, state, article_id, id);
CREATE INDEX idx_webhook_deliveries_created ON webhook_deliveries (created_at);
