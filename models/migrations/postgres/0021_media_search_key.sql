-- PostgreSQL's form of ../0021_media_search_key.sql.
ALTER TABLE media ADD COLUMN search_key TEXT COLLATE "C" NOT NULL DEFAULT '';
