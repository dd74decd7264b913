-- The media library's search key: the picture's original file name and
-- every locale's alt text and caption, each folded by textnorm.SearchKey
-- (lower case, Persian and Arabic letters made one, no punctuation), so the
-- library's search matches Cyrillic in any case and Persian however it was
-- typed, the same on SQLite and PostgreSQL. Every write of a picture or its
-- texts stores it again; the step's Go half folds the pictures already
-- saved. A library is searched by a scan of this one column, so it has no
-- index: a substring match could not use one.
ALTER TABLE media ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
