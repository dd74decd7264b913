package api

import (
	"context"
	"strconv"
	"time"

	"github.com/payvand/payvand/internal/sitemap"
	"github.com/payvand/payvand/models"
)

// sitemapFileName is the file holding loc's entries numbered n: 0 holds
// the section and tag pages, n ≥ 1 the articles with ids in ((n-1)*size, n*size].
func sitemapFileName(loc string, n uint) string {
	return loc + "-" + formatUint(n) + ".xml"
}

func formatUint(n uint) string { return strconv.FormatUint(uint64(n), 10) }

// sitemapIndexEntries lists, per locale, its file 0 when it has section
// or tag pages, then its article files, and last the news sitemap. Each
// article file carries its newest change as lastmod, so a crawler fetches
// only the files that changed.
func (a *API) sitemapIndexEntries(ctx context.Context) ([]sitemap.IndexEntry, error) {
	pages, err := a.loadListPages(ctx)
	if err != nil {
		return nil, err
	}
	files, err := a.store.ListSitemapFiles(ctx, a.sitemaps.fileSize)
	if err != nil {
		return nil, err
	}
	// A range's newest change is the same for every locale (the stamp
	// counts the alternates too): one stamp per range serves them all.
	newest := map[uint]time.Time{}
	for _, f := range files {
		if _, ok := newest[f.N]; ok {
			continue
		}
		from, to := a.sitemapRange(f.N)
		stamp, err := a.store.SitemapFileStamp(ctx, "", from, to)
		if err != nil {
			return nil, err
		}
		newest[f.N] = stamp.Newest
	}
	base := a.sitemaps.site.Base() + "/sitemaps/"
	var entries []sitemap.IndexEntry
	for _, loc := range a.store.Locales().Codes() {
		if urls := pages.urls(a, loc); len(urls) > 0 {
			entries = append(entries, sitemap.IndexEntry{Loc: base + sitemapFileName(loc, 0), LastMod: newestOf(urls)})
		}
		for _, f := range files {
			if f.Locale == loc {
				entries = append(entries, sitemap.IndexEntry{Loc: base + sitemapFileName(loc, f.N), LastMod: newest[f.N]})
			}
		}
	}
	return append(entries, sitemap.IndexEntry{Loc: base + "news.xml"}), nil
}

// sitemapRange is the id range (from, to] of article file n ≥ 1.
func (a *API) sitemapRange(n uint) (uint, uint) {
	return (n - 1) * a.sitemaps.fileSize, n * a.sitemaps.fileSize
}

// articleSitemapURL is an article's entry: its page, its language versions
// (itself included) and x-default, the default locale's page when the
// article is public there, and its featured picture.
func (a *API) articleSitemapURL(e models.SitemapEntry) sitemap.URL {
	site := a.sitemaps.site
	u := sitemap.URL{Loc: *site.Article(e.Locale, e.Slug, e.ArticleID), LastMod: e.LastMod}
	for _, alt := range e.Alternates {
		u.Alternates = append(u.Alternates, sitemap.Alternate{Hreflang: alt.Locale, Href: *site.Article(alt.Locale, alt.Slug, e.ArticleID)})
	}
	u.Alternates = withXDefault(u.Alternates, a.store.Locales().Default().Code)
	if e.ImagePath != "" {
		u.Images = []string{a.sitemaps.mediaBase + e.ImagePath}
	}
	return u
}

// listPages are the section and tag pages with public articles: file 0
// of each locale.
type listPages struct {
	sections, tags []models.SitemapListPage
}

func (a *API) loadListPages(ctx context.Context) (listPages, error) {
	sections, err := a.store.ListSitemapSections(ctx)
	if err != nil {
		return listPages{}, err
	}
	tags, err := a.store.ListSitemapTags(ctx)
	return listPages{sections: sections, tags: tags}, err
}

// urls are loc's entries of p: its section pages, then its tag pages.
func (p listPages) urls(a *API, loc string) []sitemap.URL {
	site := a.sitemaps.site
	return append(a.listPageURLs(p.sections, loc, site.Section), a.listPageURLs(p.tags, loc, site.Tag)...)
}

// listPageURLs are the entries of loc's list pages, each naming the page
// in every locale where it lists public articles. pageURL is the site's
// URL of a page by locale and slug.
func (a *API) listPageURLs(pages []models.SitemapListPage, loc string, pageURL func(loc, slug string) *string) []sitemap.URL {
	var out []sitemap.URL
	for _, p := range pages {
		var u sitemap.URL
		for _, pl := range p.Locales {
			href := *pageURL(pl.Locale, p.Slug)
			u.Alternates = append(u.Alternates, sitemap.Alternate{Hreflang: pl.Locale, Href: href})
			if pl.Locale == loc {
				u.Loc, u.LastMod = href, pl.LastMod
			}
		}
		if u.Loc != "" {
			u.Alternates = withXDefault(u.Alternates, a.store.Locales().Default().Code)
			out = append(out, u)
		}
	}
	return out
}

// withXDefault adds x-default, pointing at the default locale's page, when
// that page is among the alternates.
func withXDefault(alts []sitemap.Alternate, defaultLocale string) []sitemap.Alternate {
	for _, alt := range alts {
		if alt.Hreflang == defaultLocale {
			return append(alts, sitemap.Alternate{Hreflang: sitemap.XDefault, Href: alt.Href})
		}
	}
	return alts
}

// newestOf is the latest lastmod of urls.
func newestOf(urls []sitemap.URL) time.Time {
	var newest time.Time
	for _, u := range urls {
		if u.LastMod.After(newest) {
			newest = u.LastMod
		}
	}
	return newest
}
