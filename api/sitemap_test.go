package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/payvand/payvand/internal/sitemap"
)

// Without --site-url there is no host the sitemaps could name: every
// sitemap address answers 404 not_configured in the API's error shape,
// with a message naming the setting.
func TestSitemapsNeedTheSiteURL(t *testing.T) {
	env := newTestEnv(t) // no SiteURLs
	errSchema := loadOpenAPIDocument(t).Components.Schemas["Error"].Value
	for _, path := range []string{"/sitemap.xml", "/sitemaps/tg-1.xml", "/sitemaps/tg-0.xml", "/sitemaps/news.xml"} {
		t.Run(path, func(t *testing.T) {
			var body apiError
			rec := env.with(t).getJSON(path, http.StatusNotFound, &body)
			if body.Error.Code != "not_configured" || !strings.Contains(body.Error.Message, "--site-url") {
				t.Fatalf("error %+v, want not_configured naming --site-url", body.Error)
			}
			var value any
			if err := json.Unmarshal(rec.Body.Bytes(), &value); err != nil {
				t.Fatal(err)
			}
			if err := errSchema.VisitJSON(value, openapi3.EnableJSONSchema2020(), openapi3.VisitAsResponse()); err != nil {
				t.Errorf("body does not match the API's Error schema: %v", err)
			}
			if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" {
				t.Fatalf("Cache-Control %q, want no-cache", cc)
			}
		})
	}
}

// The index lists, per locale in configured order, the section file and
// the article files that have entries, then the news sitemap; every loc is
// under the site URL. The archived article's file (4) is not listed, and
// tg has no file 3 (its article there is scheduled).
func TestSitemapIndexListsTheFilesWithEntries(t *testing.T) {
	env := newSitemapEnv(t)
	doc, _ := env.getSitemap("/sitemap.xml")
	if doc.Root.Space != sitemap.NamespaceSitemap || doc.Root.Local != "sitemapindex" {
		t.Fatalf("root %v", doc.Root)
	}
	var got []string
	for _, f := range doc.Files {
		got = append(got, sitemapPath(t, f.Loc))
		if f.Loc != testSiteURL+"/sitemaps/news.xml" && !w3cDatetime.MatchString(f.LastMod) {
			t.Errorf("%s: lastmod %q is not a W3C datetime", f.Loc, f.LastMod)
		}
	}
	want := []string{"/sitemaps/tg-0.xml", "/sitemaps/tg-1.xml", "/sitemaps/tg-2.xml",
		"/sitemaps/fa-0.xml", "/sitemaps/fa-1.xml", "/sitemaps/fa-2.xml", "/sitemaps/fa-3.xml",
		"/sitemaps/en-0.xml", "/sitemaps/en-1.xml", "/sitemaps/en-2.xml", "/sitemaps/en-3.xml", "/sitemaps/news.xml"}
	if !slices.Equal(got, want) {
		t.Fatalf("index lists\n%v\nwant\n%v", got, want)
	}
	for _, path := range got {
		if rec := env.do(http.MethodGet, path, nil); rec.Code != http.StatusOK {
			t.Errorf("listed %s answers %d", path, rec.Code)
		}
	}
}

// w3cDatetime is the W3C datetime form the sitemaps write: UTC, seconds.
var w3cDatetime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// Each entry follows the schema: loc, lastmod, then the extensions
// (alternates before the picture), in the sitemap, xhtml and image
// namespaces declared on the root.
func TestSitemapFileStructure(t *testing.T) {
	env := newSitemapEnv(t)
	doc, _ := env.getSitemap("/sitemaps/tg-1.xml")
	wantNS := map[string]string{"": sitemap.NamespaceSitemap, "xhtml": sitemap.NamespaceXHTML, "image": sitemap.NamespaceImage}
	for prefix, uri := range wantNS {
		if doc.Namespaces[prefix] != uri {
			t.Errorf("namespace %q = %q, want %q", prefix, doc.Namespaces[prefix], uri)
		}
	}
	if doc.Root.Local != "urlset" || len(doc.URLs) != 2 {
		t.Fatalf("root %v with %d urls, want urlset with 2", doc.Root, len(doc.URLs))
	}
	withPicture := doc.URLs[0]
	wantOrder := []string{"loc", "lastmod", "xhtml:link", "xhtml:link", "xhtml:link", "xhtml:link", "image:image"}
	if !slices.Equal(withPicture.Children, wantOrder) {
		t.Fatalf("children %v, want %v", withPicture.Children, wantOrder)
	}
	if withPicture.Loc != testSiteURL+"/tg/news/hamkorii-farhangi" {
		t.Fatalf("loc %q", withPicture.Loc)
	}
	if !w3cDatetime.MatchString(withPicture.LastMod) {
		t.Fatalf("lastmod %q is not a W3C datetime", withPicture.LastMod)
	}
	if !slices.Equal(withPicture.Images, []string{testBaseURL + "/media/cd/pic.jpg"}) {
		t.Fatalf("images %v, want the picture under the public URL", withPicture.Images)
	}
	if got := doc.URLs[1].Children; slices.Contains(got, "image:image") {
		t.Fatalf("an article without a picture has %v", got)
	}
}

