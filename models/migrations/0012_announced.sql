-- announced says the change feed has told frontends that a translation is
-- public: set by the write path when it records article.published, cleared
-- with article.unpublished. A scheduled translation whose time has come is
-- public at once for readers but unannounced until the scheduler's write
-- records its event, so each publication is announced exactly once, by
-- whichever instance gets there first.
ALTER TABLE article_translations ADD COLUMN announced BOOLEAN NOT NULL DEFAULT 0;

-- Translations public when this step runs were public before events
-- existed: nothing is announced for them now.
UPDATE article_translations SET announced = 1
WHERE EXISTS (SELECT 1 FROM article_listings l
              WHERE l.article_id = article_translations.article_id
                AND l.locale = article_translations.locale
                AND l.scope_id = 0
                AND l.published_at <= CAST(strftime('%s', 'now') AS INTEGER));

-- The scheduler looks for published translations not yet announced; the
-- few of them are found without scanning every translation.
CREATE INDEX idx_article_translations_unannounced ON article_translations (article_id, locale)
WHERE announced = 0 AND status = 'published';
