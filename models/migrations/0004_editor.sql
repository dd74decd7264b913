-- What keeps an editor's work from being lost, and lets them preview it:
-- a revision per saved translation, who moved an article to the trash,
-- soft locks that say who is editing, and the site's own settings (the
-- preview tokens' signing secret, shared by every instance).

-- One row per saved translation, with the values as stored (the body
-- sanitised). Rows are never updated; they go with their article.
CREATE TABLE article_revisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    locale       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    status       TEXT NOT NULL,
    published_at DATETIME,
    title        TEXT NOT NULL DEFAULT '',
    slug         TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    body_html    TEXT NOT NULL DEFAULT '',
    byline       TEXT NOT NULL DEFAULT '',
    editor_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   DATETIME NOT NULL
);
-- A translation's history, newest first, is one range of this index.
CREATE INDEX idx_article_revisions_article ON article_revisions (article_id, locale, id);
-- Deleting a user sets editor_id to NULL: without an index that would
-- read every revision.
CREATE INDEX idx_article_revisions_editor ON article_revisions (editor_id);

-- Translations saved before revisions existed start their history with
-- what they are now, so the first diff and restore have something to use.
INSERT INTO article_revisions (article_id, locale, version, status, published_at, title, slug, summary, body_html, byline, editor_id, created_at)
SELECT article_id, locale, version, status, published_at, title, slug, summary, body_html, byline, updated_by_id, updated_at
FROM article_translations;

ALTER TABLE articles ADD COLUMN trashed_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL;

-- A soft lock: advice, not enforcement. Saves are still guarded by
-- versions; the lock only tells a second editor who is already at work.
CREATE TABLE article_locks (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    acquired_at DATETIME NOT NULL,
    seen_at     DATETIME NOT NULL
);
CREATE INDEX idx_article_locks_user ON article_locks (user_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
