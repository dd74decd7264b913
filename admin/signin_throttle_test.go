package admin

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

// signInFrom posts the sign-in form from a client address (the test router
// trusts X-Forwarded-For, as a server behind a proxy does).
func (c *client) signInFrom(address, email, pw string) response {
	c.env.t.Helper()
	if c.csrf == "" {
		c.get("/admin/login")
	}
	form := url.Values{"email": {email}, "password": {pw}, "csrf_token": {c.csrf}}
	return c.postRaw("/admin/login", form, http.Header{"Origin": {c.env.server.URL}, "X-Forwarded-For": {address}})
}

// knownDevice returns a client whose browser has signed in as email before
// (and signed out since), so it holds that account's known-device cookie.
func (env *testEnv) knownDevice(email string) *client {
	env.t.Helper()
	c := env.client()
	if resp := c.signInFrom("192.0.2.200", email, testPassword); resp.StatusCode != http.StatusSeeOther {
		env.t.Fatalf("first sign-in as %s: %d", email, resp.StatusCode)
	}
	c.get("/admin/account")
	if resp := c.post("/admin/logout", nil); resp.StatusCode != http.StatusSeeOther {
		env.t.Fatalf("sign out: %d", resp.StatusCode)
	}
	c.csrf = "" // the signed-out session's token is gone with it
	return c
}

// TestAttackerCannotLockTheAdminOut is the attack with the default
// rule: many wrong passwords for the well-known admin email, from one
// address, must not keep the admin out from another address, nor from a
// browser the admin signed in with before, even one behind the attacker's
// address (a shared office connection).
func TestAttackerCannotLockTheAdminOut(t *testing.T) {
	for _, failures := range []int{5, 50} {
		t.Run(strconv.Itoa(failures), func(t *testing.T) {
			env := newTestEnv(t)
			known := env.knownDevice("admin@example.com")
			attacker := env.client()
			for range failures {
				attacker.signInFrom("203.0.113.9", "admin@example.com", "wrong guess 123")
			}
			if resp := attacker.signInFrom("203.0.113.9", "admin@example.com", testPassword); resp.StatusCode != http.StatusTooManyRequests {
				t.Errorf("the attacker's address after %d failures: %d, want 429", failures, resp.StatusCode)
			}
			if resp := env.client().signInFrom("198.51.100.7", "admin@example.com", testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("the admin from another address after %d failures elsewhere: %d, want signed in", failures, resp.StatusCode)
			}
			if resp := known.signInFrom("203.0.113.9", "admin@example.com", testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("the admin's known browser at the attacker's address after %d failures: %d, want signed in", failures, resp.StatusCode)
			}
		})
	}
}

