-- Imports started from the admin's Import page, one row per run. Payvand
-- runs as several stateless instances, so the run's state lives here, not
-- in the memory of the instance that took the upload: every instance shows
-- its progress. That instance writes posts and pictures done, and
-- heartbeat_at, as it goes; a row left queued or running without a
-- heartbeat for a while belongs to an instance that died, and is shown
-- (and recorded, when the next run starts) as interrupted. options and
-- report are JSON: what the form asked, and wpimport's report.
CREATE TABLE import_runs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    started_by     INTEGER NOT NULL REFERENCES users (id),
    file_name      TEXT NOT NULL DEFAULT '',
    options        TEXT NOT NULL DEFAULT '{}',
    state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'interrupted')),
    posts_done     INTEGER NOT NULL DEFAULT 0,
    posts_total    INTEGER NOT NULL DEFAULT 0,
    pictures_done  INTEGER NOT NULL DEFAULT 0,
    pictures_total INTEGER NOT NULL DEFAULT 0,
    report         TEXT NOT NULL DEFAULT '',
    error          TEXT NOT NULL DEFAULT '',
    started_at     DATETIME NOT NULL,
    finished_at    DATETIME,
    heartbeat_at   DATETIME NOT NULL
);
-- One run at a time: at most one row is queued or running.
CREATE UNIQUE INDEX idx_import_runs_one_active ON import_runs ((state IN ('queued', 'running'))) WHERE state IN ('queued', 'running');
CREATE INDEX idx_import_runs_started ON import_runs (started_at);
