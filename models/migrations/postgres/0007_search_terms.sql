-- SQLite's step adds an fts4aux view of the search vocabulary. PostgreSQL
-- counts documents per word from the tsvector itself (see
-- pgSearchIndex.DocumentCounts): nothing to create.
SELECT 1;
