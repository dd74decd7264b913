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

// The list's pin action needs a signed-in user and the CSRF token; an
// editor pins and unpins, and a position that is no number is refused
// beside the field without pinning.
func TestPinFromTheList(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: "Хабар", BodyHTML: "<p>Матн</p>"})
	path := fmt.Sprintf("/admin/articles/%d/pin", a.ID)
	pinned := func() bool {
		pins, err := env.store.ShownPins(context.Background(), []uint{a.ID})
		if err != nil {
			t.Fatal(err)
		}
		_, ok := pins[a.ID]
		return ok
	}
	if resp := env.client().post(path, url.Values{"op": {"pin"}}); resp.StatusCode != http.StatusForbidden || pinned() {
		t.Fatalf("visitor: %d, pinned %v", resp.StatusCode, pinned())
	}
	c := env.signedIn("editor@example.com")
	if resp := c.postRaw(path, url.Values{"op": {"pin"}}, http.Header{"Origin": {env.server.URL}}); resp.StatusCode != http.StatusForbidden || pinned() {
		t.Fatalf("without the CSRF token: %d, pinned %v", resp.StatusCode, pinned())
	}
	htmx := func(form url.Values) response {
		form.Set("csrf_token", c.csrf)
		return c.postRaw(path, form, http.Header{"Origin": {env.server.URL}, "Hx-Request": {"true"}})
	}
	if resp := htmx(url.Values{"op": {"pin"}, "position": {"first"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.Body, "error-pin-") || pinned() {
		t.Fatalf("a position that is no number: %d, pinned %v", resp.StatusCode, pinned())
	}
	if resp := htmx(url.Values{"op": {"pin"}, "position": {"3"}}); resp.StatusCode != http.StatusOK || !pinned() {
		t.Fatalf("pin: %d, pinned %v", resp.StatusCode, pinned())
	}
	if resp := htmx(url.Values{"op": {"unpin"}}); resp.StatusCode != http.StatusOK || pinned() {
		t.Fatalf("unpin: %d, pinned %v", resp.StatusCode, pinned())
	}
}
