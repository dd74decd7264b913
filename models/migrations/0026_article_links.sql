-- Internal links: which articles each translation's body links to
-- (<a data-article-id="…">), kept by the write path beside the body, so
-- that a change of the linked article (published, unpublished, a new slug)
-- finds the answers that show a link to it. target_id has no foreign key:
-- a link to a deleted article stays in the body and is answered as its
-- text. No body held such a link before this step (the sanitiser dropped
-- the attribute), so there is nothing to fill in.
CREATE TABLE article_links (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    locale     TEXT NOT NULL,
    target_id  INTEGER NOT NULL,
    PRIMARY KEY (article_id, locale, target_id)
);
CREATE INDEX idx_article_links_target ON article_links (target_id, article_id);
