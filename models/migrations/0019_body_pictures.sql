-- Bodies name library pictures by id (<img data-media-id="12">) instead of
-- their file path; the Go half of this step (bodyPicturesStep in
-- migrate.go) rewrites the bodies already saved. Saves look pictures up by
-- file path, originals and variants alike: these indexes keep that lookup
-- from scanning the media tables.
CREATE INDEX idx_media_path ON media (path);
CREATE INDEX idx_media_variants_path ON media_variants (path);