// TestSignInThrottlingRule walks the rule with small limits: each case
// makes failures, then checks whether a right password passes.
func TestSignInThrottlingRule(t *testing.T) {
	limits := LoginLimits{
		Pair:    Limit{Tries: 3, Window: time.Hour},
		Address: Limit{Tries: 6, Window: time.Hour},
		Account: Limit{Tries: 9, Window: time.Hour},
		Device:  Limit{Tries: 2, Window: time.Hour},
	}
	type failure struct {
		address, email string
		times          int
	}
	spread := func(n int) []failure { // three failures each from n addresses
		var out []failure
		for i := range n {
			out = append(out, failure{fmt.Sprintf("203.0.113.%d", i+1), "admin@example.com", 3})
		}
		return out
	}
	tests := []struct {
		name     string
		failures []failure
		known    bool // the right password comes from the admin's known device
		address  string
		email    string
		want     int
	}{
		{"same account and address is slowed", []failure{{"203.0.113.1", "admin@example.com", 3}}, false, "203.0.113.1", "admin@example.com", http.StatusTooManyRequests},
		{"another address is not", []failure{{"203.0.113.1", "admin@example.com", 3}}, false, "198.51.100.7", "admin@example.com", http.StatusSeeOther},
		{"another account from the address is not", []failure{{"203.0.113.1", "admin@example.com", 3}}, false, "203.0.113.1", "editor@example.com", http.StatusSeeOther},
		{"spraying from one address is stopped", []failure{{"203.0.113.1", "a@example.com", 3}, {"203.0.113.1", "b@example.com", 3}}, false, "203.0.113.1", "editor@example.com", http.StatusTooManyRequests},
		{"spraying does not stop other addresses", []failure{{"203.0.113.1", "a@example.com", 3}, {"203.0.113.1", "b@example.com", 3}}, false, "198.51.100.7", "editor@example.com", http.StatusSeeOther},
		{"guessing from many addresses meets the account ceiling", spread(3), false, "198.51.100.7", "admin@example.com", http.StatusTooManyRequests},
		{"a known device passes the account ceiling", spread(3), true, "198.51.100.7", "admin@example.com", http.StatusSeeOther},
		{"a known device passes its address's limits", []failure{{"203.0.113.1", "admin@example.com", 3}, {"203.0.113.1", "b@example.com", 3}}, true, "203.0.113.1", "admin@example.com", http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnvWith(t, Options{Limits: limits})
			c := env.client()
			if tt.known {
				c = env.knownDevice("admin@example.com")
			}
			attacker := env.client()
			for _, f := range tt.failures {
				for range f.times {
					if resp := attacker.signInFrom(f.address, f.email, "wrong guess 123"); resp.StatusCode != http.StatusUnauthorized {
						t.Fatalf("failure from %s for %s: %d, want 401", f.address, f.email, resp.StatusCode)
					}
				}
			}
			if resp := c.signInFrom(tt.address, tt.email, testPassword); resp.StatusCode != tt.want {
				t.Errorf("right password from %s for %s: %d, want %d", tt.address, tt.email, resp.StatusCode, tt.want)
			}
		})
	}
}

// TestKnownDeviceIsThrottledOnItsOwn: a known device's wrong passwords
// still meet a limit, and the cookie counts only for its own account.
func TestKnownDeviceIsThrottledOnItsOwn(t *testing.T) {
	env := newTestEnvWith(t, Options{Limits: LoginLimits{Pair: Limit{Tries: 5, Window: time.Hour}, Device: Limit{Tries: 2, Window: time.Hour}}})
	c := env.knownDevice("admin@example.com")
	for range 2 {
		c.signInFrom("203.0.113.1", "admin@example.com", "wrong guess 123")
	}
	if resp := c.signInFrom("203.0.113.1", "admin@example.com", testPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("known device after its 2 failures: %d, want 429", resp.StatusCode)
	}
	// The admin's cookie is no pass for the editor's account: that is
	// counted per address as for any browser.
	for range 5 {
		c.signInFrom("203.0.113.1", "editor@example.com", "wrong guess 123")
	}
	if resp := c.signInFrom("203.0.113.1", "editor@example.com", testPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("another account from the known device after 5 failures: %d, want 429", resp.StatusCode)
	}
}

// TestKnownDeviceCookie checks the cookie a sign-in sets and that a
// password reset (which bumps the session version) makes it worthless.
func TestKnownDeviceCookie(t *testing.T) {
	env := newTestEnvWith(t, Options{Limits: LoginLimits{Pair: Limit{Tries: 1, Window: time.Hour}, Address: Limit{Tries: 1, Window: time.Hour}}})
	c := env.client()
	resp := c.signInFrom("192.0.2.1", "editor@example.com", testPassword)
	var device *http.Cookie
	for _, ck := range (&http.Response{Header: resp.Header}).Cookies() {
		if ck.Name == "payvand_device" {
			device = ck
		}
	}
	if device == nil || !device.HttpOnly || device.Path != "/admin" || device.MaxAge < 300*24*3600 || device.SameSite != http.SameSiteLaxMode {
		t.Fatalf("known-device cookie %+v: want HttpOnly, Path /admin, Lax, lasting about a year", device)
	}
	c.get("/admin/account")
	c.post("/admin/logout", nil)
	c.csrf = ""
	tampered := env.client()
	u, _ := url.Parse(env.server.URL + "/admin/")
	forged := *device
	last := "A"
	if strings.HasSuffix(device.Value, last) {
		last = "B"
	}
	forged.Value = device.Value[:len(device.Value)-1] + last
	tampered.http.Jar.SetCookies(u, []*http.Cookie{&forged})
	tampered.signInFrom("203.0.113.1", "editor@example.com", "wrong guess 123")
	if resp := tampered.signInFrom("203.0.113.1", "editor@example.com", testPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a tampered cookie passed as a known device: %d, want 429", resp.StatusCode)
	}
	if err := env.store.SetPassword(t.Context(), env.editor.ID, testPassword); err != nil {
		t.Fatal(err)
	}
	c.signInFrom("203.0.113.2", "editor@example.com", "wrong guess 123")
	if resp := c.signInFrom("203.0.113.2", "editor@example.com", testPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a cookie from before the password reset still passes: %d, want 429", resp.StatusCode)
	}
}

