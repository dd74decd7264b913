-- PostgreSQL's form of ../0015_tags.sql.
-- Tags: a Latin slug and a name per locale, like sections. A tag without
-- a name in a locale does not show there.
CREATE TABLE tags (
    id         BIGSERIAL PRIMARY KEY,
    slug       TEXT COLLATE "C" NOT NULL UNIQUE,
    version    BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- search_key is the name folded by textnorm.SearchKey, for the editors'
-- search-as-you-type; name is kept exactly as typed.
CREATE TABLE tag_names (
    tag_id     BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    locale     TEXT COLLATE "C" NOT NULL,
    name       TEXT COLLATE "C" NOT NULL,
    search_key TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (tag_id, locale)
);

-- The slugs a tag or section had before a rename or merge: they answer 301
-- naming the current slug, as old article slugs do.
CREATE TABLE tag_slugs (
    slug       TEXT COLLATE "C" PRIMARY KEY,
    tag_id     BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_tag_slugs_tag ON tag_slugs (tag_id);

CREATE TABLE section_slugs (
    slug       TEXT COLLATE "C" PRIMARY KEY,
    section_id BIGINT NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_section_slugs_section ON section_slugs (section_id);

-- An article's tags in the order the editor chose them.
CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX idx_article_tags_tag ON article_tags (tag_id, article_id);

-- The listing index of tag pages, kept beside article_listings by the same
-- rebuild: one row per public translation and tag, so ?tag= reads a page
-- (and its total) from one range of this primary key.
CREATE TABLE article_tag_listings (
    locale       TEXT COLLATE "C" NOT NULL,
    tag_id       BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    published_at BIGINT NOT NULL,
    article_id   BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (locale, tag_id, published_at, article_id)
);
CREATE INDEX idx_article_tag_listings_article ON article_tag_listings (article_id);
CREATE INDEX idx_article_tag_listings_tag ON article_tag_listings (tag_id);
