package server

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/api"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

// newSitemapRouter is the router over a site of n bilingual articles with
// a site URL, so the sitemaps answer.
func newSitemapRouter(t *testing.T, n int) http.Handler {
	t.Helper()
	ctx := context.Background()
	store, err := models.Open(ctx, models.Options{Path: filepath.Join(t.TempDir(), "p.db"), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	sec, err := store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	for i := range n {
		tr := func(loc, title string) models.TranslationInput {
			return models.TranslationInput{Locale: loc, Status: models.StatusPublished, PublishedAt: &at, Title: title, BodyHTML: "<p>" + title + "</p>"}
		}
		_, err := store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID},
			Translations: []models.TranslationInput{tr("tg", fmt.Sprintf("Хабари рӯз %d", i)), tr("fa", fmt.Sprintf("خبر روز %d", i))}})
		if err != nil {
			t.Fatal(err)
		}
	}
	site, err := siteurl.New("https://news.example.tj", siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		t.Fatal(err)
	}
	a := api.New(api.Options{Store: store, SiteURLs: site, CacheTTL: time.Minute, CacheControl: "public, max-age=60", Logger: slog.New(slog.DiscardHandler)})
	r, err := NewRouter(Options{API: a, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return Compress(r)
}

// A streamed sitemap file, and the cached news sitemap, go through the
// compression wrapper (the index of a small site is under its 1 KiB
// threshold): asked for gzip each is compressed, decodes to the plain
// file, carries the -gzip ETag, and a conditional request with that ETag
// answers 304.
func TestSitemapFilesAreCompressedWhenAsked(t *testing.T) {
	h := newSitemapRouter(t, 12)
	for _, target := range []string{"/sitemaps/fa-1.xml", "/sitemaps/news.xml"} {
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
