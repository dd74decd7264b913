package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/api"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// newAPI is the API over a fresh database.
func newAPI(t *testing.T) (*api.API, *models.Store) {
	t.Helper()
	store, err := models.Open(context.Background(), models.Options{Path: filepath.Join(t.TempDir(), "p.db"), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	views := viewcount.New(store, viewcount.Options{Window: time.Hour, FlushEvery: time.Hour})
	t.Cleanup(func() { views.Close(context.Background()) })
	return api.New(api.Options{Store: store, Views: views, Logger: slog.New(slog.DiscardHandler)}), store
}

func newRouter(t *testing.T, proxies []string) *gin.Engine {
	t.Helper()
	a, _ := newAPI(t)
	log := slog.New(slog.DiscardHandler)
	r, err := NewRouter(Options{API: a, TrustedProxies: proxies, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	r.GET("/test/ip", func(c *gin.Context) { c.String(http.StatusOK, c.ClientIP()) })
	r.GET("/test/panic", func(c *gin.Context) { panic("boom") })
	return r
}

func get(r http.Handler, target string, header http.Header) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.RemoteAddr = "192.0.2.10:5000"
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	return rec
}

func TestForwardedHeadersTrustedOnlyFromConfiguredProxies(t *testing.T) {
	forged := http.Header{"X-Forwarded-For": {"203.0.113.7"}}
	if got := get(newRouter(t, nil), "/test/ip", forged).Body.String(); got != "192.0.2.10" {
		t.Errorf("with no trusted proxies the client address is %q, want the peer 192.0.2.10", got)
	}
	if got := get(newRouter(t, []string{"192.0.2.0/24"}), "/test/ip", forged).Body.String(); got != "203.0.113.7" {
		t.Errorf("behind a trusted proxy the client address is %q, want 203.0.113.7", got)
	}
}

func TestPanicsBecomeJSON500(t *testing.T) {
	rec := get(newRouter(t, nil), "/test/panic", nil)
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"code":"internal"`) {
		t.Fatalf("panic answered %d %s", rec.Code, rec.Body)
	}
}

func TestHTTPServerHasTimeoutsAndHeaderLimit(t *testing.T) {
	srv := NewHTTPServer(":0", http.NotFoundHandler(), slog.New(slog.DiscardHandler))
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 || srv.MaxHeaderBytes == 0 {
		t.Fatalf("server lacks a timeout or header limit: %+v", srv)
	}
}
