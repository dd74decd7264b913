-- PostgreSQL's form of ../0001_initial.sql: the same tables, columns,
-- constraints and indexes. Ids are BIGSERIAL (SQLite's AUTOINCREMENT:
-- never reused), integers BIGINT, times TIMESTAMPTZ, flags BOOLEAN. Text
-- compares and sorts by code point (COLLATE "C"), as SQLite's BINARY
-- does, whatever the database's locale: slugs, emails and days order the
-- same on both engines. Later steps' text columns do the same.

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT COLLATE "C" NOT NULL,
    display_name  TEXT COLLATE "C" NOT NULL DEFAULT '',
    role          TEXT COLLATE "C" NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT COLLATE "C" NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX idx_users_email ON users (email);

CREATE TABLE sections (
    id         BIGSERIAL PRIMARY KEY,
    slug       TEXT COLLATE "C" NOT NULL,
    position   BIGINT NOT NULL DEFAULT 0,
    parent_id  BIGINT REFERENCES sections (id) ON DELETE RESTRICT,
    version    BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX idx_sections_slug ON sections (slug);
CREATE INDEX idx_sections_parent ON sections (parent_id);
CREATE INDEX idx_sections_position ON sections (position, id);

CREATE TABLE section_names (
    section_id BIGINT NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    locale     TEXT COLLATE "C" NOT NULL,
    name       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (section_id, locale)
);

CREATE TABLE media (
    id             BIGSERIAL PRIMARY KEY,
    hash           TEXT COLLATE "C" NOT NULL,
    path           TEXT COLLATE "C" NOT NULL,
    mime_type      TEXT COLLATE "C" NOT NULL,
    width          BIGINT NOT NULL,
    height         BIGINT NOT NULL,
    byte_size      BIGINT NOT NULL,
    original_name  TEXT COLLATE "C" NOT NULL DEFAULT '',
    uploaded_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX idx_media_hash ON media (hash);
CREATE INDEX idx_media_created ON media (created_at, id);

CREATE TABLE media_texts (
    media_id BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    locale   TEXT COLLATE "C" NOT NULL,
    alt      TEXT COLLATE "C" NOT NULL DEFAULT '',
    caption  TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (media_id, locale)
);

CREATE TABLE media_variants (
    media_id  BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    name      TEXT COLLATE "C" NOT NULL,
    path      TEXT COLLATE "C" NOT NULL,
    width     BIGINT NOT NULL,
    height    BIGINT NOT NULL,
    byte_size BIGINT NOT NULL,
    mime_type TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (media_id, name)
);

CREATE TABLE articles (
    id                BIGSERIAL PRIMARY KEY,
    section_id        BIGINT NOT NULL REFERENCES sections (id) ON DELETE RESTRICT,
    featured_media_id BIGINT REFERENCES media (id) ON DELETE SET NULL,
    archived          BOOLEAN NOT NULL DEFAULT FALSE,
    trashed_at        TIMESTAMPTZ,
    view_count        BIGINT NOT NULL DEFAULT 0,
    author_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    version           BIGINT NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_articles_section ON articles (section_id);
CREATE INDEX idx_articles_featured_media ON articles (featured_media_id);
CREATE INDEX idx_articles_updated ON articles (updated_at, id);

CREATE TABLE article_translations (
    id             BIGSERIAL PRIMARY KEY,
    article_id     BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    locale         TEXT COLLATE "C" NOT NULL,
    status         TEXT COLLATE "C" NOT NULL CHECK (status IN ('draft', 'published')),
    published_at   TIMESTAMPTZ,
    title          TEXT COLLATE "C" NOT NULL DEFAULT '',
    slug           TEXT COLLATE "C" NOT NULL,
    summary        TEXT COLLATE "C" NOT NULL DEFAULT '',
    body_html      TEXT COLLATE "C" NOT NULL DEFAULT '',
    byline         TEXT COLLATE "C" NOT NULL DEFAULT '',
    version        BIGINT NOT NULL DEFAULT 1,
    updated_by_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX idx_article_translations_article_locale ON article_translations (article_id, locale);
CREATE UNIQUE INDEX idx_article_translations_locale_slug ON article_translations (locale, slug);

CREATE TABLE article_slugs (
    locale     TEXT COLLATE "C" NOT NULL,
    slug       TEXT COLLATE "C" NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (locale, slug)
);
CREATE INDEX idx_article_slugs_article ON article_slugs (article_id);

CREATE TABLE article_relations (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    related_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, related_id),
    CHECK (article_id <> related_id)
);
CREATE INDEX idx_article_relations_order ON article_relations (article_id, position, related_id);
CREATE INDEX idx_article_relations_related ON article_relations (related_id, created_at, article_id);

-- The public listing index: see ArticleListing. published_at is Unix seconds
-- so comparisons are exact and cheap in every database.
CREATE TABLE article_listings (
    locale       TEXT COLLATE "C" NOT NULL,
    scope_id     BIGINT NOT NULL,
    published_at BIGINT NOT NULL,
    article_id   BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (locale, scope_id, published_at, article_id)
);
CREATE INDEX idx_article_listings_article ON article_listings (article_id);
CREATE INDEX idx_article_listings_published ON article_listings (published_at);

CREATE TABLE article_daily_views (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    day        TEXT COLLATE "C" NOT NULL,
    views      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, day)
);
