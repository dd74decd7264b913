package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func decode(t *testing.T, encoding string, body []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch encoding {
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "zstd":
		zr, err := zstd.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		r = zr
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", encoding, err)
	}
	return out
}

// Each representation of a JSON answer (plain, gzip, zstd) decodes to the
// same bytes, has its own ETag, says Vary: Accept-Encoding, and answers
// If-None-Match with 304 for its own ETag.
func TestJSONAnswersAreCompressedWithAnETagPerRepresentation(t *testing.T) {
	h := Compress(newRouter(t, nil))
	const target = "/api/v1/openapi.json" // well over the 1 KiB threshold
	plain := get(h, target, nil)
	if plain.Code != http.StatusOK || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("plain answer: %d, Content-Encoding %q", plain.Code, plain.Header().Get("Content-Encoding"))
	}
	etags := map[string]string{}
	for _, enc := range []string{"identity", "gzip", "zstd"} {
		t.Run(enc, func(t *testing.T) {
			ask := http.Header{"Accept-Encoding": {enc}}
			rec := get(h, target, ask)
			got := rec.Header().Get("Content-Encoding")
			want := enc
			if enc == "identity" {
				want = ""
			}
			if got != want {
				t.Fatalf("Content-Encoding = %q, want %q", got, want)
			}
			if !bytes.Equal(decode(t, got, rec.Body.Bytes()), plain.Body.Bytes()) {
				t.Fatal("the decoded body differs from the plain answer")
			}
			if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
				t.Errorf("Vary = %q, want Accept-Encoding in it", rec.Header().Get("Vary"))
			}
			etag := rec.Header().Get("ETag")
			for other, e := range etags {
				if e == etag {
					t.Errorf("%s and %s share the ETag %s", enc, other, etag)
				}
			}
			etags[enc] = etag

			ask.Set("If-None-Match", etag)
			again := get(h, target, ask)
			if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
				t.Fatalf("If-None-Match %s answered %d with %d bytes, want 304", etag, again.Code, again.Body.Len())
			}
			if again.Header().Get("ETag") != etag || !strings.Contains(again.Header().Get("Vary"), "Accept-Encoding") {
				t.Errorf("304 carries ETag %q Vary %q, want %q and Accept-Encoding", again.Header().Get("ETag"), again.Header().Get("Vary"), etag)
			}
		})
	}
}

// Small answers are not worth compressing, and pictures are compressed
// already: both go out as they are.
func TestSmallAnswersAndNonJSONStayPlain(t *testing.T) {
	h := Compress(newRouter(t, nil))
	rec := get(h, "/api/v1/locales", http.Header{"Accept-Encoding": {"gzip"}})
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "" || !strings.HasPrefix(rec.Body.String(), "{") {
		t.Fatalf("small answer: %d, Content-Encoding %q, body %.40q", rec.Code, rec.Header().Get("Content-Encoding"), rec.Body.String())
	}
	big := strings.Repeat("x", 4096)
	plainText := Compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, big)
	}))
	if rec := get(plainText, "/admin", http.Header{"Accept-Encoding": {"gzip"}}); rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != big {
		t.Fatalf("HTML was compressed: Content-Encoding %q", rec.Header().Get("Content-Encoding"))
	}
}
