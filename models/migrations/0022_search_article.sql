-- PostgreSQL's step keeps each search row's article and locale beside its
-- tsvector (see migrations/postgres). SQLite's FTS4 table joins the
-- translation by docid as before: nothing to change.
SELECT 1;
