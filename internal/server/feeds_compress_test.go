package server

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/api"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// feedSite is the whole router over a database with a few Tajik articles
// and --site-url set, so its feeds are well over gzhttp's 1 KiB minimum.
func feedSite(t *testing.T) http.Handler {
	t.Helper()
	ctx := context.Background()
	store, err := models.Open(ctx, models.Options{Path: filepath.Join(t.TempDir(), "p.db"), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	sec, err := store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабар", "fa": "خبر"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		at := time.Now().Add(-time.Duration(i+1) * time.Hour)
		_, err := store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{{
			Locale: "tg", Status: models.StatusPublished, PublishedAt: &at, Title: "Ҳамкории фарҳангӣ " + strings.Repeat("ӣ", i+1),
			BodyHTML: "<p>" + strings.Repeat("Матни хабар дар бораи ҳамкорӣ. ", 20) + "</p>",
		}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	site, err := siteurl.New("https://news.example.tj", siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		t.Fatal(err)
	}
	views := viewcount.New(store, viewcount.Options{Window: time.Hour, FlushEvery: time.Hour})
	t.Cleanup(func() { views.Close(context.Background()) })
	log := slog.New(slog.DiscardHandler)
	a := api.New(api.Options{Store: store, Views: views, Logger: log, PublicURL: "https://cms.example.tj", SiteURLs: site, CacheTTL: time.Minute})
	r, err := NewRouter(Options{API: a, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	return Compress(r)
}

// Both feed formats go out gzip-compressed when asked, with their own ETag
// per representation, and a compressed ETag answers 304.
func TestFeedsAreCompressed(t *testing.T) {
	h := feedSite(t)
	for _, target := range []string{"/feeds/tg/rss.xml", "/feeds/tg/atom.xml"} {
		plain := get(h, target, nil)
		if plain.Code != http.StatusOK || plain.Body.Len() < 1024 {
			t.Fatalf("GET %s = %d with %d bytes", target, plain.Code, plain.Body.Len())
		}
		zipped := get(h, target, http.Header{"Accept-Encoding": {"gzip"}})
		if zipped.Header().Get("Content-Encoding") != "gzip" || !strings.HasSuffix(zipped.Header().Get("ETag"), `-gzip"`) {
			t.Fatalf("%s: Content-Encoding %q ETag %q, want gzip and a -gzip ETag", target, zipped.Header().Get("Content-Encoding"), zipped.Header().Get("ETag"))
		}
		if !bytes.Equal(decode(t, "gzip", zipped.Body.Bytes()), plain.Body.Bytes()) {
			t.Fatalf("%s: the decoded body differs from the plain one", target)
		}
		again := get(h, target, http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {zipped.Header().Get("ETag")}})
		if again.Code != http.StatusNotModified {
			t.Errorf("%s: If-None-Match with the gzip ETag = %d, want 304", target, again.Code)
		}
	}
}

// An unknown address under /feeds/ answers the API's JSON not_found.
func TestUnknownFeedPathIsJSONNotFound(t *testing.T) {
	rec := get(feedSite(t), "/feeds/tg/feed.json", nil)
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `"code":"not_found"`) {
		t.Fatalf("GET /feeds/tg/feed.json = %d %s", rec.Code, rec.Body.String())
	}
}
