-- The number of words a reader sees in a translation's body, counted in Go
-- (internal/readingtime) on every save, for the public reading time. A list
-- never loads bodies, so the count is stored beside them; the step's Go
-- half counts the bodies already saved.
ALTER TABLE article_translations ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0;
