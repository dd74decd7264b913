package publicjson

// MediaURL is the absolute URL of a stored media file, rel being its path
// under the media root: what feeds name for a picture, as the API does.
func (b *Builder) MediaURL(rel string) string {
	return b.mediaURL(rel)
}

// MediaBase is what a stored media path is appended to for its URL, ending
// in a slash: the public /media/ address or --media-url.
func (b *Builder) MediaBase() string { return b.media }
