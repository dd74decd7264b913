package api

import (
	"fmt"
	"net/http"
	"testing"
)

// TestEveryAnswerSaysNoSniff checks X-Content-Type-Options: nosniff on
// every kind of API answer: data, errors, 304s, preflights, the OpenAPI
// document and the health check.
func TestEveryAnswerSaysNoSniff(t *testing.T) {
	env := newTestEnv(t)
	article := fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["both"])
	etag := env.do(http.MethodGet, article, nil).Header().Get("ETag")
	tests := []struct {
		name, method, target string
		header               http.Header
		status               int
	}{
		{"locales", http.MethodGet, "/api/v1/locales", nil, http.StatusOK},
		{"article", http.MethodGet, article, nil, http.StatusOK},
		{"article again, cached", http.MethodGet, article, nil, http.StatusOK},
		{"not modified", http.MethodGet, article, http.Header{"If-None-Match": {etag}}, http.StatusNotModified},
		{"head", http.MethodHead, article, nil, http.StatusOK},
		{"openapi", http.MethodGet, "/api/v1/openapi.json", nil, http.StatusOK},
		{"unknown locale", http.MethodGet, "/api/v1/xx/articles", nil, http.StatusNotFound},
		{"bad parameter", http.MethodGet, "/api/v1/tg/articles?limit=oops", nil, http.StatusBadRequest},
		{"unknown path", http.MethodGet, "/api/v1/nothing/here/at/all", nil, http.StatusNotFound},
		{"wrong method", http.MethodDelete, "/api/v1/tg/articles", nil, http.StatusMethodNotAllowed},
		{"preflight", http.MethodOptions, "/api/v1/tg/articles", http.Header{"Origin": {"https://site.example"}, "Access-Control-Request-Method": {"GET"}}, http.StatusNoContent},
		{"view count", http.MethodPost, fmt.Sprintf("/api/v1/articles/%d/views", env.ids["both"]), nil, 0},
		{"health", http.MethodGet, "/healthz", nil, http.StatusOK},
		{"health head", http.MethodHead, "/healthz", nil, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := env.do(tt.method, tt.target, tt.header)
			if tt.status != 0 && rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff (status %d)", got, rec.Code)
			}
		})
	}
}
