package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/feed/feedtest"
	"github.com/payvand/payvand/models"
)

// feedBody fetches a feed through the router, checking status and type.
func (env *testEnv) feedBody(t *testing.T, target, contentType string) []byte {
	t.Helper()
	rec := env.do(http.MethodGet, target, nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != contentType {
		t.Fatalf("GET %s = %d %q: %s", target, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
	return rec.Body.Bytes()
}

// feedRSS fetches an RSS feed and reads it as a reader would, failing on
// every problem the reader finds.
func (env *testEnv) feedRSS(t *testing.T, target string) feedtest.RSS {
	t.Helper()
	doc, problems := feedtest.ParseRSS(env.feedBody(t, target, "application/rss+xml; charset=utf-8"))
	for _, p := range problems {
		t.Errorf("%s: %v", target, p)
	}
	return doc
}

// feedAtom is feedRSS for Atom.
func (env *testEnv) feedAtom(t *testing.T, target string) feedtest.Atom {
	t.Helper()
	doc, problems := feedtest.ParseAtom(env.feedBody(t, target, "application/atom+xml; charset=utf-8"))
	for _, p := range problems {
		t.Errorf("%s: %v", target, p)
	}
	return doc
}

// itemID is the tag: id the feeds give a fixture article in loc.
func (env *testEnv) itemID(key, loc string) string {
	a, err := env.store.FindArticle(context.Background(), env.ids[key])
	if err != nil {
		env.t.Fatal(err)
	}
	return fmt.Sprintf("tag:news.example.tj,%d:article/%d/%s", a.CreatedAt.UTC().Year(), a.ID, loc)
}

func rssIDs(doc feedtest.RSS) []string {
	var out []string
	for _, it := range doc.Channel.Items {
		out = append(out, it.GUID.Value)
	}
	return out
}

func atomIDs(doc feedtest.Atom) []string {
	var out []string
	for _, e := range doc.Entries {
		out = append(out, e.ID)
	}
	return out
}

// Each feed lists its locale's public articles, newest first: drafts,
// scheduled, archived and trashed articles stay out, as in the API's list.
func TestFeedsListTheLocalesPublicArticlesNewestFirst(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	want := map[string][]string{
		"tg": {env.itemID("tieB", "tg"), env.itemID("tieA", "tg"), env.itemID("tgOnly", "tg"), env.itemID("both", "tg")},
		"fa": {env.itemID("tieA", "fa"), env.itemID("both", "fa")},
	}
	for loc, ids := range want {
		t.Run(loc, func(t *testing.T) {
			rss := env.feedRSS(t, "/feeds/"+loc+"/rss.xml")
			atom := env.feedAtom(t, "/feeds/"+loc+"/atom.xml")
			if got := rssIDs(rss); !slices.Equal(got, ids) {
				t.Errorf("RSS guids = %v, want %v", got, ids)
			}
			if got := atomIDs(atom); !slices.Equal(got, ids) {
				t.Errorf("Atom ids = %v, want %v", got, ids)
			}
			if rss.Channel.Language != loc || atom.Lang != loc {
				t.Errorf("language %q, xml:lang %q, want %q", rss.Channel.Language, atom.Lang, loc)
			}
		})
	}
}

// An item carries what a reader shows, with links on the site URL, media
// on the public URL, the body's own links made absolute, its library
// pictures rendered as the API renders them, and Persian text (ZWNJ
// included) exactly as stored.
func TestFeedItemsCarryTheArticle(t *testing.T) {
	env := newTestEnv(t)
	env.saveTranslation("both", "fa", func(in *models.TranslationInput) {
		in.BodyHTML = `<p>همکاری` + "\u200c" + `ها <a href="/fa/section/news">بخش</a></p><p><img src="/media/ab/pic-medium.jpg" alt=""></p>`
	})
	withSiteURL(t, env)
	rss := env.feedRSS(t, "/feeds/fa/rss.xml")
	if rss.Channel.Title != "وزارت فرهنگ" || rss.Link() != testSiteURL+"/" {
		t.Errorf("channel title %q link %q", rss.Channel.Title, rss.Link())
	}
	if self := feedtest.Rel(rss.AtomLinks(), "self").Href; self != testSiteURL+"/feeds/fa/rss.xml" {
		t.Errorf("self link = %q", self)
	}
	it := rss.Channel.Items[1]
	_, tr := env.translation("both", "fa")
	checks := []struct{ name, got, want string }{
		{"title", it.Title, "همکاری\u200cهای فرهنگی گسترش می\u200cیابد"},
		{"link", it.Link, testSiteURL + "/fa/news/" + url.PathEscape(tr.Slug)},
		{"description", it.Description, "Хулоса: همکاری\u200cهای فرهنگی گسترش می\u200cیابد"},
		{"content", it.Content, `<p>همکاری` + "\u200c" + `ها <a href="` + testSiteURL + `/fa/section/news" rel="nofollow noreferrer">بخش</a></p><p><img src="` + testBaseURL + `/media/ab/pic-medium.jpg" srcset="` +
			testBaseURL + `/media/ab/pic-thumb.jpg 320w, ` + testBaseURL + `/media/ab/pic-medium.jpg 960w, ` + testBaseURL + `/media/ab/pic.jpg 1200w" width="960" height="640" data-media-id="1" alt=""></p>`},
		{"creator", it.Creator, "Паёмнигор"},
		{"pubDate", it.PubDate, testNow.Add(-10 * time.Hour).Format(time.RFC1123Z)},
		{"category", strings.Join(it.Categories, "|"), "بخش news"},
		{"guid isPermaLink", it.GUID.IsPermaLink, "false"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(it.Enclosures) != 1 || it.Enclosures[0].URL != testBaseURL+"/media/ab/pic-medium.jpg" || it.Enclosures[0].Type != "image/jpeg" {
		t.Errorf("enclosure = %+v, want the medium size on the public URL", it.Enclosures)
	}
	if len(it.Media) != 1 || it.Media[0].URL != testBaseURL+"/media/ab/pic.jpg" || it.Media[0].Width != "1200" || it.Media[0].FileSize != "1000" ||
		it.Media[0].Description != "عکس: پیام\u200cنگار" || it.Media[0].Thumbnail.URL != testBaseURL+"/media/ab/pic-thumb.jpg" {
		t.Errorf("media:content = %+v", it.Media)
	}
	atom := env.feedAtom(t, "/feeds/fa/atom.xml")
	e := atom.Entries[1]
	if e.Content.Type != "html" || e.Content.Value != it.Content || e.Title.Value != it.Title || feedtest.Rel(e.Links, "alternate").Href != it.Link {
		t.Errorf("Atom entry differs from the RSS item: %+v", e)
	}
	if len(e.Categories) != 1 || e.Categories[0] != (feedtest.Category{Term: "news", Label: "بخش news"}) {
		t.Errorf("Atom categories = %+v", e.Categories)
	}
	if self := feedtest.Rel(atom.Links, "self").Href; self != testSiteURL+"/feeds/fa/atom.xml" || atom.ID != self {
		t.Errorf("Atom self %q id %q", self, atom.ID)
	}
}

// A new slug moves the link, never the id: readers keep the article as
// the item they already have.
func TestFeedItemIDSurvivesASlugChange(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	before := env.feedRSS(t, "/feeds/tg/rss.xml").Channel.Items[3]
	_, renamed := env.renameSlug("both", "tg", "sarlavhai-nav")
	after := env.feedRSS(t, "/feeds/tg/rss.xml").Channel.Items[3]
	if after.GUID != before.GUID || after.GUID.Value != env.itemID("both", "tg") {
		t.Errorf("guid moved from %q to %q", before.GUID.Value, after.GUID.Value)
	}
	if after.Link != testSiteURL+"/tg/news/"+renamed || after.Link == before.Link {
		t.Errorf("link = %q (before %q), want the new slug's page", after.Link, before.Link)
	}
}

// ?section= narrows a feed to a section and its subsections and says so in
// its title, link and self link.
func TestFeedSectionFilterIncludesSubsections(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	rss := env.feedRSS(t, "/feeds/tg/rss.xml?section=culture")
	if got, want := rssIDs(rss), []string{env.itemID("tieB", "tg"), env.itemID("tieA", "tg")}; !slices.Equal(got, want) {
		t.Errorf("culture feed = %v, want %v (heritage is inside culture)", got, want)
	}
	if rss.Channel.Title != "Вазорати фарҳанг — Бахши culture" || rss.Link() != testSiteURL+"/tg/section/culture" {
		t.Errorf("title %q link %q", rss.Channel.Title, rss.Link())
	}
	if self := feedtest.Rel(rss.AtomLinks(), "self").Href; self != testSiteURL+"/feeds/tg/rss.xml?section=culture" {
		t.Errorf("self = %q", self)
	}
	atom := env.feedAtom(t, "/feeds/tg/atom.xml?section=heritage")
	if got, want := atomIDs(atom), []string{env.itemID("tieA", "tg")}; !slices.Equal(got, want) {
		t.Errorf("heritage feed = %v, want %v", got, want)
	}
}

// A feed holds the 50 newest articles and no more.
func TestFeedHoldsTheFiftyNewest(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	for i := range 52 {
		at := testNow.Add(-time.Duration(i+1) * time.Minute)
		env.article(fmt.Sprintf("bulk%d", i), models.SharedInput{SectionID: env.ids["section:news"]},
			models.TranslationInput{Locale: "fa", Status: models.StatusPublished, PublishedAt: &at, Title: fmt.Sprintf("خبر %d", i), BodyHTML: "<p>متن</p>"})
	}
	ids := rssIDs(env.feedRSS(t, "/feeds/fa/rss.xml"))
	if len(ids) != feedLimit || ids[0] != env.itemID("bulk0", "fa") || ids[49] != env.itemID("bulk49", "fa") {
		t.Fatalf("%d items from %s to %s, want the 50 newest", len(ids), ids[0], ids[len(ids)-1])
	}
}

// Errors answer in the API's JSON shape: not_configured without a site
// URL (naming the flag), unknown_locale and not_found for a bad section.
func TestFeedErrors(t *testing.T) {
	env := newTestEnv(t)
	check := func(target, code string, status int) apiError {
		t.Helper()
		var body apiError
		rec := env.do(http.MethodGet, target, nil)
		if rec.Code != status || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("GET %s = %d %q, want %d JSON", target, rec.Code, rec.Header().Get("Content-Type"), status)
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != code {
			t.Fatalf("GET %s: body %s, want code %s", target, rec.Body.String(), code)
		}
		return body
	}
	for _, target := range []string{"/feeds/tg/rss.xml", "/feeds/fa/atom.xml"} {
		if body := check(target, "not_configured", http.StatusNotFound); !strings.Contains(body.Error.Message, "--site-url") {
			t.Errorf("not_configured message %q does not name --site-url", body.Error.Message)
		}
	}
	withSiteURL(t, env)
	check("/feeds/xx/rss.xml", "unknown_locale", http.StatusNotFound)
	check("/feeds/tg/atom.xml?section=no-such-section", "not_found", http.StatusNotFound)
	check("/feeds/tg/rss.xml?section=%zz", "invalid_parameter", http.StatusBadRequest)
}

// HEAD answers the headers of GET without the body; a known ETag is 304.
func TestFeedHEADAndNotModified(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	for _, target := range []string{"/feeds/tg/rss.xml", "/feeds/fa/atom.xml?section=news"} {
		get := env.do(http.MethodGet, target, nil)
		head := env.do(http.MethodHead, target, nil)
		if head.Code != http.StatusOK || head.Header().Get("ETag") != get.Header().Get("ETag") || head.Header().Get("Content-Type") != get.Header().Get("Content-Type") {
			t.Errorf("HEAD %s = %d %v, want GET's headers %v", target, head.Code, head.Header(), get.Header())
		}
		if get.Header().Get("Cache-Control") != "public, max-age=60" || get.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s headers %v", target, get.Header())
		}
		again := env.do(http.MethodGet, target, http.Header{"If-None-Match": {get.Header().Get("ETag")}})
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("If-None-Match on %s = %d with %d bytes, want 304", target, again.Code, again.Body.Len())
		}
	}
}

// A save drops the cached feeds of its locale; a scheduled article enters
// the feed at its time with nobody saving, and the ETag moves with it.
func TestFeedCacheFollowsSavesAndTheSchedule(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	const target = "/feeds/tg/rss.xml"
	_, etag, _ := env.fetch(target, nil)
	if _, again, _ := env.fetch(target, nil); again != etag || env.api.cache.hits.Load() == 0 {
		t.Fatalf("the second request was not answered from the cache (ETag %s then %s)", etag, again)
	}

	env.saveTranslation("tieA", "tg", func(in *models.TranslationInput) { in.Title = "Сарлавҳаи нави мерос" })
	code, saved, body := env.fetch(target, nil)
	if code != http.StatusOK || saved == etag || !strings.Contains(body, "Сарлавҳаи нави мерос") {
		t.Fatalf("after a save: %d, ETag %s (before %s), new title shown %v", code, saved, etag, strings.Contains(body, "Сарлавҳаи нави мерос"))
	}

	future := env.itemID("future", "tg")
	if slices.Contains(rssIDs(env.feedRSS(t, target)), future) {
		t.Fatal("the scheduled article is in the feed before its time")
	}
	env.clock.t = testNow.Add(2*time.Hour + time.Second)
	code, due, _ := env.fetch(target, nil)
	ids := rssIDs(env.feedRSS(t, target))
	if code != http.StatusOK || due == saved || len(ids) == 0 || ids[0] != future {
		t.Fatalf("at its time the scheduled article is not first in the feed: ETag %s (before %s), items %v", due, saved, ids)
	}
	if stale := env.do(http.MethodGet, target, http.Header{"If-None-Match": {saved}}); stale.Code != http.StatusOK {
		t.Errorf("the ETag from before the publication still answers %d", stale.Code)
	}
}

// A translation marked noindex stays out of its locale's feeds, with or
// without filters; the article's other translations stay in theirs.
func TestFeedsLeaveNoindexTranslationsOut(t *testing.T) {
	env := newTestEnv(t)
	withSiteURL(t, env)
	env.saveTranslation("both", "fa", func(in *models.TranslationInput) { in.SEO.Noindex = true })
	hidden := env.itemID("both", "fa")
	for _, target := range []string{"/feeds/fa/rss.xml", "/feeds/fa/rss.xml?section=news"} {
		if ids := rssIDs(env.feedRSS(t, target)); slices.Contains(ids, hidden) {
			t.Errorf("%s lists the noindex translation: %v", target, ids)
		}
	}
	if ids := atomIDs(env.feedAtom(t, "/feeds/fa/atom.xml")); slices.Contains(ids, hidden) || len(ids) != 1 {
		t.Errorf("fa Atom = %v, want tieA only", ids)
	}
	if ids := rssIDs(env.feedRSS(t, "/feeds/tg/rss.xml")); !slices.Contains(ids, env.itemID("both", "tg")) {
		t.Errorf("the tg translation left the tg feed too: %v", ids)
	}
}
