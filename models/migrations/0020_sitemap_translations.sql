-- A sitemap file reads, for each article of its id range, every public
-- translation's slug and last save, leaving out the noindex ones
-- (StreamSitemapEntries). A translation's row holds its body before
-- updated_at and noindex, so reading them walks the body's overflow pages:
-- this index answers the whole join without touching a row, about a third
-- of the CPU for a file of 10,000 URLs (docs/BENCHMARKS.md, "Sitemaps").
CREATE INDEX idx_article_translations_sitemap ON article_translations (article_id, locale, noindex, updated_at, slug);
