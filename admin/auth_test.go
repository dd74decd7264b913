package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestLoginAndLogout(t *testing.T) {
	env := newTestEnv(t)
	c := env.client()
	if resp := c.get("/admin/account"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login?next=%2Fadmin%2Faccount" {
		t.Fatalf("anonymous account page: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp := c.post("/admin/login", url.Values{"email": {"ADMIN@example.com "}, "password": {testPassword}, "next": {"/admin/account"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/account" {
		t.Fatalf("sign in: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, attr := range []string{"payvand_session=", "HttpOnly", "SameSite=Lax", "Path=/admin"} {
		if !strings.Contains(cookie, attr) {
			t.Errorf("session cookie %q lacks %s", cookie, attr)
		}
	}
	if resp := c.get("/admin/account"); resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, "admin@example.com") {
		t.Fatalf("account page after sign in: %d", resp.StatusCode)
	}
	if resp := c.post("/admin/logout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %d", resp.StatusCode)
	}
	if resp := c.get("/admin/account"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("account page after sign out: %d, want a redirect to sign in", resp.StatusCode)
	}
}

func TestSessionTokenRenewedAtLogin(t *testing.T) {
	env := newTestEnv(t)
	c := env.client()
	c.get("/admin/login")
	if before := sessionCookie(c, env); before != "" {
		t.Fatalf("the sign-in page set a session cookie %q: a visitor needs none", before)
	}
	// A session id planted before sign-in is never the one signed in.
	const planted = "planted-by-someone-else"
	u, _ := url.Parse(env.server.URL + "/admin/")
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "payvand_session", Value: planted, Path: "/admin"}})
	c.post("/admin/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	if after := sessionCookie(c, env); after == "" || after == planted {
		t.Fatalf("session token after sign-in %q: want a new one", after)
	}
}

func sessionCookie(c *client, env *testEnv) string {
	u, _ := url.Parse(env.server.URL + "/admin/")
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "payvand_session" {
			return ck.Value
		}
	}
	return ""
}

