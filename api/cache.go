package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// maxCachedBytes bounds the bytes of response bodies the cache may hold;
// past it, as past maxCachedResponses, the cache starts over.
const maxCachedBytes = 64 << 20

// cacheableParams are the query parameters the read endpoints use. A
// request with any other parameter, or a malformed query, is answered
// without the cache: otherwise made-up parameters could fill it with
// copies of the same bodies.
var cacheableParams = map[string]bool{"section": true, "exclude": true, "limit": true, "cursor": true, "q": true}

// cacheKey is the request's path and its query in a canonical order, or ""
// when the request must not be cached.
func cacheKey(u *url.URL) string {
	if u.RawQuery == "" {
		return u.Path
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return ""
	}
	for name := range query {
		if !cacheableParams[name] {
			return ""
		}
	}
	return u.Path + "?" + query.Encode()
}

// maxCachedResponses bounds the memory the response cache may hold; past it
// the cache starts over, which costs only re-rendering.
const maxCachedResponses = 20000

// generationSource tells the cache when content changed.
type generationSource interface {
	Generation() uint64
	NextScheduledChange(ctx context.Context, after time.Time) (time.Time, bool)
	Now() time.Time
}

// responseCache keeps rendered GET responses in memory. Between writes the
// API's answers do not change, so the same bytes are served again until the
// store's generation moves on, a scheduled publication comes due, or the
// TTL passes. It holds nothing that cannot be rebuilt from the database.
type responseCache struct {
	source generationSource
	ttl    time.Duration

	mu      sync.RWMutex
	entries map[string]cachedResponse
	bytes   int
}

type cachedResponse struct {
	status     int
	body       []byte
	etag       string
	generation uint64
	expires    time.Time
}

func newResponseCache(source generationSource, ttl time.Duration) *responseCache {
	return &responseCache{source: source, ttl: ttl, entries: map[string]cachedResponse{}}
}

func (rc *responseCache) get(key string, now time.Time) (cachedResponse, bool) {
	if rc.ttl <= 0 {
		return cachedResponse{}, false
	}
	rc.mu.RLock()
	e, ok := rc.entries[key]
	rc.mu.RUnlock()
	if !ok || e.generation != rc.source.Generation() || !now.Before(e.expires) {
		return cachedResponse{}, false
	}
	return e, true
}

func (rc *responseCache) put(ctx context.Context, key string, e cachedResponse, now time.Time) {
	if rc.ttl <= 0 {
		return
	}
	e.expires = now.Add(rc.ttl)
	if next, ok := rc.source.NextScheduledChange(ctx, now); ok && next.Before(e.expires) {
		e.expires = next
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.entries) >= maxCachedResponses || rc.bytes+len(e.body) > maxCachedBytes {
		rc.entries, rc.bytes = map[string]cachedResponse{}, 0
	}
	if old, ok := rc.entries[key]; ok {
		rc.bytes -= len(old.body)
	}
	rc.entries[key] = e
	rc.bytes += len(e.body)
}

// bufferedWriter holds a response body back so its ETag can be computed
// and the bytes cached before anything is sent.
type bufferedWriter struct {
	gin.ResponseWriter
	buf bytes.Buffer
}

func (w *bufferedWriter) Write(b []byte) (int, error)       { return w.buf.Write(b) }
func (w *bufferedWriter) WriteString(s string) (int, error) { return w.buf.WriteString(s) }

// cached serves GET responses with an ETag, answers If-None-Match with 304,
// and keeps responses in memory between content changes.
func (a *API) cached(c *gin.Context) {
	key := cacheKey(c.Request.URL)
	now := a.store.Now()
	if e, ok := a.cache.get(key, now); ok && key != "" {
		a.sendCached(c, e)
		c.Abort()
		return
	}
	generation := a.store.Generation() // read before rendering: a write during it must not be cached as new
	w := &bufferedWriter{ResponseWriter: c.Writer}
	c.Writer = w
	c.Next()
	c.Writer = w.ResponseWriter
	e := cachedResponse{status: w.Status(), body: w.buf.Bytes(), etag: etagOf(w.buf.Bytes()), generation: generation}
	if key != "" && e.status < http.StatusInternalServerError && e.status != http.StatusMovedPermanently {
		a.cache.put(c.Request.Context(), key, e, now)
	}
	a.sendCached(c, e)
}

func (a *API) sendCached(c *gin.Context, e cachedResponse) {
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
	h.Set("Content-Type", "application/json; charset=utf-8")
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
