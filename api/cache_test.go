package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

func TestCacheKeyIsCanonicalAndRefusesUnknownParameters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/api/v1/tg/articles", "/api/v1/tg/articles"},
		{"/api/v1/tg/articles?limit=5&section=news", "/api/v1/tg/articles?limit=5&section=news"},
		{"/api/v1/tg/articles?section=news&limit=5", "/api/v1/tg/articles?limit=5&section=news"},
		{"/api/v1/tg/articles/1?x=1", ""},
		{"/api/v1/tg/articles/1?preview=abc", ""},
		{"/api/v1/tg/articles?cursor=%%%", ""},
		{"/api/v1/tg/articles?featured=true&limit=3", "/api/v1/tg/articles?featured=true&limit=3"},
		{"/api/v1/tg/articles?subsections=false&section=news&published_before=2026-12-01T00:00:00Z&published_after=2026-11-01T00:00:00Z",
			"/api/v1/tg/articles?published_after=2026-11-01T00%3A00%3A00Z&published_before=2026-12-01T00%3A00%3A00Z&section=news&subsections=false"},
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

// Past its byte bound the cache evicts answers one by one and keeps the
// rest, instead of starting over.
func TestCacheEvictsUnderItsByteBoundInsteadOfStartingOver(t *testing.T) {
	env := newTestEnv(t)
	const bound = 1 << 20
	rc := newResponseCache(env.store, time.Hour, bound, slog.New(slog.DiscardHandler))
	now := env.store.Now()
	body := make([]byte, 30<<10)
	for i := range 100 { // three times the bound
		rc.put(context.Background(), fmt.Sprintf("/k/%d", i), &cachedResponse{status: 200, body: body, generation: env.store.Generation()}, now, rc.epoch.Load())
	}
	rc.entries.CleanUp()
	if w := rc.entries.WeightedSize(); w > bound {
		t.Fatalf("the cache holds %d bytes, over its bound of %d", w, bound)
	}
	kept := 0
	for i := range 100 {
		if _, ok := rc.get(fmt.Sprintf("/k/%d", i), now); ok {
			kept++
		}
	}
	if kept < 20 {
		t.Fatalf("only %d of 100 answers kept under a bound that fits about 33: the cache started over", kept)
	}
}

// get fetches target and returns status, ETag and body.
func (env *testEnv) fetch(target string, header http.Header) (int, string, string) {
	rec := env.do(http.MethodGet, target, header)
	return rec.Code, rec.Header().Get("ETag"), rec.Body.String()
}

// Recording views changes neither the cached bytes nor the ETags: the
// counts show up when the TTL lets the answer go.
func TestViewFlushLeavesCachedBytesAndETagsAlone(t *testing.T) {
	env := newTestEnv(t)
	both := env.ids["both"]
	targets := []string{fmt.Sprintf("/api/v1/tg/articles/%d", both), "/api/v1/tg/articles", "/api/v1/fa/sections"}
	type answer struct{ etag, body string }
	before := map[string]answer{}
	for _, target := range targets {
		_, etag, body := env.fetch(target, nil)
		before[target] = answer{etag, body}
	}
	for i := range 20 {
		req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("/api/v1/articles/%d/views", both), nil)
		req.RemoteAddr = fmt.Sprintf("10.0.0.%d:1000", i+1)
		env.router.ServeHTTP(newRecorder(), req)
	}
	if err := env.views.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n, err := env.store.ViewCount(t.Context(), both); err != nil || n != 20 {
		t.Fatalf("stored views = %d, %v; want 20", n, err)
	}
	for _, target := range targets {
		code, etag, body := env.fetch(target, http.Header{"If-None-Match": {before[target].etag}})
		if code != http.StatusNotModified || etag != before[target].etag {
			t.Errorf("%s after a view flush: %d with ETag %s, want 304 with %s", target, code, etag, before[target].etag)
		}
		if _, _, body = env.fetch(target, nil); body != before[target].body {
			t.Errorf("%s after a view flush: the cached bytes changed", target)
		}
	}
	// Once the TTL has passed, the count shows.
	env.clock.t = env.clock.t.Add(2 * time.Minute)
	if _, _, body := env.fetch(targets[0], nil); !strings.Contains(body, `"view_count":20`) {
		t.Errorf("after the TTL the article still shows old counts: %.300s", body)
	}
}

