-- The search key now folds the Tajik letters onto the Russian ones typed
-- for them (ҳ → х, қ → к, ӯ → у, ӣ → и, ҷ → ч, ғ → г; see
-- textnorm.SearchKey), so every stored key is rebuilt. The index starts
-- empty, as 0005 made it, and its vocabulary view with it; the step's Go
-- half refills it from the articles, and folds the media library's and the
-- tags' keys again (those are plain columns, overwritten in place).
DROP TABLE article_search_terms;
DROP TABLE article_search;
CREATE VIRTUAL TABLE article_search USING fts4(
    title, summary, body,
    tokenize=unicode61 "remove_diacritics=0",
    prefix="2,3"
);
CREATE VIRTUAL TABLE article_search_terms USING fts4aux(article_search);
