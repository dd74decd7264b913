package api

import (
	"strings"
	"testing"
)

// Across three locales, every alternate pair is mutual: reading every
// file the index lists, if A's entry names B's URL under B's locale, B's
// entry names A's URL under A's locale. Each entry names itself, and
// x-default is the tg (default locale) URL exactly when tg is public.
func TestSitemapHreflangIsReciprocal(t *testing.T) {
	env := newSitemapEnv(t)
	index, _ := env.getSitemap("/sitemap.xml")
	type page struct{ locale, loc string }
	alternates := map[page]map[string]string{} // page → hreflang → href
	for _, f := range index.Files {
		path := sitemapPath(t, f.Loc)
		if strings.HasSuffix(path, "/news.xml") {
			continue
		}
		loc := strings.Split(strings.TrimPrefix(path, "/sitemaps/"), "-")[0]
		doc, _ := env.getSitemap(path)
		for _, u := range doc.URLs {
			p := page{loc, u.Loc}
			if alternates[p] != nil {
				t.Fatalf("%s is listed twice", u.Loc)
			}
			alternates[p] = map[string]string{}
			for _, a := range u.Alternates {
				if _, dup := alternates[p][a.Hreflang]; dup {
					t.Fatalf("%s names hreflang %s twice", u.Loc, a.Hreflang)
				}
				alternates[p][a.Hreflang] = a.Href
			}
		}
	}
	if len(alternates) != 16 {
		t.Fatalf("%d entries read; the fixture has 10 article, 3 section and 3 tag pages", len(alternates))
	}
	for p, alts := range alternates {
		if alts[p.locale] != p.loc {
			t.Errorf("%s does not name itself under %s: %v", p.loc, p.locale, alts)
		}
		for hreflang, href := range alts {
			if hreflang == "x-default" {
				continue
			}
			other, listed := alternates[page{hreflang, href}]
			if !listed {
				t.Errorf("%s names %s (%s), which no file lists", p.loc, href, hreflang)
				continue
			}
			if other[p.locale] != p.loc {
				t.Errorf("%s names %s (%s), but that entry names %q for %s", p.loc, href, hreflang, other[p.locale], p.locale)
			}
		}
		tg, tgPublic := alts["tg"]
		if xd, ok := alts["x-default"]; ok != tgPublic || xd != tg {
			t.Errorf("%s: x-default %q (present %v), want the tg URL %q (tg public %v)", p.loc, xd, ok, tg, tgPublic)
		}
	}
}
