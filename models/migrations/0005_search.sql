-- The full-text index of article translations (see search_index.go). Each
-- row's docid is an article_translations id; its columns hold the
-- textnorm.SearchKey of the title, summary and plain-text body, never the
-- text itself, so that spellings a reader considers the same meet. Drafts
-- are indexed too: whether a row is public is decided at query time through
-- article_listings, so publishing, trashing or archiving needs no rewrite.
CREATE VIRTUAL TABLE article_search USING fts4(
    title, summary, body,
    tokenize=unicode61 "remove_diacritics=0",
    prefix="2,3"
);
