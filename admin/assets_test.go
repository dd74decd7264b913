package admin

import (
	"net/http"
	"strings"
	"testing"
)

// TestAssetFoldersAreNotListed asks for the static folders, with and
// without a trailing slash: each is a 404 and names none of its files,
// while the files themselves are served.
func TestAssetFoldersAreNotListed(t *testing.T) {
	env := newTestEnv(t)
	tests := []struct {
		path   string
		status int
	}{
		{"/admin/assets/", http.StatusNotFound},
		{"/admin/assets/vendor", http.StatusNotFound},
		{"/admin/assets/vendor/", http.StatusNotFound},
		{"/admin/assets/fonts/", http.StatusNotFound},
		{"/admin/assets/fonts/../vendor/", http.StatusNotFound},
		{"/admin/assets/admin.css", http.StatusOK},
		{"/admin/assets/vendor/htmx-2.0.11.min.js", http.StatusOK},
		{"/admin/assets/missing.js", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := env.client().get(tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			// A listing links each entry by its bare name; the admin's own
			// pages link assets by their full path.
			for _, entry := range []string{"vendor/", "fonts/", "admin.css", "htmx-2.0.11.min.js", "fonts.css"} {
				if strings.Contains(resp.Body, `href="`+entry+`"`) {
					t.Errorf("the answer lists %s", entry)
				}
			}
		})
	}
}
