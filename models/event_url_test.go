package models

import (
	"context"
	"fmt"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/testdb"
)

// With a site URL, article events name the page and, after a slug change,
// its old address: what a frontend revalidates and a CDN purges.
func TestArticleEventDataCarriesSiteURLs(t *testing.T) {
	c := &clock{t: testNow}
	site, err := siteurl.New("https://news.example.tj", siteurl.Patterns{Article: "/{locale}/news/{id}/{slug}", Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa"), Now: c.now, SiteURLs: site})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sec := mustSection(t, s, "culture", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Китобхона", 1))
	log := &eventLog{s: s}
	log.next(t)
	editTranslation(t, s, a.ID, "tg", func(in *TranslationInput) { in.Slug = "kitobkhonai-milli" })
	evs := log.next(t)
	if len(evs) != 1 {
		t.Fatalf("events = %d, want 1", len(evs))
	}
	want := fmt.Sprintf(`{"article_id":%[1]d,"locale":"tg","slug":"kitobkhonai-milli","previous_slug":"kitobkhona","section":"culture",`+
		`"url":"https://news.example.tj/tg/news/%[1]d/kitobkhonai-milli",`+
		`"previous_url":"https://news.example.tj/tg/news/%[1]d/kitobkhona"}`, a.ID)
	if string(evs[0].Data) != want {
		t.Fatalf("data %s\nwant %s", evs[0].Data, want)
	}
}
