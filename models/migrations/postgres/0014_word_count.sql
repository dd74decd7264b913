-- PostgreSQL's form of ../0014_word_count.sql.
ALTER TABLE article_translations ADD COLUMN word_count BIGINT NOT NULL DEFAULT 0;
