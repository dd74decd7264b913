-- The search key now folds the Tajik letters onto the Russian ones typed
-- for them (see the SQLite step and textnorm.SearchKey): the index is
-- emptied and the step's Go half refills it from the articles, and folds
-- the media library's and the tags' keys again in place.
TRUNCATE article_search;
