-- PostgreSQL's form of ../0030_import_runs.sql.
CREATE TABLE import_runs (
    id             BIGSERIAL PRIMARY KEY,
    started_by     BIGINT NOT NULL REFERENCES users (id),
    file_name      TEXT COLLATE "C" NOT NULL DEFAULT '',
    options        TEXT COLLATE "C" NOT NULL DEFAULT '{}',
    state          TEXT COLLATE "C" NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'interrupted')),
    posts_done     BIGINT NOT NULL DEFAULT 0,
    posts_total    BIGINT NOT NULL DEFAULT 0,
    pictures_done  BIGINT NOT NULL DEFAULT 0,
    pictures_total BIGINT NOT NULL DEFAULT 0,
    report         TEXT COLLATE "C" NOT NULL DEFAULT '',
    error          TEXT COLLATE "C" NOT NULL DEFAULT '',
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    heartbeat_at   TIMESTAMPTZ NOT NULL
);
-- One run at a time: at most one row is queued or running.
CREATE UNIQUE INDEX idx_import_runs_one_active ON import_runs ((state IN ('queued', 'running'))) WHERE state IN ('queued', 'running');
CREATE INDEX idx_import_runs_started ON import_runs (started_at);
