package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/sitemap"
	"github.com/payvand/payvand/models"
)

// maxSitemapFile bounds the file number, so an absurd one is simply not
// found instead of overflowing the id range.
const maxSitemapFile = 1 << 32

// parseSitemapFile reads "{locale}-{n}.xml". A name of another shape is
// not found; a well-formed name in an unknown locale is unknown_locale.
func (a *API) parseSitemapFile(name string) (string, uint, error) {
	stem, ok := strings.CutSuffix(name, ".xml")
	dash := strings.LastIndexByte(stem, '-')
	if !ok || dash < 0 {
		return "", 0, errNotFound()
	}
	loc, digits := stem[:dash], stem[dash+1:]
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || n >= maxSitemapFile || digits != strconv.FormatUint(n, 10) {
		return "", 0, errNotFound()
	}
	if !a.store.Locales().Has(loc) {
		return "", 0, errUnknownLocale(a.store.Locales().Codes())
	}
	return loc, uint(n), nil
}

// sitemapFile answers /sitemaps/{locale}-{n}.xml: file 0 holds loc's
// section and tag pages, the others its articles by id range. A file without
// entries (beyond the site's ids, or all unpublished) is not found.
func (a *API) sitemapFile(c *gin.Context) {
	loc, n, err := a.parseSitemapFile(c.Param("file"))
	if err != nil {
		a.fail(c, err)
		return
	}
	if n == 0 {
		a.listPagesSitemap(c, loc)
		return
	}
	from, to := a.sitemapRange(n)
	stamp, err := a.store.SitemapFileStamp(c.Request.Context(), loc, from, to)
	if err != nil {
		a.fail(c, err)
		return
	}
	if stamp.Entries == 0 {
		a.fail(c, errNotFound())
		return
	}
	etag := a.sitemapETag(fmt.Sprintf("%s\n%d\n%d\n%d\n%d", loc, n, stamp.Entries, stamp.Rows, stamp.Newest.Unix()))
	if a.sitemapNotModified(c, etag, stamp.Newest.UTC().Format(http.TimeFormat)) {
		return
	}
	if c.Request.Method == http.MethodHead {
		c.Writer.WriteHeaderNow() // the headers are the whole answer
		return
	}
	a.streamArticleSitemap(c, loc, from, to)
}

// streamArticleSitemap writes the file entry by entry as its rows are
// read. A failure before the first byte is sent answers an error; after
// it, the answer is cut short and the failure logged.
func (a *API) streamArticleSitemap(c *gin.Context, loc string, from, to uint) {
	ctx := c.Request.Context()
	w := sitemap.NewURLSetWriter(c.Writer)
	err := a.store.StreamSitemapEntries(ctx, loc, from, to, func(e models.SitemapEntry) error {
		return w.Write(a.articleSitemapURL(e))
	})
	if err == nil {
		err = w.Close()
	}
	if err != nil && !c.Writer.Written() {
		a.fail(c, err)
		return
	}
	if err != nil {
		a.log.ErrorContext(ctx, "sitemap file cut short", "path", c.Request.URL.Path, "err", err)
	}
}

// listPagesSitemap answers file 0: loc's section and tag pages, few
// enough to be rendered whole. It runs inside the response cache
// (cachedListFile), which gives it its ETag and 304s.
func (a *API) listPagesSitemap(c *gin.Context, loc string) {
	pages, err := a.loadListPages(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	urls := pages.urls(a, loc)
	if len(urls) == 0 {
		a.fail(c, errNotFound())
		return
	}
	var buf bytes.Buffer
	w := sitemap.NewURLSetWriter(&buf)
	for _, u := range urls {
		if err := w.Write(u); err != nil {
			a.fail(c, err)
			return
		}
	}
	if err := w.Close(); err != nil {
		a.fail(c, err)
		return
	}
	c.Data(http.StatusOK, sitemap.ContentType, buf.Bytes())
}

// cachedListFile puts file 0 of each locale through the response cache;
// article files pass by it and answer with their own ETag, streamed.
func (a *API) cachedListFile(c *gin.Context) {
	if strings.HasSuffix(c.Param("file"), "-0.xml") {
		siteWide(c)
		a.cached(c)
	}
}

// sitemapETag is the ETag of an article file with the given stamp.
func (a *API) sitemapETag(stamp string) string {
	sum := sha256.Sum256([]byte(a.sitemaps.fingerprint + "\n" + stamp))
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

// sitemapNotModified sets a file's headers and answers 304 when the
// client holds the current version (If-None-Match, compressed variants
// included). If-Modified-Since alone is not trusted: an unpublished
// article leaves a file without making anything in it newer.
func (a *API) sitemapNotModified(c *gin.Context, etag, lastModified string) bool {
	h := c.Writer.Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", lastModified)
	h.Set("Cache-Control", a.cacheControl)
	if match, ok := matchingETag(c.GetHeader("If-None-Match"), etag); ok {
		h.Set("ETag", match)
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return true
	}
	h.Set("Content-Type", sitemap.ContentType)
	c.Status(http.StatusOK)
	return false
}
