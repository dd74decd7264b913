-- A read-only view of the search index's vocabulary: for each normalised
-- term, how many translations contain it. Related-article suggestions use
-- it to pick an article's rarest words, the ones that say what it is about
-- (see related_suggest.go). It stores nothing of its own; FTS4 reads it
-- from article_search's index.
CREATE VIRTUAL TABLE article_search_terms USING fts4aux(article_search);
