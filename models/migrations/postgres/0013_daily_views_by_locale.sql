-- PostgreSQL's form of ../0013_daily_views_by_locale.sql.
CREATE TABLE article_daily_views_by_locale (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    locale     TEXT COLLATE "C" NOT NULL DEFAULT '',
    day        TEXT COLLATE "C" NOT NULL,
    views      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, locale, day)
);
INSERT INTO article_daily_views_by_locale (article_id, locale, day, views)
    SELECT article_id, '', day, views FROM article_daily_views;
DROP TABLE article_daily_views;
ALTER TABLE article_daily_views_by_locale RENAME TO article_daily_views;

CREATE INDEX idx_article_daily_views_ranking ON article_daily_views (locale, day, article_id, views);
