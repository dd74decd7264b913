package admin

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/payvand/payvand/internal/i18n"
)

// weakPasswords are refused everywhere a password is set, each with the
// message that says why. The accounts they are set for are nodira@… named
// Нодира.
var weakPasswords = []struct{ password, message string }{
	{"password", "password.weak_common"},
	{"12345678", "password.weak_common"},
	{"aaaaaaaa", "password.weak_pattern"},
	{"nodira2024!", "password.weak_personal"},
	{"Нодира2024", "password.weak_personal"},
}

// TestWeakPasswordsAreRefusedInTheAdmin sets each weak password through
// every admin form that sets one: a new account, an admin's reset of
// someone else's, and one's own on the account page. Each is refused with
// a 422, the reason beside the field, and nothing saved.
func TestWeakPasswordsAreRefusedInTheAdmin(t *testing.T) {
	env := newTestEnv(t)
	nodira := env.mustUser("nodira@example.com", "editor")
	renamed := userUpdateOf(nodira, true)
	renamed.DisplayName = "Нодира"
	if _, err := env.store.UpdateUser(context.Background(), nodira.ID, renamed); err != nil {
		t.Fatal(err)
	}
	admin := env.signedIn("admin@example.com")
	own := env.signedIn("nodira@example.com")
	forms := []struct {
		name  string
		c     *client
		path  string
		field string
		form  func(pw string) url.Values
	}{
		{"new account", admin, "/admin/users", "password", func(pw string) url.Values {
			return url.Values{"email": {"nodira@example.net"}, "display_name": {"Нодира"}, "role": {"editor"}, "password": {pw}}
		}},
		{"reset by an admin", admin, userPathOf(nodira.ID) + "/password", "new_password", func(pw string) url.Values {
			return url.Values{"new_password": {pw}, "confirm_password": {pw}}
		}},
		{"own password", own, "/admin/account/password", "new_password", func(pw string) url.Values {
			return url.Values{"current_password": {testPassword}, "new_password": {pw}, "confirm_password": {pw}}
		}},
	}
	before := env.reload(nodira.ID)
	for _, f := range forms {
		for _, weak := range weakPasswords {
			t.Run(f.name+"/"+weak.password, func(t *testing.T) {
				resp := f.c.post(f.path, f.form(weak.password))
				if resp.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("%d, want 422", resp.StatusCode)
				}
				want := tajik.T(weak.message)
				if got := parseHTML(t, resp.Body).Find(`[data-testid="error-` + f.field + `"]`).Text(); got != want {
					t.Fatalf("message beside %s: %q, want %q", f.field, got, want)
				}
				if after := env.reload(nodira.ID); after.PasswordHash != before.PasswordHash {
					t.Fatal("the weak password was saved")
				}
				if n, _ := env.store.CountUsers(context.Background()); n != 3 {
					t.Fatalf("%d accounts, want 3: the weak one was created", n)
				}
			})
		}
	}
}

// TestWeakPasswordMessageInPersian: the reason is in the admin's language.
func TestWeakPasswordMessageInPersian(t *testing.T) {
	env := newTestEnv(t)
	if err := env.store.SetUILanguage(context.Background(), env.admin.ID, "fa"); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@example.com")
	c.get("/admin/users")
	resp := c.post("/admin/users", url.Values{"email": {"new@example.com"}, "role": {"editor"}, "password": {"12345678"}})
	want := i18n.MustLoad().Localizer("fa").T("password.weak_common")
	if got := parseHTML(t, resp.Body).Find(`[data-testid="error-password"]`).Text(); resp.StatusCode != http.StatusUnprocessableEntity || got != want {
		t.Fatalf("%d, message %q; want 422 and %q", resp.StatusCode, got, want)
	}
}
