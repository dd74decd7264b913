-- PostgreSQL's form of ../0012_announced.sql.
ALTER TABLE article_translations ADD COLUMN announced BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE article_translations SET announced = TRUE
WHERE EXISTS (SELECT 1 FROM article_listings l
              WHERE l.article_id = article_translations.article_id
                AND l.locale = article_translations.locale
                AND l.scope_id = 0
                AND l.published_at <= EXTRACT(EPOCH FROM now())::BIGINT);

CREATE INDEX idx_article_translations_unannounced ON article_translations (article_id, locale)
WHERE announced = FALSE AND status = 'published';
