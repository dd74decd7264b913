-- Translation tracking (see translation_tracking.go). Revision ids serve as
-- the clock: they only grow, across all articles.
--
--   changed_revision_id  the revision of this translation's last real edit
--                        (0: none yet)
--   synced_revision_id   this translation is in step with every real edit
--                        of the others up to this revision
--   tracked_revision_id  its last deliberate save: the text a real edit is
--                        measured against (autosaves do not move it)
--   outdated             another translation's changed_revision_id is past
--                        this one's synced_revision_id; derived, but stored,
--                        so the public API and the editors' list read it
--                        with the row
ALTER TABLE article_translations ADD COLUMN changed_revision_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_translations ADD COLUMN synced_revision_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_translations ADD COLUMN tracked_revision_id INTEGER;
ALTER TABLE article_translations ADD COLUMN outdated BOOLEAN NOT NULL DEFAULT 0;

-- Translations saved before tracking existed start up to date, measured
-- from what they are now.
UPDATE article_translations SET
    tracked_revision_id = (SELECT MAX(r.id) FROM article_revisions r
        WHERE r.article_id = article_translations.article_id AND r.locale = article_translations.locale),
    synced_revision_id = COALESCE((SELECT MAX(r.id) FROM article_revisions r
        WHERE r.article_id = article_translations.article_id), 0);

-- The editors' list reads each translation's state from an index alone
-- (see 0003_admin_list.sql); it now shows and filters on the flag too, so
-- the covering index gains the column.
DROP INDEX idx_article_translations_admin;
CREATE INDEX idx_article_translations_admin ON article_translations (article_id, status, published_at, locale, title, outdated);

-- A revision saved as a minor edit (a typo fix) says so in the history.
ALTER TABLE article_revisions ADD COLUMN minor BOOLEAN NOT NULL DEFAULT 0;