// The split by id range: with files of two ids, file n holds the articles
// with ids 2n-1 and 2n that are public in its locale, so a file keeps its
// articles as the site grows. Past the last id, in an unknown locale or
// under another name, the answer is 404.
func TestSitemapFilesHoldTheirIDRange(t *testing.T) {
	env := newSitemapEnv(t)
	tests := []struct {
		path string
		want []string // the articles' keys, in id order
	}{
		{"/sitemaps/tg-1.xml", []string{"all", "tgFa"}},
		{"/sitemaps/tg-2.xml", []string{"tgDraft"}}, // faEn has no tg
		{"/sitemaps/fa-2.xml", []string{"faEn"}},    // tgDraft's fa is a draft
		{"/sitemaps/fa-3.xml", []string{"later"}},
		{"/sitemaps/en-3.xml", []string{"enOnly"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc, _ := env.with(t).getSitemap(tt.path)
			loc := strings.Split(strings.TrimPrefix(tt.path, "/sitemaps/"), "-")[0]
			var got []string
			for _, u := range doc.URLs {
				got = append(got, env.articleKeyOf(t, loc, u.Loc))
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("entries %v, want %v", got, tt.want)
			}
		})
	}
	notFound := map[string]string{
		"/sitemaps/tg-3.xml": "not_found", "/sitemaps/fa-4.xml": "not_found", "/sitemaps/tg-99999999999.xml": "not_found",
		"/sitemaps/tg-01.xml": "not_found", "/sitemaps/tg-+1.xml": "not_found", "/sitemaps/tg-1.txt": "not_found",
		"/sitemaps/tg.xml": "not_found", "/sitemaps/ru-1.xml": "unknown_locale",
	}
	for path, code := range notFound {
		var body apiError
		env.getJSON(path, http.StatusNotFound, &body)
		if body.Error.Code != code {
			t.Errorf("%s: code %q, want %q", path, body.Error.Code, code)
		}
	}
}

// articleKeyOf names the fixture article whose public URL in loc, as
// the API answers it, is u.
func (env *testEnv) articleKeyOf(t *testing.T, loc, u string) string {
	t.Helper()
	for key, id := range env.ids {
		if strings.Contains(key, ":") { // a section or a tag
			continue
		}
		rec := env.do(http.MethodGet, "/api/v1/"+loc+"/articles/"+formatUint(id), nil)
		var got struct {
			Data struct {
				URL *string `json:"url"`
			} `json:"data"`
		}
		if rec.Code == http.StatusOK && json.Unmarshal(rec.Body.Bytes(), &got) == nil && got.Data.URL != nil && *got.Data.URL == u {
			return key
		}
	}
	t.Fatalf("no article has the URL %s", u)
	return ""
}

// The real file size is the format's safe bound, and a writer refuses to
// go past it.
func TestSitemapFileLimit(t *testing.T) {
	if sitemap.MaxURLsPerFile != 10000 {
		t.Fatalf("MaxURLsPerFile = %d, want 10000", sitemap.MaxURLsPerFile)
	}
	w := sitemap.NewURLSetWriter(new(strings.Builder))
	for i := range sitemap.MaxURLsPerFile {
		if err := w.Write(sitemap.URL{Loc: "https://x.tj/" + formatUint(uint(i))}); err != nil {
			t.Fatalf("entry %d: %v", i+1, err)
		}
	}
	if err := w.Write(sitemap.URL{Loc: "https://x.tj/one-more", LastMod: time.Now()}); err == nil {
		t.Fatal("a file took more than MaxURLsPerFile entries")
	}
}

// File 0 of a locale lists its section pages, then its tag pages, each
// with the locales where the page lists public articles: a tag shows only
// where it is named.
func TestSitemapListPagesFile(t *testing.T) {
	env := newSitemapEnv(t)
	tests := []struct {
		path string
		want map[string][]string // loc → hreflangs
	}{
		{"/sitemaps/tg-0.xml", map[string][]string{
			"/tg/section/news": {"tg", "fa", "en", "x-default"},
			"/tg/tag/farhang":  {"tg", "fa", "x-default"},
		}},
		{"/sitemaps/en-0.xml", map[string][]string{
			"/en/section/news": {"tg", "fa", "en", "x-default"},
			"/en/tag/books":    {"en"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc, _ := env.with(t).getSitemap(tt.path)
			if len(doc.URLs) != len(tt.want) {
				t.Fatalf("%d entries, want %d", len(doc.URLs), len(tt.want))
			}
			for _, u := range doc.URLs {
				var got []string
				for _, a := range u.Alternates {
					got = append(got, a.Hreflang)
				}
				want, ok := tt.want[strings.TrimPrefix(u.Loc, testSiteURL)]
				if !ok || !slices.Equal(got, want) {
					t.Errorf("%s names %v, want %v", u.Loc, got, want)
				}
				if !w3cDatetime.MatchString(u.LastMod) {
					t.Errorf("%s: lastmod %q", u.Loc, u.LastMod)
				}
			}
		})
	}
}
