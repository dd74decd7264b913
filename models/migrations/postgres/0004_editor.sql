-- PostgreSQL's form of ../0004_editor.sql.

CREATE TABLE article_revisions (
    id           BIGSERIAL PRIMARY KEY,
    article_id   BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    locale       TEXT COLLATE "C" NOT NULL,
    version      BIGINT NOT NULL,
    status       TEXT COLLATE "C" NOT NULL,
    published_at TIMESTAMPTZ,
    title        TEXT COLLATE "C" NOT NULL DEFAULT '',
    slug         TEXT COLLATE "C" NOT NULL DEFAULT '',
    summary      TEXT COLLATE "C" NOT NULL DEFAULT '',
    body_html    TEXT COLLATE "C" NOT NULL DEFAULT '',
    byline       TEXT COLLATE "C" NOT NULL DEFAULT '',
    editor_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_article_revisions_article ON article_revisions (article_id, locale, id);
CREATE INDEX idx_article_revisions_editor ON article_revisions (editor_id);

INSERT INTO article_revisions (article_id, locale, version, status, published_at, title, slug, summary, body_html, byline, editor_id, created_at)
SELECT article_id, locale, version, status, published_at, title, slug, summary, body_html, byline, updated_by_id, updated_at
FROM article_translations ORDER BY id;

ALTER TABLE articles ADD COLUMN trashed_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE article_locks (
    article_id  BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    acquired_at TIMESTAMPTZ NOT NULL,
    seen_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_article_locks_user ON article_locks (user_id);

CREATE TABLE settings (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value BYTEA NOT NULL
);
