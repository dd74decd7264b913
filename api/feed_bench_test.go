package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/feed/feedtest"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// benchFeedURLs are the feeds BenchmarkFeed asks: RSS and Atom of each
// locale, and a section's feed, whose list includes two levels of
// subsections.
var benchFeedURLs = []string{"/feeds/tg/rss.xml", "/feeds/fa/atom.xml", "/feeds/fa/rss.xml?section=culture"}

func benchSiteURLs(tb testing.TB) *siteurl.Builder {
	site, err := siteurl.New(testSiteURL, siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		tb.Fatal(err)
	}
	return site
}

// BenchmarkFeed fetches the feeds of the 10,000-article dataset (50 items
// with whole 3–5 KB bodies each), cache off and on.
func BenchmarkFeed(b *testing.B) {
	d := loadBenchDataset(b)
	feeds := &benchDataset{store: d.store, site: benchSiteURLs(b)}
	for _, u := range benchFeedURLs {
		b.Run(u[len("/feeds/"):], func(b *testing.B) { benchURLs(b, feeds, []string{u}, nil) })
	}
}

// The benchmark's feeds answer, and read as valid feeds, on a small site
// made by the same generator, so BenchmarkFeed cannot rot unseen.
func TestBenchFeedsOnASmallSite(t *testing.T) {
	store, err := models.Open(context.Background(), models.Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := seedBenchSite(context.Background(), store, 60, nil); err != nil {
		t.Fatal(err)
	}
	h := benchRouterOn(store, 0, benchSiteURLs(t))
	for _, u := range benchFeedURLs {
		rec := benchGET(h, u)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d: %.300s", u, rec.Code, rec.Body.String())
		}
		var problems []error
		var items int
		if strings.Contains(u, "atom") {
			doc, p := feedtest.ParseAtom(rec.Body.Bytes())
			problems, items = p, len(doc.Entries)
		} else {
			doc, p := feedtest.ParseRSS(rec.Body.Bytes())
			problems, items = p, len(doc.Channel.Items)
		}
		for _, p := range problems {
			t.Errorf("%s: %v", u, p)
		}
		if items == 0 {
			t.Errorf("%s has no items", u)
		}
	}
}
