package api

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// cachedArticleKey is where an article handler leaves the id of the
// article it answered with, so the cache knows which events concern it.
const cachedArticleKey = "payvand.cache.article"

// cachedScopeKey is where a handler whose answer depends on every locale's
// articles (the sitemap index, the news sitemap) leaves scopeSite.
const cachedScopeKey = "payvand.cache.scope"

// bufferedWriter holds a response body back so its ETag can be computed
// and the bytes cached before anything is sent.
type bufferedWriter struct {
	gin.ResponseWriter
	buf bytes.Buffer
}

func (w *bufferedWriter) Write(b []byte) (int, error)       { return w.buf.Write(b) }
func (w *bufferedWriter) WriteString(s string) (int, error) { return w.buf.WriteString(s) }

// cached serves GET responses with an ETag, answers If-None-Match with 304,
// and keeps responses in memory between the changes that concern them.
func (a *API) cached(c *gin.Context) {
	key := cacheKey(c.Request.URL)
	now := a.store.Now()
	ctx := c.Request.Context()
	useCache := key != "" && a.cache.enabled()
	if useCache {
		if err := a.cache.catchUp(ctx); err != nil {
			a.log.WarnContext(ctx, "response cache bypassed", "err", err)
			useCache = false
		}
	}
	if useCache {
		if e, ok := a.cache.get(key, now); ok {
			a.cache.hits.Add(1)
			a.sendCached(c, e)
			c.Abort()
			return
		}
		a.cache.misses.Add(1)
	}
	// Read before rendering: a write during it must not be stored as new.
	generation, epoch := a.store.Generation(), a.cache.epoch.Load()
	w := &bufferedWriter{ResponseWriter: c.Writer}
	c.Writer = w
	c.Next()
	c.Writer = w.ResponseWriter
	e := &cachedResponse{status: w.Status(), body: w.buf.Bytes(), etag: etagOf(w.buf.Bytes()), generation: generation,
		contentType: cmp.Or(w.Header().Get("Content-Type"), jsonContentType)}
	if useCache && e.status < http.StatusInternalServerError && e.status != http.StatusMovedPermanently {
		e.scope, e.locale, e.articleID = scopeOf(c, e.status)
		a.cache.put(ctx, key, e, now, epoch)
	}
	a.sendCached(c, e)
}

// scopeOf says which changes concern an answer (see cacheScope).
func scopeOf(c *gin.Context, status int) (cacheScope, string, uint) {
	if scope, ok := c.Get(cachedScopeKey); ok {
		return scope.(cacheScope), "", 0
	}
	loc := c.Param("locale")
	if loc == "" {
		return scopeStatic, "", 0
	}
	if id, ok := c.Get(cachedArticleKey); ok && status == http.StatusOK {
		return scopeArticle, loc, id.(uint)
	}
	return scopeLocale, loc, 0
}

func (a *API) sendCached(c *gin.Context, e *cachedResponse) {
	h := c.Writer.Header()
	h.Set("ETag", e.etag)
	if e.status == http.StatusOK {
		h.Set("Cache-Control", a.cacheControl)
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if match, ok := matchingETag(c.GetHeader("If-None-Match"), e.etag); ok && e.status == http.StatusOK {
		h.Set("ETag", match)
		c.Writer.WriteHeader(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return
	}
	h.Set("Content-Type", e.contentType)
	c.Writer.WriteHeader(e.status)
	_, _ = c.Writer.Write(e.body)
}

func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

// representationSuffixes are the ETag suffixes the compression wrapper
// (internal/server.Compress) gives a compressed representation.
var representationSuffixes = []string{"-gzip", "-zstd"}

// matchingETag implements If-None-Match's weak comparison over a list. A
// candidate matches when it is etag or etag with a representation suffix:
// the compressed bytes carry the same content. It returns the candidate
// that matched, which the 304 answer carries, so the client's cache keeps
// the validator of the representation it holds.
func matchingETag(header, etag string) (string, bool) {
	if header == "" {
		return "", false
	}
	for _, candidate := range strings.Split(header, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == "*" || candidate == etag {
			return etag, true
		}
		for _, suffix := range representationSuffixes {
			if base, ok := strings.CutSuffix(candidate, suffix+`"`); ok && base+`"` == etag {
				return candidate, true
			}
		}
	}
	return "", false
}
