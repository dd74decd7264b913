-- PostgreSQL's full-text index of article translations (see
-- search_index_pg.go): the same textnorm.SearchKey text the SQLite store's
-- FTS4 table holds, as one tsvector weighted A (title), B (summary) and
-- C (body). Drafts are indexed too; rows go with their translation.
CREATE TABLE article_search (
    translation_id BIGINT PRIMARY KEY REFERENCES article_translations (id) ON DELETE CASCADE,
    document       TSVECTOR NOT NULL
);
CREATE INDEX idx_article_search_document ON article_search USING GIN (document);
