-- Old addresses of content brought in from another system (a WordPress
-- permalink, /?p=123, a category's page), each pointing at what it is in
-- Payvand now, so frontends and proxies can answer them with a 301.
-- path is the address's key as models.RedirectPath makes it: percent-
-- decoded, NFC, without a trailing slash, query parameters sorted. Exactly
-- one of article_id, section_id and tag_id is set; deleting the target
-- deletes its old addresses. source names where it came from (the export's
-- site), so a re-import can tell its own rows.
CREATE TABLE redirects (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    path       TEXT NOT NULL UNIQUE,
    locale     TEXT NOT NULL DEFAULT '',
    article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES sections (id) ON DELETE CASCADE,
    tag_id     INTEGER REFERENCES tags (id) ON DELETE CASCADE,
    source     TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK ((article_id IS NOT NULL) + (section_id IS NOT NULL) + (tag_id IS NOT NULL) = 1)
);
CREATE INDEX idx_redirects_article ON redirects (article_id) WHERE article_id IS NOT NULL;
CREATE INDEX idx_redirects_section ON redirects (section_id) WHERE section_id IS NOT NULL;
CREATE INDEX idx_redirects_tag ON redirects (tag_id) WHERE tag_id IS NOT NULL;
