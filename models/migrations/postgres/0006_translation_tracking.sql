-- PostgreSQL's form of ../0006_translation_tracking.sql.
ALTER TABLE article_translations ADD COLUMN changed_revision_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE article_translations ADD COLUMN synced_revision_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE article_translations ADD COLUMN tracked_revision_id BIGINT;
ALTER TABLE article_translations ADD COLUMN outdated BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE article_translations SET
    tracked_revision_id = (SELECT MAX(r.id) FROM article_revisions r
        WHERE r.article_id = article_translations.article_id AND r.locale = article_translations.locale),
    synced_revision_id = COALESCE((SELECT MAX(r.id) FROM article_revisions r
        WHERE r.article_id = article_translations.article_id), 0);

DROP INDEX idx_article_translations_admin;
CREATE INDEX idx_article_translations_admin ON article_translations (article_id, status, published_at, locale, title, outdated);

ALTER TABLE article_revisions ADD COLUMN minor BOOLEAN NOT NULL DEFAULT FALSE;
