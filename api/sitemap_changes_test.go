package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

// entryLocs lists a file's locs; a file without entries lists none.
func (env *testEnv) entryLocs(path string) []string {
	env.t.Helper()
	rec := env.do(http.MethodGet, path, nil)
	if rec.Code == http.StatusNotFound {
		return nil
	}
	doc, _ := env.getSitemap(path)
	var locs []string
	for _, u := range doc.URLs {
		locs = append(locs, u.Loc)
	}
	return locs
}

// hreflangsOf lists the hreflangs of the entry at loc in the file at path.
func (env *testEnv) hreflangsOf(path, loc string) []string {
	env.t.Helper()
	doc, _ := env.getSitemap(path)
	for _, u := range doc.URLs {
		if u.Loc == loc {
			var out []string
			for _, a := range u.Alternates {
				out = append(out, a.Hreflang)
			}
			return out
		}
	}
	env.t.Fatalf("%s has no entry %s", path, loc)
	return nil
}

func (env *testEnv) sitemapIndexLists(path string) bool {
	env.t.Helper()
	doc, _ := env.getSitemap("/sitemap.xml")
	return slices.ContainsFunc(doc.Files, func(f sitemapURLEntry) bool { return f.Loc == testSiteURL+path })
}

// A scheduled translation enters the sitemaps at its time with nobody
// saving: its file, the index (served from the response cache until
// then), its article's other entries (now naming it, and x-default) and
// the news sitemap; the other file's ETag changes with it.
func TestScheduledArticleEntersTheSitemapAtItsTime(t *testing.T) {
	env := newSitemapEnv(t)
	faLoc := testSiteURL + "/fa/news/" + "%D8%AE%D8%A8%D8%B1-%D8%AA%D8%A7%D8%B2%D9%87"
	tgLoc := testSiteURL + "/tg/news/khabari-oyanda"
	_, faETag, _ := env.fetch("/sitemaps/fa-3.xml", nil)
	if env.entryLocs("/sitemaps/tg-3.xml") != nil || env.sitemapIndexLists("/sitemaps/tg-3.xml") {
		t.Fatal("a scheduled translation is listed before its time")
	}
	if got := env.hreflangsOf("/sitemaps/fa-3.xml", faLoc); !slices.Equal(got, []string{"fa"}) {
		t.Fatalf("before: fa entry names %v", got)
	}
	news, _ := env.getSitemap("/sitemaps/news.xml")
	if slices.ContainsFunc(news.URLs, func(u sitemapURLEntry) bool { return u.Loc == tgLoc }) {
		t.Fatal("the news sitemap lists a scheduled translation before its time")
	}

	env.clock.t = testNow.Add(2 * time.Hour)
	if got := env.entryLocs("/sitemaps/tg-3.xml"); !slices.Equal(got, []string{tgLoc}) {
		t.Fatalf("at its time tg-3 lists %v", got)
	}
	if !env.sitemapIndexLists("/sitemaps/tg-3.xml") {
		t.Fatal("the index does not list tg-3 at its time")
	}
	if got := env.hreflangsOf("/sitemaps/fa-3.xml", faLoc); !slices.Equal(got, []string{"tg", "fa", "x-default"}) {
		t.Fatalf("after: fa entry names %v", got)
	}
	if code, etag, _ := env.fetch("/sitemaps/fa-3.xml", http.Header{"If-None-Match": {faETag}}); code != http.StatusOK || etag == faETag {
		t.Fatalf("fa-3 with the old ETag: %d %s, want 200 and a new ETag", code, etag)
	}
	news, _ = env.getSitemap("/sitemaps/news.xml")
	if !slices.ContainsFunc(news.URLs, func(u sitemapURLEntry) bool { return u.Loc == tgLoc }) {
		t.Fatal("the news sitemap does not list the translation at its time")
	}
}

