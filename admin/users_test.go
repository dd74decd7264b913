package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
)

// persianPassPhrase is a 64-character Persian pass-phrase with spaces and
// zero-width non-joiners, far past bcrypt's 72-byte limit.
const persianPassPhrase = "در این سرای بی\u200cکسی کسی به در نمی\u200cزند؛ به دشت ما پرنده پر نمی\u200cزند"

// tajik translates as the test admin sees the interface: the site's default
// content language, Tajik.
var tajik = i18n.MustLoad().Localizer("tg")

func parseHTML(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// reload returns the account as it is now in the database.
func (env *testEnv) reload(id uint) *models.User {
	env.t.Helper()
	u, err := env.store.FindUser(context.Background(), id)
	if err != nil {
		env.t.Fatal(err)
	}
	return u
}

// signInStatus tries to sign in with a fresh client and returns the status.
func (env *testEnv) signInStatus(email, plain string) int {
	env.t.Helper()
	return env.client().post("/admin/login", url.Values{"email": {email}, "password": {plain}}).StatusCode
}

func userPathOf(id uint) string { return fmt.Sprintf("/admin/users/%d", id) }

func settingsForm(name, role string, active bool) url.Values {
	form := url.Values{"display_name": {name}, "role": {role}}
	if active {
		form.Set("active", "1")
	}
	return form
}

func TestPersianPassPhraseLength(t *testing.T) {
	if n := utf8.RuneCountInString(persianPassPhrase); n != 64 {
		t.Fatalf("the pass-phrase has %d characters, want 64", n)
	}
}

func TestUsersListShowsAccounts(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("admin@example.com")
	resp := c.get("/admin/users")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("users page: %d", resp.StatusCode)
	}
	doc := parseHTML(t, resp.Body)
	if doc.Find(`[data-testid="users-table"]`).Length() != 1 || doc.Find(`[data-testid="new-user-form"]`).Length() != 1 {
		t.Fatal("the page lacks the users table or the new-user form")
	}
	// The test admin shows dates in UTC, its default time zone.
	tests := []struct {
		user      *models.User
		role      string
		lastLogin string
	}{
		{env.admin, tajik.T("role.admin"), tajik.DateTime(*env.reload(env.admin.ID).LastLoginAt, time.UTC)},
		{env.editor, tajik.T("role.editor"), tajik.T("users.never")},
	}
	for _, tt := range tests {
		row := doc.Find(fmt.Sprintf(`[data-testid="user-row-%d"]`, tt.user.ID))
		if row.Length() != 1 {
			t.Fatalf("no row for %s", tt.user.Email)
		}
		if got := strings.TrimSpace(row.Find(`[dir="ltr"]`).Text()); got != tt.user.Email {
			t.Errorf("left-to-right email cell %q, want %q", got, tt.user.Email)
		}
		text := row.Text()
		for _, want := range []string{tt.role, tajik.T("users.status.active"), tt.lastLogin, tajik.DateTime(tt.user.CreatedAt, time.UTC)} {
			if !strings.Contains(text, want) {
				t.Errorf("%s row lacks %q: %q", tt.user.Email, want, text)
			}
		}
		if href, _ := row.Find("a").Attr("href"); href != userPathOf(tt.user.ID) {
			t.Errorf("%s edit link %q", tt.user.Email, href)
		}
	}
}

func TestCreateUserWhoCanThenSignIn(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("admin@example.com")
	c.get("/admin/users")
	form := url.Values{"email": {" Nasrin@Example.com "}, "display_name": {"نسرین"}, "role": {"editor"}, "password": {persianPassPhrase}}
	resp := c.post("/admin/users", form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/users" {
		t.Fatalf("create: %d → %q\n%s", resp.StatusCode, resp.Header.Get("Location"), resp.Body)
	}
	created, err := env.store.FindUserByEmail(context.Background(), "nasrin@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if created.Role != models.RoleEditor || !created.Active || created.DisplayName != "نسرین" {
		t.Fatalf("created %+v", created)
	}
	page := c.get("/admin/users")
	doc := parseHTML(t, page.Body)
	if flash := doc.Find(`[data-testid="flash"]`).Text(); flash != tajik.T("users.created", "email", "nasrin@example.com") {
		t.Errorf("flash %q", flash)
	}
	if doc.Find(fmt.Sprintf(`[data-testid="user-row-%d"]`, created.ID)).Length() != 1 {
		t.Error("the new account is not in the table")
	}
	if got := env.signInStatus("nasrin@example.com", persianPassPhrase); got != http.StatusSeeOther {
		t.Fatalf("new account signs in: %d", got)
	}
}

