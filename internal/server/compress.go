package server

import (
	"fmt"
	"net/http"

	"github.com/klauspost/compress/gzhttp"
)

// compressedTypes are the answers worth compressing: the API's JSON and the
// XML feeds. HTML is left out on purpose: admin pages carry CSRF tokens next
// to text a user typed, the shape BREACH attacks need.
var compressedTypes = []string{
	"application/json", "application/problem+json", "application/feed+json",
	"application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
}

// Compress wraps h so that JSON and XML answers are sent gzip- or
// zstd-compressed when the client asks for it (Accept-Encoding), with
// Vary: Accept-Encoding on every answer. Answers under gzhttp's minimum size
// (1 KiB) stay plain: compressing them saves less than it costs. A
// compressed answer's ETag gets the suffix -gzip or -zstd, so each
// representation has its own (RFC 9110 §8.8.3); the API's If-None-Match
// check accepts every suffix of the same content. Brotli is not offered:
// gzhttp has no brotli writer, and zstd, which current browsers accept,
// compresses about as well at a fraction of brotli's cost.
func Compress(h http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.ContentTypes(compressedTypes), gzhttp.SuffixETag("-gzip"))
	if err != nil {
		panic(fmt.Sprintf("gzhttp options: %v", err)) // the options above are constant
	}
	return wrap(h)
}
