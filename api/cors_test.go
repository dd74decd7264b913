package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
)

// A browser's preflight for the headers fetch wrappers commonly add is
// allowed; Authorization is not, as the API takes no credentials.
func TestPreflightAllowsCommonRequestHeaders(t *testing.T) {
	env := newTestEnv(t)
	rec := env.do(http.MethodOptions, "/api/v1/tg/articles", http.Header{
		"Origin": {"https://site.example"}, "Access-Control-Request-Method": {"GET"},
		"Access-Control-Request-Headers": {"x-requested-with,if-none-match,content-type"},
	})
	if rec.Code != http.StatusNoContent {
		t.Fatalf("preflight: %d", rec.Code)
	}
	allowed := map[string]bool{}
	for _, h := range strings.Split(rec.Header().Get("Access-Control-Allow-Headers"), ",") {
		allowed[strings.ToLower(strings.TrimSpace(h))] = true
	}
	for _, h := range []string{"x-requested-with", "if-none-match", "content-type", "if-modified-since", "cache-control"} {
		if !allowed[h] {
			t.Errorf("preflight does not allow %s: %q", h, rec.Header().Get("Access-Control-Allow-Headers"))
		}
	}
	if allowed["authorization"] {
		t.Error("preflight allows Authorization, which the API never reads")
	}
}

// Allowed origins may read the API's Resource Timing; others may not.
func TestTimingAllowOriginFollowsCORS(t *testing.T) {
	env := newTestEnv(t)
	if got := env.do(http.MethodGet, "/api/v1/locales", http.Header{"Origin": {"https://any.example"}}).Header().Get("Timing-Allow-Origin"); got != "*" {
		t.Errorf("with every origin allowed, Timing-Allow-Origin = %q, want *", got)
	}
	restricted := env.newRouter(Options{CORSOrigins: []string{"https://site.example"}})
	for origin, want := range map[string]string{"https://site.example": "https://site.example", "https://evil.example": ""} {
		for _, method := range []string{http.MethodGet, http.MethodOptions} {
			req, _ := http.NewRequest(method, "/api/v1/tg/articles", nil)
			req.Header.Set("Origin", origin)
			req.Header.Set("Access-Control-Request-Method", "GET")
			rec := newRecorder()
			restricted.ServeHTTP(rec, req)
			if got := rec.Header().Get("Timing-Allow-Origin"); got != want {
				t.Errorf("%s from %s: Timing-Allow-Origin = %q, want %q", method, origin, got, want)
			}
		}
	}
}

// A view count is one reader's number at one moment: never stored by a
// browser or a CDN, whether the view counted or not.
func TestRecordViewIsNeverStored(t *testing.T) {
	env := newTestEnv(t)
	for _, id := range []uint{env.ids["both"], 999999} {
		rec := env.do(http.MethodPost, fmt.Sprintf("/api/v1/articles/%d/views", id), nil)
		if got := rec.Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("POST views of %d (%d): Cache-Control %q, want no-store", id, rec.Code, got)
		}
	}
}

// HEAD of a picture answers what GET would, without the bytes.
func TestHeadMediaAnswersLikeGet(t *testing.T) {
	env := newTestEnv(t)
	store, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	picture := strings.Repeat("\xff\xd8 jpeg bytes ", 50)
	if err := store.Put(t.Context(), "ab/pic.jpg", strings.NewReader(picture)); err != nil {
		t.Fatal(err)
	}
	r := env.newRouter(Options{Media: store})
	do := func(method, target string) (int, http.Header, int) {
		req, _ := http.NewRequest(method, target, nil)
		rec := newRecorder()
		r.ServeHTTP(rec, req)
		return rec.Code, rec.Header(), rec.Body.Len()
	}
	getCode, getHeader, _ := do(http.MethodGet, "/media/ab/pic.jpg")
	headCode, headHeader, headBody := do(http.MethodHead, "/media/ab/pic.jpg")
	if getCode != 200 || headCode != 200 || headBody != 0 {
		t.Fatalf("GET %d, HEAD %d with %d body bytes; want 200, 200 and none", getCode, headCode, headBody)
	}
	for _, h := range []string{"Content-Type", "Content-Length", "Cache-Control", "X-Content-Type-Options"} {
		if headHeader.Get(h) != getHeader.Get(h) || getHeader.Get(h) == "" {
			t.Errorf("%s: HEAD %q, GET %q", h, headHeader.Get(h), getHeader.Get(h))
		}
	}
	if headHeader.Get("Content-Length") != strconv.Itoa(len(picture)) {
		t.Errorf("Content-Length %q, want %d", headHeader.Get("Content-Length"), len(picture))
	}
	if code, _, _ := do(http.MethodHead, "/media/ab/missing.jpg"); code != http.StatusNotFound {
		t.Errorf("HEAD of a missing picture: %d, want 404", code)
	}
}

// A picture path no store could hold (hidden, doubled or dotted folders) is
// a request for nothing: 404, never a 5xx that tells a CDN to retry.
func TestMediaInvalidPathIsNotFound(t *testing.T) {
	env := newTestEnv(t)
	store, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := env.newRouter(Options{Media: store})
	for _, target := range []string{"/media/ab/.pic.jpg", "/media/ab//pic.jpg", "/media/ab/./pic.jpg", "/media/ab/%5Cpic.jpg"} {
		req, _ := http.NewRequest(http.MethodGet, target, nil)
		rec := newRecorder()
		r.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, rec.Code)
		}
	}
}
