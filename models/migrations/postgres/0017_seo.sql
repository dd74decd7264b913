-- PostgreSQL's form of ../0017_seo.sql.
-- Optional search and social fields per translation: a meta title and
-- description, a social image (another media item), a canonical URL
-- override and noindex. Empty means "use the translation's own" (title,
-- summary, featured image, public URL), filled in when answering, so
-- nothing here changes an existing answer's defaults.
ALTER TABLE article_translations ADD COLUMN seo_title TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE article_translations ADD COLUMN seo_description TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE article_translations ADD COLUMN seo_image_id BIGINT REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE article_translations ADD COLUMN canonical_url TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE article_translations ADD COLUMN noindex BOOLEAN NOT NULL DEFAULT FALSE;
-- Deleting a picture sets seo_image_id to NULL, and a picture's new alt
-- text changes the answers that show it: both look translations up by it.
CREATE INDEX idx_article_translations_seo_image ON article_translations (seo_image_id);
-- Feeds and sitemaps leave noindex translations out, checking each listed
-- one: the few marked are found without reading any translation row.
CREATE INDEX idx_article_translations_noindex ON article_translations (article_id, locale) WHERE noindex = TRUE;

-- A revision keeps the fields as saved, so restoring it brings them back.
ALTER TABLE article_revisions ADD COLUMN seo_title TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN seo_description TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN seo_image_id BIGINT REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE article_revisions ADD COLUMN canonical_url TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN noindex BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX idx_article_revisions_seo_image ON article_revisions (seo_image_id);
