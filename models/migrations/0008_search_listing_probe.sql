-- Search checks each full-text match against article_listings by its
-- article, locale, scope and time. With only (article_id) to go on, and no
-- statistics, SQLite chose the primary key (locale, scope_id, published_at,
-- article_id) instead and walked every listing of the locale for each
-- match: a common word took minutes over 100,000 articles
-- (docs/BENCHMARKS.md, "Search over 100,000 articles"). This index answers
-- the probe with one seek, and still serves what (article_id) served:
-- deleting an article's listings.
DROP INDEX idx_article_listings_article;
CREATE INDEX idx_article_listings_article ON article_listings (article_id, locale, scope_id, published_at);