func TestFailedLoginsLookAlike(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	if _, err := env.store.UpdateUser(ctx, env.editor.ID, userUpdateOf(env.editor, false)); err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, email := range []string{"admin@example.com", "nobody@example.com", "editor@example.com"} {
		password := "wrong password"
		if email == "editor@example.com" {
			password = testPassword // right password, deactivated account
		}
		resp := env.client().post("/admin/login", url.Values{"email": {email}, "password": {password}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("%s: %d, want 401", email, resp.StatusCode)
		}
		msg := between(resp.Body, `data-testid="login-error">`, "<")
		if msg == "" {
			t.Fatalf("%s: no error message", email)
		}
		bodies = append(bodies, msg)
	}
	if bodies[0] != bodies[1] || bodies[1] != bodies[2] {
		t.Fatalf("failed sign-ins say different things: %q", bodies)
	}
}

func TestLoginRateLimit(t *testing.T) {
	env := newTestEnvWith(t, Options{Limits: LoginLimits{Pair: Limit{Tries: 3, Window: time.Hour}}})
	c := env.client()
	for i := range 3 {
		if resp := c.post("/admin/login", url.Values{"email": {"admin@example.com"}, "password": {"nope nope"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, resp.StatusCode)
		}
	}
	// Even the right password is refused from this address and browser
	// while the pair is throttled.
	resp := c.post("/admin/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	if wait, _ := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(resp.Body, "60") || wait <= 0 || wait > 3600 {
		t.Fatalf("after 3 failures: %d Retry-After %q, want 429 with the wait in minutes and seconds", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Another account from the same address is not affected.
	if resp := c.post("/admin/login", url.Values{"email": {"editor@example.com"}, "password": {testPassword}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("other account: %d", resp.StatusCode)
	}
}

func TestCSRF(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("admin@example.com")
	c.get("/admin/account")
	tests := []struct {
		name   string
		form   url.Values
		header http.Header
	}{
		{"no token", url.Values{"language": {"fa"}}, http.Header{"Origin": {env.server.URL}}},
		{"wrong token", url.Values{"language": {"fa"}, "csrf_token": {"forged"}}, http.Header{"Origin": {env.server.URL}}},
		{"cross-site origin", url.Values{"language": {"fa"}, "csrf_token": {c.csrf}}, http.Header{"Origin": {"https://evil.example"}}},
		{"cross-site fetch", url.Values{"language": {"fa"}, "csrf_token": {c.csrf}}, http.Header{"Sec-Fetch-Site": {"cross-site"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.postRaw("/admin/account/language", tt.form, tt.header)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, `data-testid="error-page"`) {
				t.Fatalf("%d, want a 403 page", resp.StatusCode)
			}
			u, _ := env.store.FindUser(context.Background(), env.admin.ID)
			if u.UILanguage != "" {
				t.Fatalf("refused request changed the language to %q", u.UILanguage)
			}
		})
	}
	// The htmx header carries the token as well as the form field does.
	resp := c.postRaw("/admin/account/language", url.Values{"language": {"fa"}}, http.Header{"X-CSRF-Token": {c.csrf}, "Origin": {env.server.URL}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("with the header token: %d", resp.StatusCode)
	}
}

func TestOpenRedirectRefused(t *testing.T) {
	tests := map[string]string{
		"/admin/sections":        "/admin/sections",
		"/admin/users?x=1":       "/admin/users?x=1",
		"https://evil.example/":  "/admin",
		"//evil.example/admin":   "/admin",
		"/\\evil.example":        "/admin",
		"/admin/../api/v1":       "/admin",
		"/adminx":                "/admin",
		"javascript:alert(1)":    "/admin",
		"/admin/%2e%2e/evil":     "/admin",
		"http:/admin":            "/admin",
		"/admin\r\nSet-Cookie:x": "/admin",
	}
	env := newTestEnv(t)
	for next, want := range tests {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
		resp := env.client().post("/admin/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}, "next": {next}})
		if loc := resp.Header.Get("Location"); loc != want {
			t.Errorf("sign in with next=%q redirected to %q, want %q", next, loc, want)
		}
	}
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	env := newTestEnv(t)
	here := env.signedIn("editor@example.com")
	elsewhere := env.signedIn("editor@example.com")
	here.get("/admin/account")
	const newPassword = "پسورد بلند فارسی با فاصله"
	resp := here.post("/admin/account/password", url.Values{"current_password": {testPassword}, "new_password": {newPassword}, "confirm_password": {newPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := here.get("/admin/account"); resp.StatusCode != http.StatusOK {
		t.Fatalf("this session after the change: %d, want it kept", resp.StatusCode)
	}
	if resp := elsewhere.get("/admin/account"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("other session after the change: %d, want it ended", resp.StatusCode)
	}
	c := env.client()
	if resp := c.post("/admin/login", url.Values{"email": {"editor@example.com"}, "password": {newPassword}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in with the new Persian password: %d", resp.StatusCode)
	}
}

func TestAccountPasswordErrorsBesideFields(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("editor@example.com")
	c.get("/admin/account")
	tests := []struct {
		form  url.Values
		field string
	}{
		{url.Values{"current_password": {"wrong one"}, "new_password": {"long enough 1"}, "confirm_password": {"long enough 1"}}, "current_password"},
		{url.Values{"current_password": {testPassword}, "new_password": {"short"}, "confirm_password": {"short"}}, "new_password"},
		{url.Values{"current_password": {testPassword}, "new_password": {"long enough 1"}, "confirm_password": {"long enough 2"}}, "confirm_password"},
	}
	for _, tt := range tests {
		resp := c.post("/admin/account/password", tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.Body, `data-testid="error-`+tt.field+`"`) {
			t.Errorf("%s: %d, want 422 with a message beside the field", tt.field, resp.StatusCode)
		}
	}
}

func TestInterfaceLanguage(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("editor@example.com")
	c.get("/admin/account")
	if resp := c.post("/admin/account/language", url.Values{"language": {"fa"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("choose Persian: %d", resp.StatusCode)
	}
	resp := c.get("/admin/account")
	if !strings.Contains(resp.Body, `<html lang="fa" dir="rtl">`) || !strings.Contains(resp.Body, "حساب من") {
		t.Fatalf("account page after choosing Persian is not a right-to-left Persian page:\n%.400s", resp.Body)
	}
	if resp := c.post("/admin/account/language", url.Values{"language": {"xx"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("unknown language: %d, want 422", resp.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	env := newTestEnv(t)
	resp := env.client().get("/admin/login")
	csp := resp.Header.Get("Content-Security-Policy")
	nonce := between(resp.Body, `nonce="`, `"`)
	if nonce == "" || !strings.Contains(csp, "'nonce-"+nonce+"'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-") {
		t.Fatalf("CSP %q with page nonce %q", csp, nonce)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
		t.Fatalf("headers: %v", resp.Header)
	}
	again := env.client().get("/admin/login")
	if between(again.Body, `nonce="`, `"`) == nonce {
		t.Fatal("the nonce did not change between responses")
	}
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	j := strings.Index(s, end)
	if j < 0 {
		return ""
	}
	return s[:j]
}
