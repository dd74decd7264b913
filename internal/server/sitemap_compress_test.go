package server

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// A streamed sitemap file, and the cached news sitemap, go through the
// compression wrapper (the index of a small site is under its 1 KiB
// threshold): asked for gzip each is compressed, decodes to the plain
// file, carries the -gzip ETag, and a conditional request with that ETag
// answers 304.
func TestSitemapFilesAreCompressedWhenAsked(t *testing.T) {
	h := feedSite(t) // five Tajik articles under --site-url
	for _, target := range []string{"/sitemaps/tg-1.xml", "/sitemaps/news.xml"} {
		t.Run(target, func(t *testing.T) {
			plain := get(h, target, nil)
			if plain.Code != http.StatusOK || plain.Header().Get("Content-Encoding") != "" || !strings.Contains(plain.Body.String(), "<urlset") {
				t.Fatalf("plain answer: %d, Content-Encoding %q\n%s", plain.Code, plain.Header().Get("Content-Encoding"), plain.Body)
			}
			ask := http.Header{"Accept-Encoding": {"gzip"}}
			zipped := get(h, target, ask)
			if zipped.Header().Get("Content-Encoding") != "gzip" {
				t.Fatalf("Content-Encoding %q, want gzip", zipped.Header().Get("Content-Encoding"))
			}
			if !bytes.Equal(decode(t, "gzip", zipped.Body.Bytes()), plain.Body.Bytes()) {
				t.Fatal("the decoded file differs from the plain one")
			}
			etag := zipped.Header().Get("ETag")
			if !strings.HasSuffix(etag, `-gzip"`) {
				t.Fatalf("compressed ETag %q", etag)
			}
			ask.Set("If-None-Match", etag)
			if again := get(h, target, ask); again.Code != http.StatusNotModified {
				t.Fatalf("If-None-Match %s answered %d, want 304", etag, again.Code)
			}
		})
	}
}
