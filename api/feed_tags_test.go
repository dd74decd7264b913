package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/feed/feedtest"
	"github.com/payvand/payvand/models"
)

// ?tag= narrows a feed to a tag, alone or with ?section=, and names it in
// the title, link and self link; each item lists the tags named in the
// feed's locale as categories after its section.
func TestFeedTagFilterAndCategories(t *testing.T) {
	env := newTestEnv(t)
	env.tagFixture()
	withSiteURL(t, env)

	rss := env.feedRSS(t, "/feeds/tg/rss.xml?tag=musiqi")
	if got, want := rssIDs(rss), []string{env.itemID("tieA", "tg"), env.itemID("both", "tg")}; !slices.Equal(got, want) {
		t.Errorf("musiqi feed = %v, want %v", got, want)
	}
	if rss.Channel.Title != "Вазорати фарҳанг — Мусиқӣ" || rss.Link() != testSiteURL+"/tg/tag/musiqi" {
		t.Errorf("title %q link %q", rss.Channel.Title, rss.Link())
	}
	if self := feedtest.Rel(rss.AtomLinks(), "self").Href; self != testSiteURL+"/feeds/tg/rss.xml?tag=musiqi" {
		t.Errorf("self = %q", self)
	}
	if got := strings.Join(rss.Channel.Items[1].Categories, "|"); got != "Бахши news|Мусиқӣ|Энергетика" {
		t.Errorf("tg categories of both = %q", got)
	}

	atom := env.feedAtom(t, "/feeds/fa/atom.xml?section=culture&tag=musiqi")
	if got, want := atomIDs(atom), []string{env.itemID("tieA", "fa")}; !slices.Equal(got, want) {
		t.Errorf("culture+musiqi feed = %v, want %v", got, want)
	}
	if self := feedtest.Rel(atom.Links, "self").Href; self != testSiteURL+"/feeds/fa/atom.xml?section=culture&tag=musiqi" {
		t.Errorf("self = %q", self)
	}
	fa := env.feedAtom(t, "/feeds/fa/atom.xml")
	want := []feedtest.Category{{Term: "news", Label: "بخش news"}, {Term: "musiqi", Label: "موسیقی"}}
	if got := fa.Entries[1].Categories; !slices.Equal(got, want) {
		t.Errorf("fa categories of both = %+v, want %+v (energy has no Persian name)", got, want)
	}
}

// An old tag slug answers 301 to the same feed with the current slug; an
// unknown one 404 not_found.
func TestFeedOldAndUnknownTagSlugs(t *testing.T) {
	env := newTestEnv(t)
	env.tagFixture()
	withSiteURL(t, env)
	rec := env.do(http.MethodGet, "/feeds/tg/atom.xml?tag=quvva", nil)
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/feeds/tg/atom.xml?tag=energy" {
		t.Errorf("old slug: %d, Location %q", rec.Code, rec.Header().Get("Location"))
	}
	if rec := env.do(http.MethodGet, "/feeds/tg/rss.xml?tag=no-such-tag", nil); rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `"not_found"`) {
		t.Errorf("unknown tag: %d %s", rec.Code, rec.Body.String())
	}
}

// Renaming a tag drops the cached feeds that show it.
func TestFeedShowsARenamedTag(t *testing.T) {
	env := newTestEnv(t)
	music, _ := env.tagFixture()
	withSiteURL(t, env)
	const target = "/feeds/fa/rss.xml"
	env.feedRSS(t, target)
	_, err := env.store.SaveTag(context.Background(), models.TagInput{ID: music.ID, Version: music.Version, Slug: music.Slug,
		Names: map[string]string{"tg": "Мусиқӣ", "fa": "موسیقی\u200cها"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := env.feedRSS(t, target).Channel.Items[1].Categories; !slices.Contains(got, "موسیقی\u200cها") {
		t.Errorf("categories after the rename = %q", got)
	}
}
