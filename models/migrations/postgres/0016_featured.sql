-- PostgreSQL's form of ../0016_featured.sql.
-- Featured stories: an editor pins an article, shown in every locale where
-- it is public, at a position, until an optional end (Unix seconds, like
-- article_listings). end_announced says the change feed has told that the
-- pin ended: the pin drops out of answers at its end with nobody saving,
-- and the scheduler's write then records article.updated once, as
-- announced does for scheduled publications.
CREATE TABLE article_pins (
    article_id    BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    position      BIGINT NOT NULL DEFAULT 0,
    ends_at       BIGINT,
    end_announced BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL
);
-- The featured list is read in this order; the scheduler looks for the
-- next and the passed ends.
CREATE INDEX idx_article_pins_order ON article_pins (position, article_id);
CREATE INDEX idx_article_pins_ends ON article_pins (ends_at) WHERE ends_at IS NOT NULL;