// Sessions and edit locks are admin-only writes: they leave the public
// cache alone.
func TestAdminOnlyWritesKeepTheCache(t *testing.T) {
	env := newTestEnv(t)
	user, err := env.store.CreateUser(t.Context(), models.UserInput{Email: "ed@example.org", DisplayName: "Ed", Role: models.RoleEditor, Password: "a long enough passphrase for tests"})
	if err != nil {
		t.Fatal(err)
	}
	target := fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["both"])
	env.fetch(target, nil)
	generation := env.store.Generation()
	if _, err := env.store.AcquireLock(t.Context(), env.ids["both"], user.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := env.store.Sessions().CommitCtx(t.Context(), "tok", []byte("x"), env.store.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if env.store.Generation() != generation {
		t.Error("a lock or a session moved the content generation")
	}
	if err := env.api.cache.catchUp(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, ok := env.api.cache.get(target, env.store.Now()); !ok {
		t.Fatal("a lock or a session dropped a cached answer")
	}
}

// A draft save changes no public answer, so it records no event and the
// cached answers, lists included, keep their bytes and ETags.
func TestDraftSaveKeepsTheCache(t *testing.T) {
	env := newTestEnv(t)
	targets := []string{fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["tgOnly"]), "/api/v1/fa/articles", "/api/v1/tg/articles"}
	before := map[string]string{}
	for _, target := range targets {
		_, etag, _ := env.fetch(target, nil)
		before[target] = etag
	}
	env.saveTranslation("tgOnly", "fa", func(in *models.TranslationInput) { in.Title = "پیش\u200cنویس دوم" })
	if err := env.api.cache.catchUp(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, target := range targets {
		if _, ok := env.api.cache.get(target, env.store.Now()); !ok {
			t.Errorf("a draft save dropped the cached %s", target)
		}
		if _, etag, _ := env.fetch(target, nil); etag != before[target] {
			t.Errorf("%s: ETag %s after a draft save, was %s", target, etag, before[target])
		}
	}
}

// Saving an article invalidates its answers at once: the next request
// shows the new text, in the article and in the lists.
func TestArticleSaveInvalidatesItsAnswers(t *testing.T) {
	env := newTestEnv(t)
	target := fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["both"])
	_, before, _ := env.fetch(target, nil)
	env.fetch("/api/v1/tg/articles", nil)
	env.saveTranslation("both", "tg", func(in *models.TranslationInput) { in.Title = "Сарлавҳаи нав" })
	code, after, body := env.fetch(target, nil)
	if code != 200 || after == before || !strings.Contains(body, "Сарлавҳаи нав") {
		t.Fatalf("after a save: %d, ETag %s (before %s), body %.200s", code, after, before, body)
	}
	if _, _, list := env.fetch("/api/v1/tg/articles", nil); !strings.Contains(list, "Сарлавҳаи нав") {
		t.Fatal("the list still shows the old title")
	}
}

// An event drops the answers it names and the lists of its locale, and
// nothing else; a section event drops everything; a picture's event drops
// the answers of the articles that show it.
func TestEventsInvalidateWhatTheyName(t *testing.T) {
	env := newTestEnv(t)
	ctx := t.Context()
	both, tieA := env.ids["both"], env.ids["tieA"]
	keys := map[string]string{
		"fa both": fmt.Sprintf("/api/v1/fa/articles/%d", both), "tg both": fmt.Sprintf("/api/v1/tg/articles/%d", both),
		"fa tieA": fmt.Sprintf("/api/v1/fa/articles/%d", tieA), "fa list": "/api/v1/fa/articles", "tg list": "/api/v1/tg/articles",
		"fa sections": "/api/v1/fa/sections", "fa missing": "/api/v1/fa/articles/999999", "locales": "/api/v1/locales",
	}
	fill := func() {
		for _, k := range keys {
			env.fetch(k, nil)
		}
	}
	check := func(event string, dropped ...string) {
		t.Helper()
		gone := map[string]bool{}
		for _, d := range dropped {
			gone[d] = true
		}
		// Nothing is dropped until a request catches up with the events;
		// every request does so before it looks in the cache.
		for name, k := range keys {
			if _, ok := env.api.cache.entries.GetIfPresent(k); !ok {
				t.Fatalf("%s: %s was not cached before catching up", event, name)
			}
		}
		if err := env.api.cache.catchUp(ctx); err != nil {
			t.Fatal(err)
		}
		for name, k := range keys {
			if _, ok := env.api.cache.entries.GetIfPresent(k); ok == gone[name] {
				t.Errorf("after %s, %s cached = %v, want %v", event, name, ok, !gone[name])
			}
		}
	}
	record := func(typ string, id *uint, loc string, data any) {
		if _, err := env.store.RecordTestEvent(ctx, typ, id, loc, data); err != nil {
			t.Fatal(err)
		}
	}

	fill()
	record(models.EventArticleUpdated, &both, "fa", map[string]any{"article_id": both, "locale": "fa"})
	check("article.updated fa", "fa both", "fa list", "fa sections", "fa missing")

	fill()
	record(models.EventMediaUpdated, nil, "", map[string]any{"media_id": 1, "articles": []map[string]any{{"article_id": both, "locale": "tg"}}})
	check("media.updated", "tg both", "tg list")

	fill()
	record(models.EventSectionUpdated, nil, "", map[string]any{"id": 1})
	check("section.updated", "fa both", "tg both", "fa tieA", "fa list", "tg list", "fa sections", "fa missing", "locales")
}

// An answer rendered while an event committed is not stored: it may show
// the content from before the change.
func TestAnswerRenderedBeforeAnEventIsNotStored(t *testing.T) {
	env := newTestEnv(t)
	rc := env.api.cache
	epoch := rc.epoch.Load()
	both := env.ids["both"]
	if _, err := env.store.RecordTestEvent(t.Context(), models.EventArticleUpdated, &both, "tg", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	rc.put(t.Context(), "/api/v1/tg/articles", &cachedResponse{status: 200, scope: scopeLocale, locale: "tg", generation: env.store.Generation()}, env.store.Now(), epoch)
	if _, ok := rc.entries.GetIfPresent("/api/v1/tg/articles"); ok {
		t.Fatal("an answer rendered before an event was stored after it")
	}
}
