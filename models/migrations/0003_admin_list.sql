-- Indexes of the admin's article list (ListAdminArticles). Each answers the
-- list's queries on its own, so neither the count nor the page reads a
-- table row, and a translation's large body is never touched.
--
-- The list walks live articles most recently updated first; with
-- trashed_at leading, "trashed_at IS NULL ORDER BY updated_at DESC, id DESC"
-- is one range of this index read backwards, and the section filter is
-- checked in the index too, without a sort.
CREATE INDEX idx_articles_admin ON articles (trashed_at, updated_at, id, section_id);

-- The filters are EXISTS probes into an article's translations (status and
-- publication time, title) and the rows show each translation's locale,
-- state and title: this index holds all of it.
CREATE INDEX idx_article_translations_admin ON article_translations (article_id, status, published_at, locale, title);
