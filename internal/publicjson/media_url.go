package publicjson

// MediaURL is the absolute URL of a stored media file, rel being its path
// under the media root: what feeds name for a picture, as the API does.
func (b *Builder) MediaURL(rel string) string {
	return b.mediaURL(rel)
}
