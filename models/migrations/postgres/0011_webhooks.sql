-- PostgreSQL's form of ../0011_webhooks.sql.
CREATE TABLE webhook_endpoints (
    id            TEXT COLLATE "C"     PRIMARY KEY,
    url           TEXT COLLATE "C"     NOT NULL,
    description   TEXT COLLATE "C"     NOT NULL DEFAULT '',
    event_types   TEXT COLLATE "C"     NOT NULL DEFAULT '',
    locales       TEXT COLLATE "C"     NOT NULL DEFAULT '',
    active        BOOLEAN  NOT NULL DEFAULT TRUE,
    paused_reason TEXT COLLATE "C"     NOT NULL DEFAULT '',
    secret        TEXT COLLATE "C"     NOT NULL,
    cursor        BIGINT   NOT NULL DEFAULT 0,
    failing_since TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              BIGSERIAL PRIMARY KEY,
    endpoint_id     TEXT COLLATE "C"     NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_position  BIGINT,
    event_id        TEXT COLLATE "C"     NOT NULL,
    event_type      TEXT COLLATE "C"     NOT NULL,
    article_id      BIGINT,
    payload         JSON     NOT NULL,           -- JSON keeps the body byte for byte
    state           TEXT COLLATE "C"     NOT NULL,
    attempts        BIGINT   NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_status     BIGINT   NOT NULL DEFAULT 0,
    last_error      TEXT COLLATE "C"     NOT NULL DEFAULT '',
    duration_ms     BIGINT   NOT NULL DEFAULT 0,
    delivered_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_webhook_deliveries_pending ON webhook_deliveries (endpoint_id, state, article_id, id);
CREATE INDEX idx_webhook_deliveries_created ON webhook_deliveries (created_at);
