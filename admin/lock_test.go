package admin

import (
	"net/http"
	"strings"
	"testing"
)

func TestLockFragment(t *testing.T) {
	f := newToolsFixture(t)
	editor, admin := f.env.signedIn("editor@example.com"), f.env.signedIn("admin@example.com")

	state := func(t *testing.T, resp response) (lock, text string) {
		t.Helper()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("lock answer %d:\n%.500s", resp.StatusCode, resp.Body)
		}
		if strings.Contains(resp.Body, "<html") {
			t.Fatal("the heartbeat answered a whole page, not the fragment")
		}
		el := parseHTML(t, resp.Body).Find(`#lock-status`)
		if el.AttrOr("hx-post", "") != f.path+"/lock" || el.AttrOr("hx-trigger", "") != "every 30s" {
			t.Errorf("fragment does not keep polling: %q %q", el.AttrOr("hx-post", ""), el.AttrOr("hx-trigger", ""))
		}
		return el.AttrOr("data-lock", ""), el.Text()
	}

	t.Run("the first editor holds the lock", func(t *testing.T) {
		lock, text := state(t, hx(editor, f.path+"/lock"))
		if lock != "mine" || !strings.Contains(text, "Шумо ин мақоларо таҳрир мекунед") {
			t.Fatalf("lock %q: %q", lock, text)
		}
	})
	t.Run("the second sees who and since when, with take over", func(t *testing.T) {
		resp := hx(admin, f.path+"/lock")
		lock, text := state(t, resp)
		if lock != "other" || !strings.Contains(text, "Зарина") || !strings.Contains(text, "Ба ӯҳда гирифтан") {
			t.Fatalf("lock %q: %q", lock, text)
		}
		form := parseHTML(t, resp.Body).Find(`[data-testid="lock-takeover-form"]`)
		if form.AttrOr("action", "") != f.path+"/lock/takeover" || form.Find(`input[name="csrf_token"]`).AttrOr("value", "") == "" {
			t.Error("the take-over form lacks its action or CSRF token")
		}
	})
	t.Run("take over by form reloads the editor page", func(t *testing.T) {
		resp := admin.post(f.path+"/lock/takeover", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != f.path {
			t.Fatalf("take over: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		// A heartbeat in between leaves the flash for the next page.
		hx(admin, f.path+"/lock")
		if flash := parseHTML(t, admin.get("/admin/account").Body).Find(`[data-testid="flash"]`).Text(); flash == "" {
			t.Error("the heartbeat swallowed the take-over flash")
		}
	})
	t.Run("the former holder's heartbeat learns of it", func(t *testing.T) {
		lock, text := state(t, hx(editor, f.path+"/lock"))
		if lock != "other" || !strings.Contains(text, "مدیر سایت") {
			t.Fatalf("lock %q: %q", lock, text)
		}
	})
	t.Run("release frees it", func(t *testing.T) {
		if resp := hx(admin, f.path+"/lock/release"); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("release: %d", resp.StatusCode)
		}
		if lock, _ := state(t, hx(editor, f.path+"/lock")); lock != "mine" {
			t.Fatalf("after release the editor sees %q", lock)
		}
		if resp := admin.post(f.path+"/lock/release", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("release by form: %d", resp.StatusCode)
		}
	})
	t.Run("unknown article", func(t *testing.T) {
		if resp := hx(editor, "/admin/articles/999999/lock"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("lock of an unknown article: %d", resp.StatusCode)
		}
	})
}
