package api

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCacheKeyIsCanonicalAndRefusesUnknownParameters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/api/v1/tg/articles", "/api/v1/tg/articles"},
		{"/api/v1/tg/articles?limit=5&section=news", "/api/v1/tg/articles?limit=5&section=news"},
		{"/api/v1/tg/articles?section=news&limit=5", "/api/v1/tg/articles?limit=5&section=news"},
		{"/api/v1/tg/articles/1?x=1", ""},
		{"/api/v1/tg/articles/1?preview=abc", ""},
		{"/api/v1/tg/articles?cursor=%%%", ""},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.in)
		if err != nil {
			u = &url.URL{Path: strings.SplitN(tt.in, "?", 2)[0], RawQuery: strings.SplitN(tt.in, "?", 2)[1]}
		}
		if got := cacheKey(u); got != tt.want {
			t.Errorf("cacheKey(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

type fixedSource struct{}

func (fixedSource) Generation() uint64 { return 1 }
func (fixedSource) NextScheduledChange(context.Context, time.Time) (time.Time, bool) {
	return time.Time{}, false
}
func (fixedSource) Now() time.Time { return time.Unix(0, 0) }

func TestCacheStartsOverPastItsByteBound(t *testing.T) {
	rc := newResponseCache(fixedSource{}, time.Hour)
	big := make([]byte, maxCachedBytes/2+1)
	now := time.Unix(0, 0)
	rc.put(context.Background(), "a", cachedResponse{status: 200, body: big, generation: 1}, now)
	rc.put(context.Background(), "b", cachedResponse{status: 200, body: big, generation: 1}, now)
	if _, ok := rc.get("a", now); ok {
		t.Fatal("the cache kept more than its byte bound")
	}
	if _, ok := rc.get("b", now); !ok || rc.bytes != len(big) {
		t.Fatalf("after starting over: b cached %v, %d bytes", ok, rc.bytes)
	}
}
