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

// Two people at once: while an editor has the article open, someone pins
// or unpins it from the list. The editor's save of other shared fields
// leaves that pin alone, since the form's pin still reads as loaded; a pin
// the editor changes is saved.
func TestSharedSaveLeavesAPinSetMeanwhile(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: "Хабар", BodyHTML: "<p>Матн</p>"})
	pinPosition := func() int {
		pins, err := env.store.ShownPins(context.Background(), []uint{a.ID})
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := pins[a.ID]; ok {
			return p.Position
		}
		return -1
	}
	other := env.signedIn("admin@example.com")
	fromList := func(form url.Values) {
		form.Set("csrf_token", other.csrf)
		if resp := other.postRaw(fmt.Sprintf("/admin/articles/%d/pin", a.ID), form, http.Header{"Origin": {env.server.URL}, "Hx-Request": {"true"}}); resp.StatusCode != http.StatusOK {
			t.Fatalf("list pin %v: %d", form, resp.StatusCode)
		}
	}
	editor := env.signedIn("editor@example.com")
	// saveShared posts the shared form as the editor's page showed it,
	// with the pin fields in change.
	saveShared := func(page response, change url.Values) {
		form := url.Values{
			"shared_version": {between(page.Body, `name="shared_version" value="`, `"`)},
			"section_id":     {fmt.Sprint(sec.ID)},
			"pin_loaded":     {between(page.Body, `name="pin_loaded" value="`, `"`)},
			"op":             {"save"},
		}
		for k, v := range change {
			form[k] = v
		}
		if resp := htmxPost(editor, fmt.Sprintf("/admin/articles/%d/shared", a.ID), form, nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("shared save: %d %.300s", resp.StatusCode, resp.Body)
		}
	}
	editPage := fmt.Sprintf("/admin/articles/%d", a.ID)

	page := editor.get(editPage) // not pinned
	fromList(url.Values{"op": {"pin"}, "position": {"3"}})
	saveShared(page, nil)
	if got := pinPosition(); got != 3 {
		t.Fatalf("after the editor's save the pin set from the list is %d, want 3", got)
	}

	page = editor.get(editPage) // pinned at 3
	fromList(url.Values{"op": {"unpin"}})
	saveShared(page, url.Values{"pinned": {"on"}, "pin_position": {"3"}})
	if got := pinPosition(); got != -1 {
		t.Fatalf("after the editor's save the article unpinned from the list is pinned at %d", got)
	}

	page = editor.get(editPage) // not pinned
	saveShared(page, url.Values{"pinned": {"on"}, "pin_position": {"5"}})
	if got := pinPosition(); got != 5 {
		t.Fatalf("the editor's own pin is at %d, want 5", got)
	}
	page = editor.get(editPage) // pinned at 5
	saveShared(page, url.Values{})
	if got := pinPosition(); got != -1 {
		t.Fatalf("the editor's own unpin left the pin at %d", got)
	}
}
