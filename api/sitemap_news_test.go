package api

import (
	"slices"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/sitemap"
)

// The news sitemap lists the translations public now that came out in the
// last 48 hours, newest first, each with its publication (the site's name
// in the article's language and that language's code), publication date
// and title, in the news namespace and the schema's order.
func TestNewsSitemap(t *testing.T) {
	env := newSitemapEnv(t)
	env.clock.t = testNow.Add(39 * time.Hour) // articles 10 h old and more are past 48 h
	doc, _ := env.getSitemap("/sitemaps/news.xml")
	if doc.Namespaces["news"] != sitemap.NamespaceNews || doc.Namespaces[""] != sitemap.NamespaceSitemap {
		t.Fatalf("namespaces %v", doc.Namespaces)
	}
	var got []string
	for _, u := range doc.URLs {
		got = append(got, u.News["language"]+" "+u.News["title"])
		wantOrder := []string{"loc", "news:news"}
		if !slices.Equal(u.Children, wantOrder) {
			t.Fatalf("children %v, want %v", u.Children, wantOrder)
		}
		if !w3cDatetime.MatchString(u.News["publication_date"]) {
			t.Fatalf("publication_date %q is not RFC 3339", u.News["publication_date"])
		}
	}
	// Newest first: the scheduled tg (2 h after testNow), then fa (1 h
	// before), en (4 h), tg (5 h), fa and en of one article (6 h, in
	// locale order), tg and fa (8 h, 47 hours old now); the 10-hour-old
	// ones are 49 hours old.
	want := []string{"tg Хабари оянда", "fa خبر تازه", "en English only", "tg Танҳо тоҷикӣ", "fa نمایشگاه کتاب", "en Book fair", "tg Ҷаласаи ҳукумат", "fa نشست دولت"}
	if !slices.Equal(got, want) {
		t.Fatalf("news sitemap lists\n%q\nwant\n%q", got, want)
	}
	first := doc.URLs[0]
	if first.News["name"] != "Вазорати фарҳанг" || first.Loc != testSiteURL+"/tg/news/khabari-oyanda" {
		t.Fatalf("first entry %+v", first)
	}
	if doc.URLs[1].News["name"] != "وزارت فرهنگ" {
		t.Fatalf("fa entry names publication %q", doc.URLs[1].News["name"])
	}
}
