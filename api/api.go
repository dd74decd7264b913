// Package api is Payvand's public read API under /api/v1: the JSON contract
// site frontends are written against. It only reads content, apart from
// counting page views.
package api

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/preview"
	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// Options configures the API.
type Options struct {
	Store *models.Store
	// PublicURL is the site's public base URL, used for absolute media URLs.
	PublicURL string
	// MediaURL, when set, replaces PublicURL + /media as the base of
	// media URLs in answers (--media-url: a CDN in front of the store).
	MediaURL string
	// CacheControl is sent with every successful GET.
	CacheControl string
	// CORSOrigins are the origins allowed to call the API; "*" allows all.
	CORSOrigins []string
	// CacheTTL bounds how long a response is served from memory. Writes
	// made by this process, or announced by another instance sharing a
	// PostgreSQL database, invalidate what they change at once; the bound
	// is for writes nobody announced (another process on a SQLite file, a
	// notice missed while reconnecting), and for view counts, which
	// invalidate nothing.
	CacheTTL time.Duration
	Views    *viewcount.Counter
	Media    media.Store
	Logger   *slog.Logger
	// Preview checks the tokens with which frontends fetch drafts
	// (?preview=); nil refuses every token.
	Preview *preview.Signer
	// TimeZone is the site's time zone, in which published_at_display is
	// printed; nil means UTC.
	TimeZone *time.Location
	// SiteURLs builds public URLs on the site frontend; nil (no --site-url)
	// answers every url as null.
	SiteURLs *siteurl.Builder
	// SitePaths and SiteNames are shown by GET /api/v1/site.
	SitePaths siteurl.Patterns
	SiteNames map[string]string
	// SitemapFileSize is how many article ids one sitemap file covers;
	// 0 means sitemap.MaxURLsPerFile. Tests set a small one.
	SitemapFileSize uint
}

// API serves the public read API.
type API struct {
	store        *models.Store
	json         *publicjson.Builder
	cacheControl string
	cors         corsPolicy
	cache        *responseCache
	views        *viewcount.Counter
	media        media.Store
	log          *slog.Logger
	preview      *preview.Signer
	site         siteBody
	// siteURLs is nil without --site-url; feeds and sitemaps then answer
	// not_configured (requireSiteURL).
	siteURLs *siteurl.Builder
	sitemaps sitemapSettings
	feeds    feedBuilder
}

// New returns the API for opts.
func New(opts Options) *API {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	json := publicjson.NewBuilder(opts.PublicURL, opts.Store.Locales(), opts.TimeZone).WithSite(opts.SiteURLs).WithMediaURL(opts.MediaURL)
	site := newSiteBody(opts)
	return &API{
		store:        opts.Store,
		json:         json,
		cacheControl: opts.CacheControl,
		cors:         newCORSPolicy(opts.CORSOrigins),
		cache:        newResponseCache(opts.Store, opts.CacheTTL, maxCachedBytes, opts.Logger),
		views:        opts.Views,
		media:        opts.Media,
		log:          opts.Logger,
		preview:      opts.Preview,
		site:         site,
		siteURLs:     opts.SiteURLs,
		sitemaps:     newSitemapSettings(opts, json, site.Names),
		feeds:        newFeedBuilder(opts.SiteURLs, json, site.Names),
	}
}

