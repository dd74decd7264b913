-- Translation tracking (see translation_tracking.go). A translation is
-- outdated when another translation of its article had a real edit after
-- this one was last brought up to date. The flag is stored, not derived at
-- read time, so the public API and the editors' list read it with the row.
--
-- outdated_source is the locale whose edit made it outdated, and
-- outdated_base_revision_id that locale's revision this translation was last
-- in step with: the editor diffs it against the source's current text to
-- show what to bring over. Revisions only go with their article, so the id
-- needs no foreign key (and no index for one).
ALTER TABLE article_translations ADD COLUMN outdated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE article_translations ADD COLUMN outdated_source TEXT NOT NULL DEFAULT '';
ALTER TABLE article_translations ADD COLUMN outdated_base_revision_id INTEGER;
ALTER TABLE article_translations ADD COLUMN outdated_at DATETIME;

-- The editors' list reads each translation's state from an index alone
-- (see 0003_admin_list.sql); it now shows and filters on the flag too, so
-- the covering index gains the column.
DROP INDEX idx_article_translations_admin;
CREATE INDEX idx_article_translations_admin ON article_translations (article_id, status, published_at, locale, title, outdated);

-- A revision saved as a minor edit (a typo fix) says so in the history.
ALTER TABLE article_revisions ADD COLUMN minor BOOLEAN NOT NULL DEFAULT 0;
