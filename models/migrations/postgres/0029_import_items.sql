-- What an importer brought in, by its id at the source: a second run of
-- `payvand import wordpress` updates these items instead of adding them
-- again. source is the exporting site's URL, kind "post", "category" or
-- "tag", target_id the article, section or tag. source_hash fingerprints
-- the source item as last imported (a changed one is imported again);
-- target_version and shared_version are the translation's and the
-- article's versions right after that import, so an edit made in Payvand
-- since is seen and not overwritten.
CREATE TABLE import_items (
    source         TEXT COLLATE "C" NOT NULL,
    kind           TEXT COLLATE "C" NOT NULL,
    wp_id          BIGINT NOT NULL,
    target_id      BIGINT NOT NULL,
    locale         TEXT COLLATE "C" NOT NULL DEFAULT '',
    source_hash    TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_version BIGINT NOT NULL DEFAULT 0,
    shared_version BIGINT NOT NULL DEFAULT 0,
    imported_at    TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (source, kind, wp_id)
);
CREATE INDEX idx_import_items_target ON import_items (kind, target_id);