// Register adds the API's routes, /healthz, /media and the feeds to r.
func (a *API) Register(r *gin.Engine) {
	r.GET("/healthz", noSniff, a.health)
	r.HEAD("/healthz", noSniff, a.health)
	r.GET(media.PathPrefix+"*path", a.serveMedia)
	r.HEAD(media.PathPrefix+"*path", a.serveMedia) // http.ServeContent leaves the body out

	v1 := r.Group("/api/v1", noSniff, a.cors.middleware)
	v1.POST("/articles/:id/views", noStore, a.recordView)
	v1.POST("/:locale/articles/:id/views", noStore, a.requireLocale, a.recordLocaleView)
	// The change feed stays outside the response cache: a poll must see
	// the newest commit.
	readable(v1, "/changes", a.listChanges)
	// Old addresses resolve against the articles' public state and the
	// redirect table, neither of which the cache's events cover.
	v1.GET("/redirects", noStore, a.findRedirect)
	v1.HEAD("/redirects", noStore, a.findRedirect)

	reads := v1.Group("", a.cachedUnlessPreview)
	readable(reads, "/openapi.json", a.openAPI)
	readable(reads, "/locales", a.listLocales)
	readable(reads, "/site", a.getSite)
	perLocale := reads.Group("/:locale", a.requireLocale)
	readable(perLocale, "/sections", a.listSections)
	readable(perLocale, "/tags", a.listTags)
	readable(perLocale, "/tags/:slug", a.getTag)
	readable(perLocale, "/articles", a.listArticles)
	readable(perLocale, "/articles/:id", a.getArticle)
	readable(perLocale, "/articles/slug/:slug", a.getArticleBySlug)
	readable(perLocale, "/search", a.search)
	a.registerSitemaps(r)
	a.registerFeeds(r)
}

// readable registers a read endpoint for GET and HEAD; net/http drops the
// body of a HEAD answer, so both share one handler.
func readable(g *gin.RouterGroup, path string, h gin.HandlerFunc) {
	g.GET(path, h)
	g.HEAD(path, h)
}

// NoRoute answers unknown /api paths with a JSON not_found. CORS preflight
// requests arrive here or at NoMethod, as no route is registered for
// OPTIONS: a catch-all OPTIONS route would make every path look known.
func (a *API) NoRoute(c *gin.Context) {
	noSniff(c)
	if a.preflight(c) {
		return
	}
	a.fail(c, errNotFound())
}

// NoMethod answers a known /api path asked with the wrong method.
func (a *API) NoMethod(c *gin.Context) {
	noSniff(c)
	if a.preflight(c) {
		return
	}
	a.writeJSON(c, http.StatusMethodNotAllowed, gin.H{"error": &Error{
		Code: "method_not_allowed", Message: "This address does not accept that method.", Details: map[string]any{},
	}})
}

// writeJSON encodes v without escaping <, > and &: bodies carry HTML, and
// escaped markup helps no frontend.
func (a *API) writeJSON(c *gin.Context, status int, v any) {
	body, err := encodeJSON(v)
	if err != nil {
		a.log.Error("encode response", "err", err)
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Data(status, jsonContentType, body)
	c.Abort()
}

// jsonContentType is the media type of every JSON answer.
const jsonContentType = "application/json; charset=utf-8"

// encodeJSON is the encoding of every API body (see writeJSON).
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// healthBody is /healthz's answer. Status is "ok" or "degraded"; each check
// is "ok" or "failing: " and why, so monitoring sees a full disk instead of
// a server that looks well and loses every save.
type healthBody struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// health answers 200 while the database can be read, even with failing
// writes (readers are still served), and 503 when it cannot.
func (a *API) health(c *gin.Context) {
	writes := a.store.WriteHealth()
	body := healthBody{Status: "ok", Checks: map[string]string{"database": "ok", "writes": writes.Check()}}
	status := http.StatusOK
	if err := a.store.Ping(c.Request.Context()); err != nil {
		a.log.Error("health check: database does not answer", "err", err)
		body.Checks["database"] = "failing: the database does not answer"
		status = http.StatusServiceUnavailable
	}
	if status != http.StatusOK || writes.Failing {
		body.Status = "degraded"
	}
	c.JSON(status, body)
}

// requireLocale checks the {locale} path segment against the configured
// locales before any handler runs.
func (a *API) requireLocale(c *gin.Context) {
	if !a.store.Locales().Has(c.Param("locale")) {
		a.fail(c, errUnknownLocale(a.store.Locales().Codes()))
	}
}
