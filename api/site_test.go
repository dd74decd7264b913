package api

import (
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/siteurl"
)

const testSiteURL = "https://news.example.tj"

// withSiteURL rebuilds env's router as --site-url and the default patterns
// (plus a preview page) would, with per-locale site names.
func withSiteURL(t *testing.T, env *testEnv) {
	t.Helper()
	paths := siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath, Preview: "/{locale}/preview/{id}?token={token}"}
	site, err := siteurl.New(testSiteURL, paths)
	if err != nil {
		t.Fatal(err)
	}
	env.router = env.newRouter(Options{CacheControl: "public, max-age=60", CacheTTL: time.Minute, TimeZone: time.FixedZone("Asia/Dushanbe", 5*3600),
		SiteURLs: site, SitePaths: paths, SiteNames: map[string]string{"tg": "Вазорати фарҳанг", "fa": "وزارت فرهنگ"}})
}

// urlSummary decodes only the url fields of a list, an article and sections.
type urlSummary struct {
	ID      uint    `json:"id"`
	Locale  string  `json:"locale"`
	Slug    string  `json:"slug"`
	URL     *string `json:"url"`
	Section struct {
		Slug string  `json:"slug"`
		URL  *string `json:"url"`
	} `json:"section"`
	Translations []struct {
		Locale string  `json:"locale"`
		Slug   string  `json:"slug"`
		URL    *string `json:"url"`
	} `json:"translations"`
}

// Without --site-url every url is present and null; with it, each is the
// site's page, with the slug percent-encoded (Persian ZWNJ included).
func TestURLFieldsFollowTheSiteURL(t *testing.T) {
	for _, configured := range []bool{false, true} {
		t.Run("site url "+strconv.FormatBool(configured), func(t *testing.T) {
			env := newTestEnv(t)
			if configured {
				withSiteURL(t, env)
			}
			want := func(loc, slug string) *string {
				if !configured {
					return nil
				}
				u := testSiteURL + "/" + loc + "/news/" + url.PathEscape(slug)
				return &u
			}
			var list struct{ Data []urlSummary }
			env.with(t).getJSON("/api/v1/fa/articles", http.StatusOK, &list)
			if len(list.Data) == 0 {
				t.Fatal("no fa articles")
			}
			for _, s := range list.Data {
				if !reflect.DeepEqual(s.URL, want("fa", s.Slug)) {
					t.Errorf("summary %d url = %v, want %v", s.ID, deref(s.URL), deref(want("fa", s.Slug)))
				}
				wantSection := (*string)(nil)
				if configured {
					u := testSiteURL + "/fa/section/" + s.Section.Slug
					wantSection = &u
				}
				if !reflect.DeepEqual(s.Section.URL, wantSection) {
					t.Errorf("summary %d section url = %v, want %v", s.ID, deref(s.Section.URL), deref(wantSection))
				}
				for _, tr := range s.Translations {
					if !reflect.DeepEqual(tr.URL, want(tr.Locale, tr.Slug)) {
						t.Errorf("translation %s url = %v", tr.Locale, deref(tr.URL))
					}
				}
			}
			// Persian slugs keep their letters: the URL carries them encoded.
			if last := list.Data[len(list.Data)-1]; configured && !strings.Contains(*last.URL, "/fa/news/%D9%") {
				t.Errorf("the Persian slug %q is not percent-encoded in %s", last.Slug, *last.URL)
			}

			var art struct{ Data urlSummary }
			env.with(t).getJSON("/api/v1/tg/articles/"+strconv.FormatUint(uint64(env.ids["both"]), 10), http.StatusOK, &art)
			if !reflect.DeepEqual(art.Data.URL, want("tg", art.Data.Slug)) || len(art.Data.Translations) != 1 || !reflect.DeepEqual(art.Data.Translations[0].URL, want("fa", art.Data.Translations[0].Slug)) {
				t.Errorf("article urls = %v, %+v", deref(art.Data.URL), art.Data.Translations)
			}

			// "url": null is present, not left out.
			rec := env.do(http.MethodGet, "/api/v1/tg/sections", nil)
			if !configured && !strings.Contains(rec.Body.String(), `"url":null`) {
				t.Errorf("sections without a site URL: %s", rec.Body.String())
			}
			if configured && !strings.Contains(rec.Body.String(), `"url":"`+testSiteURL+`/tg/section/news"`) {
				t.Errorf("sections with a site URL: %s", rec.Body.String())
			}
		})
	}
}

func TestSiteDescribesTheSettings(t *testing.T) {
	t.Run("not configured", func(t *testing.T) {
		env := newTestEnv(t)
		rec := env.with(t).getJSON("/api/v1/site", http.StatusOK, nil)
		want := `{"data":{"site_url":null,"names":{"fa":"Payvand","tg":"Payvand"},"paths":{"article":"/{locale}/news/{slug}","section":"/{locale}/section/{section}","tag":"/{locale}/tag/{tag}","preview":null},"time_zone":"UTC","default_locale":"tg","locales":[{"code":"tg","name":"Тоҷикӣ","dir":"ltr","default":true},{"code":"fa","name":"فارسی","dir":"rtl","default":false}]}}`
		if got := strings.TrimSpace(rec.Body.String()); got != want {
			t.Errorf("GET /site =\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("configured", func(t *testing.T) {
		env := newTestEnv(t)
		withSiteURL(t, env)
		rec := env.with(t).getJSON("/api/v1/site", http.StatusOK, nil)
		for _, part := range []string{`"site_url":"https://news.example.tj"`, `"names":{"fa":"وزارت فرهنگ","tg":"Вазорати фарҳанг"}`,
			`"preview":"/{locale}/preview/{id}?token={token}"`, `"time_zone":"Asia/Dushanbe"`, `"default_locale":"tg"`} {
			if !strings.Contains(rec.Body.String(), part) {
				t.Errorf("GET /site lacks %s: %s", part, rec.Body.String())
			}
		}
		if rec.Header().Get("ETag") == "" {
			t.Error("GET /site has no ETag: it is not answered like the other reads")
		}
	})
}

// The answers with a site URL match the OpenAPI document too.
func TestOpenAPIDocumentMatchesAnswersWithSiteURL(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	cc := newContractChecker(t)
	id := strconv.FormatUint(uint64(env.ids["both"]), 10)
	for _, target := range []string{"/site", "/tg/sections", "/fa/articles", "/tg/articles/" + id, "/fa/articles/" + id} {
		t.Run(target, func(t *testing.T) {
			cc.check(t, env, contractCase{method: "GET", target: target, status: 200})
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
