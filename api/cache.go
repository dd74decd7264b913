package api

import (
	"context"
	"log/slog"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maypok86/otter/v2"

	"github.com/payvand/payvand/models"
)

// maxCachedBytes bounds the memory the response cache may hold (bodies,
// keys and a per-entry overhead); past it the least valuable answers are
// evicted one by one.
const maxCachedBytes = 64 << 20

// entryOverhead approximates what an entry costs beyond its key and body.
const entryOverhead = 160

// cacheableParams are the query parameters the read endpoints use. A
// request with any other parameter, or a malformed query, is answered
// without the cache: otherwise made-up parameters could fill it with
// copies of the same bodies.
var cacheableParams = map[string]bool{"section": true, "tag": true, "exclude": true, "limit": true, "cursor": true, "q": true,
	// Most-read lists are cached like every list of their locale. View
	// counts invalidate nothing (models.Store.countersTx), so their order
	// may be up to the cache's TTL old.
	"sort": true, "period": true,
	// The list's filters: a pin's end and a scheduled publication record
	// their events at their time, so these lists change when they must.
	"featured": true, "published_after": true, "published_before": true, "subsections": true}

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

// contentSource is what the cache needs of the store: the clock, when
// scheduled content comes due, the events that say what changed, and the
// generation that is the safety net while events do not yet cover every
// change (models.Store.EventsCoverPublicChanges).
type contentSource interface {
	Now() time.Time
	NextScheduledChange(ctx context.Context, after time.Time) (time.Time, bool)
	Generation() uint64
	EventsCoverPublicChanges() bool
	KnownEventPosition() int64
	EventsAfter(ctx context.Context, after int64, limit int) ([]models.Event, error)
}

// cacheScope says which changes make a cached answer stale.
type cacheScope int

const (
	// scopeStatic answers (locales, the OpenAPI document) change only
	// with the configuration, that is never while the process runs.
	scopeStatic cacheScope = iota
	// scopeArticle answers show one article in one locale.
	scopeArticle
	// scopeLocale answers depend on many articles of one locale: lists,
	// search, sections with their counts, and not-found answers that a
	// publication may turn into articles.
	scopeLocale
	// scopeSite answers depend on articles of every locale: the sitemap
	// index and the news sitemap. Any article event makes them stale.
	scopeSite
)

// cachedResponse is one rendered answer and what it depends on.
type cachedResponse struct {
	status      int
	contentType string
	body        []byte
	etag        string
	generation  uint64
	expires     time.Time
	scope       cacheScope
	locale      string
	articleID   uint
}

// responseCache keeps rendered GET answers in memory, bounded by bytes, with
// least-valuable-first eviction (otter's W-TinyLFU). An answer is served
// again as the same bytes until an event names what it shows, a scheduled
// publication comes due, or the TTL passes. View counts are not events: an
// answer's view_count may be up to the TTL old. It holds nothing that
// cannot be rebuilt from the database.
type responseCache struct {
	source contentSource
	ttl    time.Duration
	log    *slog.Logger

	entries *otter.Cache[string, *cachedResponse]

	// mu serialises catching up with events and storing answers, so an
	// answer rendered before an event is never stored after the event's
	// invalidation ran.
	mu sync.Mutex
	// handled is the newest event position whose invalidation has run.
	handled atomic.Int64
	// epoch moves with every invalidation; an answer rendered in an older
	// epoch is not stored.
	epoch atomic.Uint64
	// hits and misses count the cacheable requests answered from memory
	// and rendered; the benchmarks read them.
	hits, misses atomic.Uint64
}

func newResponseCache(source contentSource, ttl time.Duration, maxBytes uint64, log *slog.Logger) *responseCache {
	rc := &responseCache{source: source, ttl: ttl, log: log}
	rc.entries = otter.Must(&otter.Options[string, *cachedResponse]{
		MaximumWeight: maxBytes,
		Weigher: func(key string, e *cachedResponse) uint32 {
			return uint32(min(len(key)+len(e.body)+entryOverhead, 1<<31))
		},
	})
	rc.handled.Store(source.KnownEventPosition()) // the cache starts empty
	return rc
}

func (rc *responseCache) enabled() bool { return rc.ttl > 0 }

// get returns the cached answer for key if it is still current.
func (rc *responseCache) get(key string, now time.Time) (*cachedResponse, bool) {
	e, ok := rc.entries.GetIfPresent(key)
	if !ok {
		return nil, false
	}
	if !now.Before(e.expires) {
		rc.entries.Invalidate(key)
		return nil, false
	}
	if !rc.source.EventsCoverPublicChanges() && e.generation != rc.source.Generation() {
		return nil, false
	}
	return e, true
}

// put stores e under key unless an invalidation ran since epoch, the epoch
// read before e was rendered: e might show what that invalidation removed.
func (rc *responseCache) put(ctx context.Context, key string, e *cachedResponse, now time.Time, epoch uint64) {
	e.expires = now.Add(rc.ttl)
	if next, ok := rc.source.NextScheduledChange(ctx, now); ok && next.Before(e.expires) {
		e.expires = next
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if err := rc.catchUpLocked(ctx); err != nil || rc.epoch.Load() != epoch {
		return
	}
	rc.entries.Set(key, e)
}
