-- Each search row keeps its translation's article and locale, so a search
-- joins article_listings directly: the join through article_translations
-- read that whole table (bodies included) for every common word. A
-- translation never changes article or locale, so the copies cannot drift.
ALTER TABLE article_search ADD COLUMN article_id BIGINT, ADD COLUMN locale TEXT COLLATE "C";
UPDATE article_search s SET article_id = t.article_id, locale = t.locale
FROM article_translations t WHERE t.id = s.translation_id;
ALTER TABLE article_search ALTER COLUMN article_id SET NOT NULL, ALTER COLUMN locale SET NOT NULL;
