package api

import (
	"fmt"
	"net/http"
	"testing"
)

func TestViews(t *testing.T) {
	env := newTestEnv(t)
	post := func(id uint, client string) (int, int64) {
		req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("/api/v1/articles/%d/views", id), nil)
		req.RemoteAddr = client + ":1234"
		rec := newRecorder()
		env.router.ServeHTTP(rec, req)
		var body struct {
			Data struct {
				ViewCount int64 `json:"view_count"`
			}
		}
		decode(t, rec.Body.Bytes(), &body)
		return rec.Code, body.Data.ViewCount
	}
	both := env.ids["both"]
	if code, n := post(both, "10.0.0.1"); code != 200 || n != 1 {
		t.Fatalf("first view: %d %d", code, n)
	}
	if _, n := post(both, "10.0.0.1"); n != 1 {
		t.Fatalf("repeat from the same address counted: %d", n)
	}
	if _, n := post(both, "10.0.0.2"); n != 2 {
		t.Fatalf("second reader: %d, want 2", n)
	}
	// tgOnly is public in tg only; that is enough to count.
	if code, _ := post(env.ids["tgOnly"], "10.0.0.1"); code != 200 {
		t.Fatalf("view of a tg-only article: %d", code)
	}
	for _, key := range []string{"future", "archived", "trashed"} {
		if code, _ := post(env.ids[key], "10.0.0.1"); code != 404 {
			t.Errorf("view of %s article: %d, want 404", key, code)
		}
	}
	if code, _ := post(0, "10.0.0.1"); code != 404 {
		t.Errorf("view of id 0: %d", code)
	}
	// Flushed views show in the article's view_count.
	if err := env.views.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	var body articleResp
	env.getJSON(fmt.Sprintf("/api/v1/tg/articles/%d", both), 200, &body)
	if body.Data.ViewCount != 2 {
		t.Fatalf("view_count after flush = %d, want 2", body.Data.ViewCount)
	}
}

func TestETagAndCacheControl(t *testing.T) {
	env := newTestEnv(t)
	for _, target := range []string{"/api/v1/locales", "/api/v1/tg/sections", "/api/v1/tg/articles", fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["both"]), "/api/v1/openapi.json"} {
		t.Run(target, func(t *testing.T) {
			first := env.do(http.MethodGet, target, nil)
			etag := first.Header().Get("ETag")
			if first.Code != 200 || etag == "" || first.Header().Get("Cache-Control") != "public, max-age=60" {
				t.Fatalf("GET: %d etag %q cache-control %q", first.Code, etag, first.Header().Get("Cache-Control"))
			}
			again := env.do(http.MethodGet, target, http.Header{"If-None-Match": {`"other", ` + etag}})
			if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
				t.Fatalf("conditional GET: %d with %d bytes, want 304 and no body", again.Code, again.Body.Len())
			}
			stale := env.do(http.MethodGet, target, http.Header{"If-None-Match": {`"stale"`}})
			if stale.Code != 200 || stale.Body.String() != first.Body.String() {
				t.Fatalf("GET with a stale tag: %d", stale.Code)
			}
		})
	}
	// A write changes the answer and so the tag.
	target := fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["tieA"])
	before := env.do(http.MethodGet, target, nil).Header().Get("ETag")
	if err := env.views.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	env.relate("tieA") // clears its related list: a real change
	after := env.do(http.MethodGet, target, http.Header{"If-None-Match": {before}})
	if after.Code != 200 || after.Header().Get("ETag") == before {
		t.Fatalf("after a write: %d, tag %s (before %s)", after.Code, after.Header().Get("ETag"), before)
	}
}

func TestCORS(t *testing.T) {
	env := newTestEnv(t)
	rec := env.do(http.MethodOptions, "/api/v1/tg/articles", http.Header{"Origin": {"https://site.example"}, "Access-Control-Request-Method": {"GET"}})
	if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Origin") != "*" || rec.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Fatalf("preflight: %d %v", rec.Code, rec.Header())
	}
	restricted := env.newRouter(Options{CORSOrigins: []string{"https://site.example"}})
	for origin, want := range map[string]string{"https://site.example": "https://site.example", "https://evil.example": ""} {
		req, _ := http.NewRequest(http.MethodGet, "/api/v1/locales", nil)
		req.Header.Set("Origin", origin)
		rec := newRecorder()
		restricted.ServeHTTP(rec, req)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("origin %s allowed as %q, want %q", origin, got, want)
		}
	}
}

func TestHealthAndMethods(t *testing.T) {
	env := newTestEnv(t)
	if rec := env.do(http.MethodGet, "/healthz", nil); rec.Code != 200 {
		t.Fatalf("healthz = %d", rec.Code)
	}
	rec := env.do(http.MethodDelete, "/api/v1/tg/articles", nil)
	var body apiError
	decode(t, rec.Body.Bytes(), &body)
	if rec.Code != http.StatusMethodNotAllowed || body.Error.Code != "method_not_allowed" {
		t.Fatalf("DELETE: %d %+v", rec.Code, body)
	}
	env.store.Close()
	if rec := env.do(http.MethodGet, "/healthz", nil); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("healthz with a closed database = %d, want 503", rec.Code)
	}
}

func TestHeadAnswersLikeGet(t *testing.T) {
	env := newTestEnv(t)
	get := env.do(http.MethodGet, "/api/v1/tg/articles", nil)
	head := env.do(http.MethodHead, "/api/v1/tg/articles", nil)
	if head.Code != http.StatusOK || head.Header().Get("ETag") != get.Header().Get("ETag") {
		t.Fatalf("HEAD: %d etag %q, GET etag %q", head.Code, head.Header().Get("ETag"), get.Header().Get("ETag"))
	}
}