func TestCreateUserErrorsBesideFields(t *testing.T) {
	valid := url.Values{"email": {"new@example.com"}, "display_name": {"New"}, "role": {"editor"}, "password": {"long enough 1"}}
	with := func(field, value string) url.Values {
		form := url.Values{}
		for k, v := range valid {
			form[k] = v
		}
		form.Set(field, value)
		return form
	}
	tests := []struct {
		name  string
		form  url.Values
		field string
		want  string
	}{
		{"malformed email", with("email", "not an address"), "email", tajik.T("validation.email_invalid")},
		{"email with a name", with("email", "New <new@example.com>"), "email", tajik.T("validation.email_invalid")},
		{"taken email", with("email", "EDITOR@example.com"), "email", tajik.T("validation.email_taken")},
		{"short password", with("password", "short"), "password", tajik.T("password.too_short")},
		{"unknown role", with("role", "owner"), "role", tajik.T("validation.role_invalid")},
		{"long name", with("display_name", strings.Repeat("ш", 101)), "display_name", tajik.T("validation.too_long", "max", models.DisplayNameMaxRunes)},
	}
	env := newTestEnv(t)
	c := env.signedIn("admin@example.com")
	c.get("/admin/users")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.post("/admin/users", tt.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", resp.StatusCode)
			}
			doc := parseHTML(t, resp.Body)
			if got := doc.Find(`[data-testid="error-` + tt.field + `"]`).Text(); got != tt.want {
				t.Fatalf("message beside %s: %q, want %q", tt.field, got, tt.want)
			}
			// The form comes back as sent, except the password.
			if v, _ := doc.Find(`#email`).Attr("value"); v != models.NormalizeEmail(tt.form.Get("email")) {
				t.Errorf("email field refilled with %q", v)
			}
			if v, _ := doc.Find(`#password`).Attr("value"); v != "" {
				t.Error("the password was sent back")
			}
			if n, _ := env.store.CountUsers(context.Background()); n != 2 {
				t.Fatalf("%d accounts after a refused form, want 2", n)
			}
		})
	}
	t.Run("every message at once", func(t *testing.T) {
		resp := c.post("/admin/users", url.Values{"email": {"editor@example.com"}, "role": {"owner"}, "password": {"short"}})
		doc := parseHTML(t, resp.Body)
		for field, want := range map[string]string{"email": tajik.T("validation.email_taken"), "role": tajik.T("validation.role_invalid"), "password": tajik.T("password.too_short")} {
			if got := doc.Find(`[data-testid="error-` + field + `"]`).Text(); got != want {
				t.Errorf("message beside %s: %q, want %q", field, got, want)
			}
		}
	})
}

func TestUserErrorsInPersian(t *testing.T) {
	env := newTestEnv(t)
	if err := env.store.SetUILanguage(context.Background(), env.admin.ID, "fa"); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@example.com")
	c.get("/admin/users")
	resp := c.post("/admin/users", url.Values{"email": {"editor@example.com"}, "role": {"editor"}, "password": {"long enough 1"}})
	doc := parseHTML(t, resp.Body)
	want := i18n.MustLoad().Localizer("fa").T("validation.email_taken")
	if got := doc.Find(`[data-testid="error-email"]`).Text(); got != want {
		t.Fatalf("Persian message %q, want %q", got, want)
	}
	if dir, _ := doc.Find("html").Attr("dir"); dir != "rtl" {
		t.Fatalf("page direction %q", dir)
	}
}

func TestPromotedEditorReachesAdminPages(t *testing.T) {
	env := newTestEnv(t)
	admin := env.signedIn("admin@example.com")
	editor := env.signedIn("editor@example.com")
	paths := []string{"/admin/users"}
	// The sections pages come with their own work; check them once they exist.
	if admin.get("/admin/sections").StatusCode == http.StatusOK {
		paths = append(paths, "/admin/sections")
	}
	for _, p := range paths {
		if resp := editor.get(p); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("editor on %s: %d, want 403", p, resp.StatusCode)
		}
	}
	admin.get(userPathOf(env.editor.ID))
	resp := admin.post(userPathOf(env.editor.ID), settingsForm("Editor", "admin", true))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("promote: %d\n%s", resp.StatusCode, resp.Body)
	}
	if u := env.reload(env.editor.ID); u.Role != models.RoleAdmin || u.DisplayName != "Editor" {
		t.Fatalf("after promotion: %+v", u)
	}
	// The same signed-in client, without signing in again.
	for _, p := range paths {
		if resp := editor.get(p); resp.StatusCode != http.StatusOK {
			t.Fatalf("promoted editor on %s: %d, want 200", p, resp.StatusCode)
		}
	}
}

