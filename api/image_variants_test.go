package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
)

// imageVariantJSON is one item of image.variants as the JSON names it.
type imageVariantJSON struct {
	Name   string `json:"name"`
	Type   string `json:"type"`
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

type variantsResp struct {
	Data struct {
		Image struct {
			Variants []imageVariantJSON `json:"variants"`
		} `json:"image"`
	} `json:"data"`
}

// An image lists every stored file, smallest first and each JPEG before
// its WebP copy, so a frontend can build <picture> sources from it alone.
func TestImageListsEveryStoredSizeAndFormat(t *testing.T) {
	env := newTestEnv(t)
	want := []imageVariantJSON{
		{"thumbnail", "image/jpeg", testBaseURL + "/media/ab/pic-thumb.jpg", 320, 213},
		{"thumbnail", "image/webp", testBaseURL + "/media/ab/pic-thumb.webp", 320, 213},
		{"medium", "image/jpeg", testBaseURL + "/media/ab/pic-medium.jpg", 960, 640},
		{"medium", "image/webp", testBaseURL + "/media/ab/pic-medium.webp", 960, 640},
		{"original", "image/jpeg", testBaseURL + "/media/ab/pic.jpg", 1200, 800},
		{"original", "image/webp", testBaseURL + "/media/ab/pic.webp", 1200, 800},
	}
	for _, loc := range []string{"tg", "fa"} {
		var article variantsResp
		env.getJSON(fmt.Sprintf("/api/v1/%s/articles/%d", loc, env.ids["both"]), http.StatusOK, &article)
		if got := article.Data.Image.Variants; !slices.Equal(got, want) {
			t.Errorf("%s article: variants\n got %+v\nwant %+v", loc, got, want)
		}
		var list struct {
			Data []struct {
				ID    uint `json:"id"`
				Image *struct {
					Variants []imageVariantJSON `json:"variants"`
				} `json:"image"`
			} `json:"data"`
		}
		env.getJSON("/api/v1/"+loc+"/articles", http.StatusOK, &list)
		for _, item := range list.Data {
			if item.ID == env.ids["both"] && (item.Image == nil || !slices.Equal(item.Image.Variants, want)) {
				t.Errorf("%s list: image %+v, want the same variants as the article", loc, item.Image)
			}
		}
	}
}

// WebP files are served as image/webp, never sniffed, with ranges and an
// ETag a browser or CDN can revalidate with.
func TestMediaServesWebPAsWebP(t *testing.T) {
	env := newTestEnv(t)
	store, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	picture := "RIFF\x24\x00\x00\x00WEBPVP8 " + strings.Repeat("webp bytes ", 40)
	if err := store.Put(t.Context(), "ab/pic.webp", strings.NewReader(picture)); err != nil {
		t.Fatal(err)
	}
	r := env.newRouter(Options{Media: store})
	tests := []struct {
		name   string
		header http.Header
		status int
		length int
	}{
		{"whole file", nil, http.StatusOK, len(picture)},
		{"range", http.Header{"Range": {"bytes=0-11"}}, http.StatusPartialContent, 12},
		{"revalidation", http.Header{"If-None-Match": {`"pic.webp"`}}, http.StatusNotModified, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, "/media/ab/pic.webp", nil)
			req.Header = tt.header
			if req.Header == nil {
				req.Header = http.Header{}
			}
			rec := newRecorder()
			r.ServeHTTP(rec, req)
			h := rec.Header()
			if rec.Code != tt.status || rec.Body.Len() != tt.length {
				t.Fatalf("status %d with %d bytes, want %d with %d", rec.Code, rec.Body.Len(), tt.status, tt.length)
			}
			if h.Get("ETag") != `"pic.webp"` {
				t.Errorf("ETag %q, want the file's name", h.Get("ETag"))
			}
			if rec.Code == http.StatusNotModified {
				return
			}
			if h.Get("Content-Type") != "image/webp" || h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("Content-Type %q, X-Content-Type-Options %q; want image/webp and nosniff", h.Get("Content-Type"), h.Get("X-Content-Type-Options"))
			}
			if !strings.Contains(h.Get("Cache-Control"), "immutable") {
				t.Errorf("Cache-Control %q, want immutable", h.Get("Cache-Control"))
			}
		})
	}
}
