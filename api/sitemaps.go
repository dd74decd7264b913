package api

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/internal/sitemap"
	"github.com/payvand/payvand/internal/siteurl"
)

// sitemapSettings is what the sitemaps need beyond the store.
type sitemapSettings struct {
	// site builds every loc; nil (no --site-url) answers not_configured,
	// since search engines take sitemaps only from the site's own host.
	site *siteurl.Builder
	// mediaBase is the public URL of the media files, for image:loc.
	mediaBase string
	// names are the site's names per locale, for news:name.
	names map[string]string
	// fileSize is how many article ids one file covers.
	fileSize uint
	// fingerprint names the settings every file is made from, so changing
	// one (the site URL, a path pattern) changes every file's ETag.
	fingerprint string
}

func newSitemapSettings(opts Options, json *publicjson.Builder, names map[string]string) sitemapSettings {
	size := opts.SitemapFileSize
	if size == 0 {
		size = sitemap.MaxURLsPerFile
	}
	p := opts.SiteURLs.Patterns()
	mediaBase := json.MediaBase()
	return sitemapSettings{site: opts.SiteURLs, mediaBase: mediaBase, names: names, fileSize: size,
		fingerprint: strings.Join([]string{opts.SiteURLs.Base(), p.Article, p.Section, p.Tag, mediaBase,
			strings.Join(opts.Store.Locales().Codes(), ","), formatUint(size)}, "\n")}
}

// registerSitemaps adds GET and HEAD /sitemap.xml and /sitemaps/*. The
// index and the news sitemap are small and go through the response cache;
// article files are streamed with an ETag of their own (sitemap_file.go).
func (a *API) registerSitemaps(r *gin.Engine) {
	g := r.Group("", noSniff, revalidate, a.requireSiteURL("Sitemaps"))
	cached := g.Group("", siteWide, a.cached)
	readable(cached, "/sitemap.xml", a.sitemapIndex)
	readable(cached, "/sitemaps/news.xml", a.newsSitemap)
	readable(g.Group("", a.cachedListFile), "/sitemaps/:file", a.sitemapFile)
}

// errNotConfigured answers what needs the site URL when none is set.
func errNotConfigured(what string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_configured",
		Message: what + " need the site's address: start Payvand with --site-url (PAYVAND_SITE_URL).", Details: map[string]any{"setting": "--site-url"}}
}

// requireSiteURL refuses what (feeds, sitemaps) without --site-url: every
// link they carry points at the site, and there is none to point at.
func (a *API) requireSiteURL(what string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if a.siteURLs == nil {
			a.fail(c, errNotConfigured(what))
		}
	}
}

// revalidate makes every answer one a cache must check again, errors
// included (a 404 is cacheable by default); a sitemap's 200 sets the
// configured Cache-Control over it.
func revalidate(c *gin.Context) { c.Header("Cache-Control", "no-cache") }

// siteWide marks the answer as depending on every locale's articles.
func siteWide(c *gin.Context) { c.Set(cachedScopeKey, scopeSite) }

// sitemapIndex lists the section file and the article files of each
// locale that have entries, then the news sitemap.
func (a *API) sitemapIndex(c *gin.Context) {
	ctx := c.Request.Context()
	entries, err := a.sitemapIndexEntries(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	var buf bytes.Buffer
	if err := sitemap.WriteIndex(&buf, entries); err != nil {
		a.fail(c, err)
		return
	}
	c.Data(http.StatusOK, sitemap.ContentType, buf.Bytes())
}

// newsSitemap lists the translations published in the last 48 hours.
func (a *API) newsSitemap(c *gin.Context) {
	since := a.store.Now().Add(-sitemap.NewsWindow)
	items, err := a.store.ListNewsSitemapEntries(c.Request.Context(), since, sitemap.MaxNewsURLs)
	if err != nil {
		a.fail(c, err)
		return
	}
	urls := make([]sitemap.NewsURL, len(items))
	for i, it := range items {
		urls[i] = sitemap.NewsURL{Loc: *a.sitemaps.site.Article(it.Locale, it.Slug, it.ArticleID), Publication: a.sitemaps.names[it.Locale],
			Language: it.Locale, Published: it.PublishedAt, Title: it.Title}
	}
	var buf bytes.Buffer
	if err := sitemap.WriteNews(&buf, urls); err != nil {
		a.fail(c, err)
		return
	}
	c.Data(http.StatusOK, sitemap.ContentType, buf.Bytes())
}
