package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/payvand/payvand/models"
)

// An old address answers what it leads to now, however the frontend
// spells it, with the site URL of the page; one whose article is not
// public in the address's language, or never recorded, is not found.
func TestRedirectsAnswerOldAddresses(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	ctx := context.Background()
	both, err := env.store.FindArticle(ctx, env.ids["both"])
	if err != nil {
		t.Fatal(err)
	}
	fa, _ := both.Translation("fa")
	news, err := env.store.FindSectionBySlug(ctx, "news")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.store.SaveRedirects(ctx, "https://old.example.org", []models.RedirectInput{
		{Path: "/2024/07/%d8%ae%d8%a8%d8%b1-%d8%aa%d8%a7%d8%b2%d9%87/", Locale: "fa", ArticleID: both.ID},
		{Path: "/?p=41", Locale: "fa", ArticleID: env.ids["tgOnly"]},
		{Path: "/category/news/", Locale: "tg", SectionID: news.ID},
	}); err != nil {
		t.Fatal(err)
	}
	articleURL := testSiteURL + "/fa/news/" + url.PathEscape(fa.Slug)
	tests := []struct {
		name, path string
		status     int
		url        string
	}{
		{"percent-encoded as recorded", "/2024/07/%d8%ae%d8%a8%d8%b1-%d8%aa%d8%a7%d8%b2%d9%87/", 200, articleURL},
		{"upper-case escapes", "/2024/07/%D8%AE%D8%A8%D8%B1-%D8%AA%D8%A7%D8%B2%D9%87/", 200, articleURL},
		{"decoded, no trailing slash", "/2024/07/خبر-تازه", 200, articleURL},
		{"full URL", "https://old.example.org/2024/07/خبر-تازه/", 200, articleURL},
		{"section", "/category/news", 200, testSiteURL + "/tg/section/news"},
		{"article not public in the address's language", "/?p=41", 404, ""},
		{"never recorded", "/2024/07/other/", 404, ""},
		{"empty path", "", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := env.do(http.MethodGet, "/api/v1/redirects?path="+url.QueryEscape(tt.path), nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body.String())
			}
			if got := rec.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q", got)
			}
			if tt.status != 200 {
				return
			}
			var body struct {
				Data struct {
					URL *string `json:"url"`
				} `json:"data"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Data.URL == nil || *body.Data.URL != tt.url {
				t.Errorf("url %v (%v), want %s; body %s", body.Data.URL, err, tt.url, rec.Body.String())
			}
		})
	}
}
