package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/payvand/payvand/admin"
)

// TestAPIPathsNeverRedirect checks that nothing under /api/v1 answers with a
// redirect of the router's own making: a trailing slash, or a %2F that
// decodes to one, is an unknown path and gets the API's JSON not_found,
// never an HTML 301 a frontend's fetch would follow somewhere else.
func TestAPIPathsNeverRedirect(t *testing.T) {
	r := newRouter(t, nil)
	for _, target := range []string{
		"/api/v1/tg/articles/slug/%2F",
		"/api/v1/tg/articles/slug/a%2F",
		"/api/v1/tg/articles/slug/",
		"/api/v1/tg/articles/",
		"/api/v1/tg/articles/1/",
		"/api/v1/tg/sections/",
		"/api/v1/tg/search/",
		"/api/v1/locales/",
		"/api/v1/openapi.json/",
		"/api/v1/",
		"/api/",
	} {
		t.Run(target, func(t *testing.T) {
			rec := get(r, target, nil)
			if rec.Code != http.StatusNotFound || rec.Header().Get("Location") != "" {
				t.Fatalf("GET %s = %d (Location %q), want 404 without a redirect", target, rec.Code, rec.Header().Get("Location"))
			}
			var body struct {
				Error struct{ Code string } `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != "not_found" {
				t.Fatalf("GET %s body %q, want the JSON not_found error", target, rec.Body.String())
			}
		})
	}
}

// TestAdminTrailingSlashStillRedirects keeps the admin's convenience: a
// typed /admin/ or /admin/media/ leads to the page without the slash.
func TestAdminTrailingSlashStillRedirects(t *testing.T) {
	a, store := newAPI(t)
	log := slog.New(slog.DiscardHandler)
	adm, err := admin.New(admin.Options{Store: store, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRouter(Options{API: a, Admin: adm, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	for target, want := range map[string]string{"/admin/": "/admin", "/admin/media/": "/admin/media", "/admin/login/": "/admin/login", "/admin/articles/5/": "/admin/articles/5"} {
		rec := get(r, target, nil)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != want {
			t.Errorf("GET %s = %d → %q, want 301 → %q", target, rec.Code, rec.Header().Get("Location"), want)
		}
	}
	if rec := get(r, "/admin/nothing/here/", nil); rec.Code != http.StatusNotFound {
		t.Errorf("GET /admin/nothing/here/ = %d, want the admin's 404 (no redirect to another unknown page)", rec.Code)
	}
}
