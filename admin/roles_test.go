package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// TestRoleMatrix sends every admin page and action as a visitor, an editor
// and an admin, through the real router, and checks who gets in. Forbidden
// actions must answer 403 and change nothing.
func TestRoleMatrix(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	sec, err := env.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	other := env.mustUser("other@example.com", models.RoleEditor)
	type route struct {
		method, path string
		adminOnly    bool
	}
	routes := []route{
		{"GET", "/admin", false},
		{"GET", "/admin/account", false},
		{"POST", "/admin/account/language", false},
		{"POST", "/admin/account/password", false},
		{"GET", "/admin/sections", true},
		{"POST", "/admin/sections", true},
		{"GET", fmt.Sprintf("/admin/sections/%d", sec.ID), true},
		{"POST", fmt.Sprintf("/admin/sections/%d", sec.ID), true},
		{"POST", fmt.Sprintf("/admin/sections/%d/move", sec.ID), true},
		{"GET", fmt.Sprintf("/admin/sections/%d/delete", sec.ID), true},
		{"POST", fmt.Sprintf("/admin/sections/%d/delete", sec.ID), true},
		{"GET", "/admin/users", true},
		{"POST", "/admin/users", true},
		{"GET", fmt.Sprintf("/admin/users/%d", other.ID), true},
		{"POST", fmt.Sprintf("/admin/users/%d", other.ID), true},
		{"POST", fmt.Sprintf("/admin/users/%d/password", other.ID), true},
	}
	for _, who := range []string{"visitor", "editor", "admin"} {
		if who == "admin" {
			unchanged(t, env, sec.ID, other.ID) // before the admin's own requests change things
		}
		for _, rt := range routes {
			t.Run(who+" "+rt.method+" "+rt.path, func(t *testing.T) {
				c := env.client()
				if who != "visitor" {
					c = env.signedIn(who + "@example.com")
				}
				var resp response
				if rt.method == "GET" {
					resp = c.get(rt.path)
				} else {
					resp = c.post(rt.path, url.Values{})
				}
				switch {
				case who == "visitor" && rt.method == "GET":
					if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/login") {
						t.Fatalf("%d → %q, want a redirect to sign in", resp.StatusCode, resp.Header.Get("Location"))
					}
				case who == "visitor", who == "editor" && rt.adminOnly:
					if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, `data-testid="error-page"`) {
						t.Fatalf("%d, want the 403 page", resp.StatusCode)
					}
				default:
					if resp.StatusCode == http.StatusForbidden || resp.StatusCode >= 500 {
						t.Fatalf("%d for a user who may do this", resp.StatusCode)
					}
				}
			})
		}
	}
}

// unchanged checks that refused requests changed neither the section nor
// the user.
func unchanged(t *testing.T, env *testEnv, sectionID, userID uint) {
	t.Helper()
	ctx := context.Background()
	if s, _ := env.store.FindSection(ctx, sectionID); s == nil || s.Slug != "news" || s.Version != 1 {
		t.Errorf("section changed or gone: %+v", s)
	}
	if u, _ := env.store.FindUser(ctx, userID); u == nil || !u.Active || u.Role != models.RoleEditor || u.SessionVersion != 1 {
		t.Errorf("user changed: %+v", u)
	}
	if u, _ := env.store.FindUser(ctx, env.editor.ID); u == nil || u.UILanguage != "" {
		t.Errorf("editor's language changed: %+v", u)
	}
}
