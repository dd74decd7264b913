package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestNonCanonicalIDsNameNothing checks that the admin reads ids as the API
// does: only the canonical decimal (no sign, no leading zero, nothing
// around it) names a record. "01" once trashed article 1 here while the
// API called it not found.
func TestNonCanonicalIDsNameNothing(t *testing.T) {
	f := newToolsFixture(t)
	env := f.env
	c := env.signedIn("admin@example.com")
	id := fmt.Sprint(f.article.ID)
	sec, user := fmt.Sprint(f.article.SectionID), fmt.Sprint(env.editor.ID)
	var routes []struct{ method, path string }
	for _, v := range []string{"0" + id, "00" + id, "+" + id, id + ".0", "%20" + id} {
		routes = append(routes, []struct{ method, path string }{
			{"GET", "/admin/articles/" + v},
			{"GET", "/admin/articles/" + v + "/revisions"},
			{"GET", "/admin/articles/" + v + "/preview"},
			{"POST", "/admin/articles/" + v + "/delete"},
			{"POST", "/admin/articles/" + v + "/lock"},
			{"POST", "/admin/trash/" + v + "/restore"},
		}...)
	}
	routes = append(routes, []struct{ method, path string }{
		{"GET", "/admin/sections/0" + sec},
		{"POST", "/admin/sections/0" + sec + "/delete"},
		{"GET", "/admin/users/0" + user},
		{"POST", "/admin/users/0" + user},
	}...)
	for _, r := range routes {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			var resp response
			if r.method == "GET" {
				resp = c.get(r.path)
			} else {
				resp = c.post(r.path, url.Values{})
			}
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("%s %s = %d, want 404", r.method, r.path, resp.StatusCode)
			}
		})
	}
	if a := f.reload(t); a.TrashedAt != nil {
		t.Fatalf("article %d was trashed through a non-canonical id", a.ID)
	}
	if resp := c.get("/admin/articles/" + id); resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, toolsTgTitle) {
		t.Fatalf("the canonical id no longer opens the article: %d", resp.StatusCode)
	}
}

// TestNonCanonicalFormIDsAreRefused checks the ids that arrive in form
// fields and queries: a section filter or parent written "01" is not
// section 1.
func TestNonCanonicalFormIDsAreRefused(t *testing.T) {
	f := newToolsFixture(t)
	c := f.env.signedIn("admin@example.com")
	sec := fmt.Sprint(f.article.SectionID)
	list := c.get("/admin/articles?section=0" + sec)
	if list.StatusCode != http.StatusOK {
		t.Fatalf("list with section=0%s: %d", sec, list.StatusCode)
	}
	// An unknown filter value is ignored, so the article shows, and the
	// filter does not claim the section.
	doc := parseHTML(t, list.Body)
	if sel := doc.Find(`select[name="section"] option[selected]`).AttrOr("value", ""); sel == sec {
		t.Fatalf("section=0%s selected section %s", sec, sec)
	}
	resp := c.post("/admin/sections", url.Values{"slug": {"world"}, "name_tg": {"Ҷаҳон"}, "name_fa": {"جهان"}, "parent": {"0" + sec}})
	if resp.StatusCode == http.StatusSeeOther {
		t.Fatalf("a section was created under parent 0%s: %d", sec, resp.StatusCode)
	}
}