// A translation taken back to draft leaves its file, the news sitemap and
// its article's other entries at once (the response cache follows the
// event); its file's ETag changes. A renamed slug changes the entries too.
func TestUnpublishedTranslationLeavesTheSitemap(t *testing.T) {
	env := newSitemapEnv(t)
	oldFa := env.entryLocs("/sitemaps/fa-1.xml")[1]
	tgLoc := testSiteURL + "/tg/news/jalasai-hukumat"
	_, faETag, _ := env.fetch("/sitemaps/fa-1.xml", nil)
	_, tgETag, _ := env.fetch("/sitemaps/tg-1.xml", nil)
	env.getSitemap("/sitemaps/news.xml") // cached now

	env.saveTranslation("tgFa", "fa", func(in *models.TranslationInput) { in.Status = models.StatusDraft })
	if got := env.entryLocs("/sitemaps/fa-1.xml"); len(got) != 1 || got[0] == oldFa {
		t.Fatalf("after unpublishing, fa-1 lists %v", got)
	}
	if got := env.hreflangsOf("/sitemaps/tg-1.xml", tgLoc); !slices.Equal(got, []string{"tg", "x-default"}) {
		t.Fatalf("the tg entry still names %v", got)
	}
	for path, old := range map[string]string{"/sitemaps/fa-1.xml": faETag, "/sitemaps/tg-1.xml": tgETag} {
		if code, etag, _ := env.fetch(path, http.Header{"If-None-Match": {old}}); code != http.StatusOK || etag == old {
			t.Fatalf("%s with the old ETag: %d %s, want 200 and a new ETag", path, code, etag)
		}
	}
	news, _ := env.getSitemap("/sitemaps/news.xml")
	if slices.ContainsFunc(news.URLs, func(u sitemapURLEntry) bool { return u.Loc == oldFa }) {
		t.Fatal("the news sitemap still lists the unpublished translation")
	}

	_, renamed := env.renameSlug("tgFa", "tg", "majlisi-hukumat")
	if got := env.entryLocs("/sitemaps/tg-1.xml"); !strings.HasSuffix(got[1], "/tg/news/"+renamed) {
		t.Fatalf("after the rename tg-1 lists %v", got)
	}
}

// A conditional GET of an unchanged file is answered 304 from the stamp
// alone, for the plain ETag and for a compressed representation's; HEAD
// answers the headers without the body.
func TestSitemapFileConditionalRequests(t *testing.T) {
	env := newSitemapEnv(t)
	code, etag, body := env.fetch("/sitemaps/tg-1.xml", nil)
	if code != http.StatusOK || etag == "" || body == "" {
		t.Fatalf("GET: %d %q", code, etag)
	}
	for _, candidate := range []string{etag, strings.TrimSuffix(etag, `"`) + `-gzip"`, `"other", ` + etag} {
		rec := env.do(http.MethodGet, "/sitemaps/tg-1.xml", http.Header{"If-None-Match": {candidate}})
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("If-None-Match %s: %d with %d bytes, want 304", candidate, rec.Code, rec.Body.Len())
		}
	}
	rec := env.do(http.MethodHead, "/sitemaps/tg-1.xml", nil)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
		t.Fatalf("HEAD: %d, %d bytes, ETag %q", rec.Code, rec.Body.Len(), rec.Header().Get("ETag"))
	}
	if lm := rec.Header().Get("Last-Modified"); lm != testNow.Format(http.TimeFormat) {
		t.Fatalf("Last-Modified %q", lm)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "public, max-age=60" {
		t.Fatalf("Cache-Control %q", cc)
	}
}

// A noindex translation stays out of the sitemaps: its file and the news
// sitemap leave it out, and the article's other entries stop naming it as
// an alternate, so the pairs stay mutual.
func TestNoindexTranslationStaysOutOfTheSitemap(t *testing.T) {
	env := newSitemapEnv(t)
	faLoc := env.entryLocs("/sitemaps/fa-1.xml")[0]
	env.saveTranslation("all", "fa", func(in *models.TranslationInput) { in.SEO.Noindex = true })
	if got := env.entryLocs("/sitemaps/fa-1.xml"); slices.Contains(got, faLoc) || len(got) != 1 {
		t.Fatalf("fa-1 lists %v, want tgFa's fa only", got)
	}
	for _, f := range []struct{ path, loc string }{
		{"/sitemaps/tg-1.xml", testSiteURL + "/tg/news/hamkorii-farhangi"},
		{"/sitemaps/en-1.xml", testSiteURL + "/en/news/cultural-cooperation"},
	} {
		if got := env.hreflangsOf(f.path, f.loc); !slices.Equal(got, []string{"tg", "en", "x-default"}) {
			t.Errorf("%s still names %v", f.loc, got)
		}
	}
	news, _ := env.getSitemap("/sitemaps/news.xml")
	if slices.ContainsFunc(news.URLs, func(u sitemapURLEntry) bool { return u.Loc == faLoc }) {
		t.Fatal("the news sitemap lists a noindex translation")
	}

	// en-3's one entry is enOnly: marked noindex, the file is gone, from
	// the index too.
	env.saveTranslation("enOnly", "en", func(in *models.TranslationInput) { in.SEO.Noindex = true })
	if rec := env.do(http.MethodGet, "/sitemaps/en-3.xml", nil); rec.Code != http.StatusNotFound {
		t.Fatalf("a file of noindex translations only answers %d", rec.Code)
	}
	if env.sitemapIndexLists("/sitemaps/en-3.xml") {
		t.Fatal("the index lists a file of noindex translations only")
	}
}
