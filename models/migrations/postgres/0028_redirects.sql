-- See ../0028_redirects.sql.
CREATE TABLE redirects (
    id         BIGSERIAL PRIMARY KEY,
    path       TEXT COLLATE "C" NOT NULL UNIQUE,
    locale     TEXT COLLATE "C" NOT NULL DEFAULT '',
    article_id BIGINT REFERENCES articles (id) ON DELETE CASCADE,
    section_id BIGINT REFERENCES sections (id) ON DELETE CASCADE,
    tag_id     BIGINT REFERENCES tags (id) ON DELETE CASCADE,
    source     TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (num_nonnulls(article_id, section_id, tag_id) = 1)
);
CREATE INDEX idx_redirects_article ON redirects (article_id) WHERE article_id IS NOT NULL;
CREATE INDEX idx_redirects_section ON redirects (section_id) WHERE section_id IS NOT NULL;
CREATE INDEX idx_redirects_tag ON redirects (tag_id) WHERE tag_id IS NOT NULL;