func TestDeactivatedUserIsSignedOut(t *testing.T) {
	env := newTestEnv(t)
	admin := env.signedIn("admin@example.com")
	editor := env.signedIn("editor@example.com")
	if resp := editor.get("/admin/account"); resp.StatusCode != http.StatusOK {
		t.Fatalf("editor before: %d", resp.StatusCode)
	}
	admin.get(userPathOf(env.editor.ID))
	if resp := admin.post(userPathOf(env.editor.ID), settingsForm("editor", "editor", false)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d\n%s", resp.StatusCode, resp.Body)
	}
	if env.reload(env.editor.ID).Active {
		t.Fatal("the account is still active")
	}
	resp := editor.get("/admin/account")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/login") {
		t.Fatalf("deactivated editor's next request: %d → %q, want a redirect to sign in", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := env.signInStatus("editor@example.com", testPassword); got != http.StatusUnauthorized {
		t.Fatalf("deactivated account signs in: %d, want 401", got)
	}
	// Reactivated, the account signs in again.
	admin.get(userPathOf(env.editor.ID))
	admin.post(userPathOf(env.editor.ID), settingsForm("editor", "editor", true))
	if got := env.signInStatus("editor@example.com", testPassword); got != http.StatusSeeOther {
		t.Fatalf("reactivated account signs in: %d", got)
	}
}

func TestPasswordResetEndsSessions(t *testing.T) {
	env := newTestEnv(t)
	admin := env.signedIn("admin@example.com")
	editor := env.signedIn("editor@example.com")
	path := userPathOf(env.editor.ID) + "/password"
	admin.get(userPathOf(env.editor.ID))
	resp := admin.post(path, url.Values{"new_password": {persianPassPhrase}, "confirm_password": {persianPassPhrase}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/users" {
		t.Fatalf("reset: %d → %q\n%s", resp.StatusCode, resp.Header.Get("Location"), resp.Body)
	}
	if resp := editor.get("/admin/account"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("editor's session after the reset: %d, want it ended", resp.StatusCode)
	}
	if resp := admin.get("/admin/users"); resp.StatusCode != http.StatusOK {
		t.Fatalf("the resetting admin's session: %d, want it kept", resp.StatusCode)
	}
	if got := env.signInStatus("editor@example.com", testPassword); got != http.StatusUnauthorized {
		t.Fatalf("old password: %d, want 401", got)
	}
	if got := env.signInStatus("editor@example.com", persianPassPhrase); got != http.StatusSeeOther {
		t.Fatalf("new Persian pass-phrase: %d, want 303", got)
	}
}

func TestPasswordResetErrorsBesideFields(t *testing.T) {
	env := newTestEnv(t)
	admin := env.signedIn("admin@example.com")
	path := userPathOf(env.editor.ID) + "/password"
	admin.get(userPathOf(env.editor.ID))
	tests := []struct {
		name  string
		form  url.Values
		field string
		want  string
	}{
		{"short", url.Values{"new_password": {"short"}, "confirm_password": {"short"}}, "new_password", tajik.T("password.too_short")},
		{"mismatch", url.Values{"new_password": {"long enough 1"}, "confirm_password": {"long enough 2"}}, "confirm_password", tajik.T("account.mismatch")},
	}
	before := env.reload(env.editor.ID)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := admin.post(path, tt.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d, want 422", resp.StatusCode)
			}
			if got := parseHTML(t, resp.Body).Find(`[data-testid="error-` + tt.field + `"]`).Text(); got != tt.want {
				t.Fatalf("message beside %s: %q, want %q", tt.field, got, tt.want)
			}
			if after := env.reload(env.editor.ID); after.PasswordHash != before.PasswordHash || after.SessionVersion != before.SessionVersion {
				t.Fatal("a refused reset changed the account")
			}
		})
	}
}

