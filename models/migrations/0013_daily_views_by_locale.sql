-- Daily view counts per locale, for most-read lists. locale is '' for views
-- counted without one (the old views endpoint): they count for every
-- locale. day is the date in the site's time zone (--timezone), so "today"
-- starts at the site's midnight. Rows written before this step were
-- counted without a locale and keep their UTC day.
CREATE TABLE article_daily_views_by_locale (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    locale     TEXT NOT NULL DEFAULT '',
    day        TEXT NOT NULL,
    views      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, locale, day)
);
INSERT INTO article_daily_views_by_locale (article_id, locale, day, views)
    SELECT article_id, '', day, views FROM article_daily_views;
DROP TABLE article_daily_views;
ALTER TABLE article_daily_views_by_locale RENAME TO article_daily_views;

-- The most-read query sums one locale's and the locale-less rows of a
-- range of days per article: this index answers it without touching the
-- table.
CREATE INDEX idx_article_daily_views_ranking ON article_daily_views (locale, day, article_id, views);
