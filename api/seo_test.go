package api

import (
	"context"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
)

// seoOf fetches an article and returns its answer.
func seoOf(t *testing.T, env *testEnv, loc string, id uint) publicjson.Article {
	t.Helper()
	var body struct{ Data publicjson.Article }
	env.with(t).getJSON("/api/v1/"+loc+"/articles/"+strconv.FormatUint(uint64(id), 10), http.StatusOK, &body)
	return body.Data
}

// Without SEO fields, seo repeats the article's own title, summary,
// picture and URL (null without --site-url); the editor's fields replace
// each of them, exactly as typed, and the social image comes in the same
// shape as image, with its alt text in the answer's locale.
func TestSEOFieldsAndTheirDefaults(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	both := env.ids["both"]

	plain := seoOf(t, env, "fa", both)
	if plain.SEO.Title != plain.Title || plain.SEO.Description != plain.Summary.Summary || plain.SEO.Noindex ||
		plain.SEO.CanonicalURL != nil || !reflect.DeepEqual(plain.SEO.Image, plain.Image) || plain.Image == nil {
		t.Fatalf("defaults without --site-url: %+v (title %q, image %+v)", plain.SEO, plain.Title, plain.Image)
	}
	withSiteURL(t, env)
	if sited := seoOf(t, env, "fa", both); sited.SEO.CanonicalURL == nil || sited.URL == nil || *sited.SEO.CanonicalURL != *sited.URL {
		t.Fatalf("canonical_url %v, want the url %v", sited.SEO.CanonicalURL, sited.URL)
	}

	card, err := env.store.SaveMedia(ctx, models.MediaInput{Hash: strings.Repeat("cd", 32), Path: "cd/card.jpg", MimeType: "image/jpeg", Width: 1200, Height: 630, ByteSize: 900,
		Texts: map[string]models.MediaText{"fa": {Alt: "کارت\u200cپستال"}, "tg": {Alt: "Корт"}}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := env.store.FindArticle(ctx, both)
	if err != nil {
		t.Fatal(err)
	}
	fa, _ := a.Translation("fa")
	seo := models.TranslationSEO{Title: "عنوان\u200cِ جست‌وجو", Description: "توضیح کوتاه", ImageID: &card.ID, CanonicalURL: "https://source.example.com/story/7", Noindex: true}
	_, err = env.store.SaveArticle(ctx, models.ArticleInput{ID: both, Translations: []models.TranslationInput{{
		Locale: "fa", Version: fa.Version, Status: fa.Status, PublishedAt: fa.PublishedAt, Title: fa.Title, Slug: fa.Slug,
		Summary: fa.Summary, BodyHTML: fa.BodyHTML, Byline: fa.Byline, SEO: seo}}})
	if err != nil {
		t.Fatal(err)
	}
	got := seoOf(t, env, "fa", both).SEO
	if got.Title != seo.Title || got.Description != seo.Description || !got.Noindex ||
		got.CanonicalURL == nil || *got.CanonicalURL != seo.CanonicalURL {
		t.Fatalf("seo %+v, want the editor's %+v", got, seo)
	}
	if got.Image == nil || got.Image.Alt != "کارت\u200cپستال" || got.Image.Width != 1200 || got.Image.Height != 630 ||
		got.Image.URL != testBaseURL+"/media/cd/card.jpg" {
		t.Fatalf("seo.image %+v, want the card picture with its Persian alt", got.Image)
	}
	// The Tajik translation keeps its own defaults.
	if tg := seoOf(t, env, "tg", both); tg.SEO.Title != tg.Title || tg.SEO.Noindex {
		t.Fatalf("tg seo %+v changed with the Persian one", tg.SEO)
	}
}