func TestOwnPasswordIsChangedOnTheAccountPage(t *testing.T) {
	env := newTestEnv(t)
	admin := env.signedIn("admin@example.com")
	page := parseHTML(t, admin.get(userPathOf(env.admin.ID)).Body)
	if page.Find(`[data-testid="password-form"]`).Length() != 0 || page.Find(`[data-testid="own-password-note"] a[href="/admin/account"]`).Length() != 1 {
		t.Fatal("one's own page should point to the account page instead of offering a reset")
	}
	resp := admin.post(userPathOf(env.admin.ID)+"/password", url.Values{"new_password": {"long enough 1"}, "confirm_password": {"long enough 1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/account" {
		t.Fatalf("own reset: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if u := env.reload(env.admin.ID); u.PasswordHash != env.admin.PasswordHash || u.SessionVersion != env.admin.SessionVersion {
		t.Fatal("the own reset changed the password")
	}
}

func TestLastAdminCannotBeDemoted(t *testing.T) {
	env := newTestEnv(t)
	admin := env.signedIn("admin@example.com")
	admin.get(userPathOf(env.admin.ID))
	resp := admin.post(userPathOf(env.admin.ID), settingsForm("Admin", "editor", true))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("demote the last admin: %d, want 422", resp.StatusCode)
	}
	if got := parseHTML(t, resp.Body).Find(`[data-testid="error-role"]`).Text(); got != tajik.T("validation.last_admin") {
		t.Fatalf("message beside the role: %q", got)
	}
	if env.reload(env.admin.ID).Role != models.RoleAdmin {
		t.Fatal("the last admin was demoted")
	}
	// With another active admin, an admin may step down, and leaves the
	// admin-only pages.
	env.mustUser("second@example.com", models.RoleAdmin)
	resp = admin.post(userPathOf(env.admin.ID), settingsForm("Admin", "editor", true))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin" {
		t.Fatalf("step down: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := admin.get("/admin/users"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("users page after stepping down: %d, want 403", resp.StatusCode)
	}
}

func TestAdminCannotDeactivateSelf(t *testing.T) {
	env := newTestEnv(t)
	env.mustUser("second@example.com", models.RoleAdmin)
	admin := env.signedIn("admin@example.com")
	admin.get(userPathOf(env.admin.ID))
	resp := admin.post(userPathOf(env.admin.ID), settingsForm("Admin", "admin", false))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("deactivate self: %d, want 422", resp.StatusCode)
	}
	if got := parseHTML(t, resp.Body).Find(`[data-testid="error-active"]`).Text(); got != tajik.T("users.cannot_deactivate_self") {
		t.Fatalf("message beside the switch: %q", got)
	}
	if u := env.reload(env.admin.ID); !u.Active || u.SessionVersion != env.admin.SessionVersion {
		t.Fatal("the admin deactivated themselves")
	}
	if resp := admin.get("/admin/users"); resp.StatusCode != http.StatusOK {
		t.Fatalf("session after the refusal: %d", resp.StatusCode)
	}
}

func TestUnknownUserIs404(t *testing.T) {
	env := newTestEnv(t)
	admin := env.signedIn("admin@example.com")
	for _, p := range []string{"/admin/users/999", "/admin/users/abc", "/admin/users/0"} {
		if resp := admin.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
		}
	}
	if resp := admin.post("/admin/users/999", settingsForm("x", "editor", true)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST to an unknown user: %d, want 404", resp.StatusCode)
	}
}

// userWrites are the users pages' state-changing requests, each meant to
// change the admin account, so a refusal can be checked against it.
func userWrites(env *testEnv) []struct {
	path string
	form url.Values
} {
	return []struct {
		path string
		form url.Values
	}{
		{"/admin/users", url.Values{"email": {"intruder@example.com"}, "role": {"admin"}, "password": {"long enough 1"}}},
		{userPathOf(env.admin.ID), settingsForm("Hijacked", "editor", false)},
		{userPathOf(env.admin.ID) + "/password", url.Values{"new_password": {"long enough 1"}, "confirm_password": {"long enough 1"}}},
	}
}

// assertUnchanged fails when the accounts differ from the start.
func (env *testEnv) assertUnchanged(t *testing.T) {
	t.Helper()
	if n, _ := env.store.CountUsers(context.Background()); n != 2 {
		t.Fatalf("%d accounts, want 2", n)
	}
	u := env.reload(env.admin.ID)
	if u.Role != models.RoleAdmin || !u.Active || u.DisplayName != env.admin.DisplayName ||
		u.PasswordHash != env.admin.PasswordHash || u.SessionVersion != env.admin.SessionVersion {
		t.Fatalf("the admin account changed: %+v", u)
	}
}

func TestEditorsAreRefusedUsersPages(t *testing.T) {
	env := newTestEnv(t)
	editor := env.signedIn("editor@example.com")
	for _, p := range []string{"/admin/users", userPathOf(env.admin.ID), userPathOf(env.editor.ID)} {
		resp := editor.get(p)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, `data-testid="error-page"`) {
			t.Errorf("editor GET %s: %d, want a 403 page", p, resp.StatusCode)
		}
	}
	editor.get("/admin/account") // a page whose form carries the CSRF token
	for _, w := range userWrites(env) {
		resp := editor.post(w.path, w.form)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, `data-testid="error-page"`) {
			t.Errorf("editor POST %s: %d, want a 403 page", w.path, resp.StatusCode)
		}
		env.assertUnchanged(t)
	}
}

func TestUsersPagesRequireCSRFToken(t *testing.T) {
	env := newTestEnv(t)
	admin := env.signedIn("admin@example.com")
	admin.get("/admin/users")
	for _, w := range userWrites(env) {
		resp := admin.postRaw(w.path, w.form, http.Header{"Origin": {env.server.URL}})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, `data-testid="error-page"`) {
			t.Errorf("POST %s without a token: %d, want a 403 page", w.path, resp.StatusCode)
		}
		env.assertUnchanged(t)
	}
}