// TestThrottleCountersAreShared runs two admins over one database, as two
// instances would: failures through one count on the other.
func TestThrottleCountersAreShared(t *testing.T) {
	env := newTestEnv(t)
	second, err := New(Options{Store: env.store})
	if err != nil {
		t.Fatal(err)
	}
	r := gin.New()
	second.Register(r)
	other := *env
	other.server = httptest.NewServer(r)
	t.Cleanup(other.server.Close)
	for range 5 {
		env.client().signInFrom("203.0.113.9", "admin@example.com", "wrong guess 123")
	}
	if resp := other.client().signInFrom("203.0.113.9", "admin@example.com", testPassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the other instance after 5 failures on the first: %d, want 429", resp.StatusCode)
	} else if wait, _ := strconv.Atoi(resp.Header.Get("Retry-After")); wait <= 0 || wait > 15*60 {
		t.Errorf("Retry-After %q, want the seconds left of the 15 minute window", resp.Header.Get("Retry-After"))
	}
}

// TestOwnPasswordChangeKeepsTheBrowserKnown: changing one's own password
// bumps the session version, which would orphan the known-device cookie;
// the page gives the browser a fresh one.
func TestOwnPasswordChangeKeepsTheBrowserKnown(t *testing.T) {
	env := newTestEnvWith(t, Options{Limits: LoginLimits{Pair: Limit{Tries: 1, Window: time.Hour}}})
	c := env.client()
	c.signInFrom("203.0.113.1", "editor@example.com", testPassword)
	c.get("/admin/account")
	const newPassword = "پسورد بلند فارسی با فاصله"
	resp := c.post("/admin/account/password", url.Values{"current_password": {testPassword}, "new_password": {newPassword}, "confirm_password": {newPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password: %d", resp.StatusCode)
	}
	c.get("/admin/account")
	c.post("/admin/logout", nil)
	c.csrf = ""
	env.client().signInFrom("203.0.113.1", "editor@example.com", "wrong guess 123")
	if resp := c.signInFrom("203.0.113.1", "editor@example.com", newPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the browser that changed the password, after a failure from its address: %d, want signed in", resp.StatusCode)
	}
}

// TestParallelWrongPasswordsMeetTheLimit sends wrong passwords at once
// through the router: the handler reserves each try before the (slow)
// password check, so exactly the limit is checked and the rest get 429.
func TestParallelWrongPasswordsMeetTheLimit(t *testing.T) {
	env := newTestEnvWith(t, Options{Limits: LoginLimits{Pair: Limit{Tries: 3, Window: time.Hour}}})
	c := env.client()
	c.get("/admin/login")
	statuses := make(chan int, 20)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			form := url.Values{"email": {"admin@example.com"}, "password": {"wrong guess 123"}, "csrf_token": {c.csrf}}
			req, _ := http.NewRequest(http.MethodPost, env.server.URL+"/admin/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", env.server.URL)
			req.Header.Set("X-Forwarded-For", "203.0.113.9")
			resp, err := c.http.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	counts := map[int]int{}
	for s := range statuses {
		counts[s]++
	}
	if counts[http.StatusUnauthorized] != 3 || counts[http.StatusTooManyRequests] != 17 {
		t.Fatalf("statuses %v, want 3 × 401 and 17 × 429", counts)
	}
}
