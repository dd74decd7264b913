-- Payvand's first schema. Written as SQL rather than derived from the live Go
-- structs so that it never changes after release: later steps alter it.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT 1,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_users_email ON users (email);

CREATE TABLE sections (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    slug       TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    parent_id  INTEGER REFERENCES sections (id) ON DELETE RESTRICT,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_sections_slug ON sections (slug);
CREATE INDEX idx_sections_parent ON sections (parent_id);
CREATE INDEX idx_sections_position ON sections (position, id);

CREATE TABLE section_names (
    section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    locale     TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (section_id, locale)
);

CREATE TABLE media (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    hash           TEXT NOT NULL,
    path           TEXT NOT NULL,
    mime_type      TEXT NOT NULL,
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL,
    byte_size      INTEGER NOT NULL,
    original_name  TEXT NOT NULL DEFAULT '',
    uploaded_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_media_hash ON media (hash);
CREATE INDEX idx_media_created ON media (created_at, id);

CREATE TABLE media_texts (
    media_id INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    locale   TEXT NOT NULL,
    alt      TEXT NOT NULL DEFAULT '',
    caption  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (media_id, locale)
);

CREATE TABLE media_variants (
    media_id  INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    path      TEXT NOT NULL,
    width     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    byte_size INTEGER NOT NULL,
    mime_type TEXT NOT NULL,
    PRIMARY KEY (media_id, name)
);

CREATE TABLE articles (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    section_id        INTEGER NOT NULL REFERENCES sections (id) ON DELETE RESTRICT,
    featured_media_id INTEGER REFERENCES media (id) ON DELETE SET NULL,
    archived          BOOLEAN NOT NULL DEFAULT 0,
    trashed_at        DATETIME,
    view_count        INTEGER NOT NULL DEFAULT 0,
    author_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        DATETIME NOT NULL,
    updated_at        DATETIME NOT NULL
);
CREATE INDEX idx_articles_section ON articles (section_id);
CREATE INDEX idx_articles_featured_media ON articles (featured_media_id);
CREATE INDEX idx_articles_updated ON articles (updated_at, id);

CREATE TABLE article_translations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    locale         TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    published_at   DATETIME,
    title          TEXT NOT NULL DEFAULT '',
    slug           TEXT NOT NULL,
    summary        TEXT NOT NULL DEFAULT '',
    body_html      TEXT NOT NULL DEFAULT '',
    byline         TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    updated_by_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX idx_article_translations_article_locale ON article_translations (article_id, locale);
CREATE UNIQUE INDEX idx_article_translations_locale_slug ON article_translations (locale, slug);

CREATE TABLE article_slugs (
    locale     TEXT NOT NULL,
    slug       TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (locale, slug)
);
CREATE INDEX idx_article_slugs_article ON article_slugs (article_id);

CREATE TABLE article_relations (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (article_id, related_id),
    CHECK (article_id <> related_id)
);
CREATE INDEX idx_article_relations_order ON article_relations (article_id, position, related_id);
CREATE INDEX idx_article_relations_related ON article_relations (related_id, created_at, article_id);

-- The public listing index: see ArticleListing. published_at is Unix seconds
-- so comparisons are exact and cheap in every database.
CREATE TABLE article_listings (
    locale       TEXT NOT NULL,
    scope_id     INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (locale, scope_id, published_at, article_id)
);
CREATE INDEX idx_article_listings_article ON article_listings (article_id);
CREATE INDEX idx_article_listings_published ON article_listings (published_at);

CREATE TABLE article_daily_views (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    views      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, day)
);
