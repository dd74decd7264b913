package admin

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// TestMain migrates one template database per PostgreSQL server that
// every test's database is copied from (see testdb.Main); on SQLite each
// test migrates its own file, which takes milliseconds.
func TestMain(m *testing.M) {
	testdb.Main(m, func(url string) error {
		s, err := models.Open(context.Background(), models.Options{Database: url, Locales: locale.MustParse("tg,fa")})
		if err != nil {
			return err
		}
		return s.Close()
	})
}

// testPassword is every test account's password.
const testPassword = "correct horse battery"

// testEnv is the admin over a fresh database served by a real HTTP server
// on loopback, with an admin and an editor account.
type testEnv struct {
	t     *testing.T
	store *models.Store
	// database is the store's URL: a SQLite file normally, a PostgreSQL
	// database of its own when PAYVAND_TEST_POSTGRES names a server.
	database string
	server   *httptest.Server
	admin    *models.User
	editor   *models.User
	// ui is the admin under test, for what only it knows (its
	// background imports).
	ui *Admin
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	return newTestEnvWith(t, Options{})
}

func newTestEnvWith(t *testing.T, opts Options) *testEnv {
	t.Helper()
	database := testdb.URL(t)
	store, err := models.Open(context.Background(), models.Options{Database: database, Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	opts.Store = store
	opts.Logger = slog.New(slog.DiscardHandler)
	if opts.ImportDir == "" {
		opts.ImportDir = t.TempDir()
	}
	a, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close) // before the store closes
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	a.Register(r)
	r.NoRoute(a.NoRoute)
	env := &testEnv{t: t, store: store, database: database, server: httptest.NewServer(r), ui: a}
	t.Cleanup(env.server.Close)
	env.admin = env.mustUser("admin@example.com", models.RoleAdmin)
	env.editor = env.mustUser("editor@example.com", models.RoleEditor)
	return env
}

func (env *testEnv) mustUser(email string, role models.Role) *models.User {
	env.t.Helper()
	u, err := env.store.CreateUser(context.Background(), models.UserInput{Email: email, Role: role, Password: testPassword})
	if err != nil {
		env.t.Fatal(err)
	}
	return u
}

// client is a browser-like visitor: it keeps cookies, does not follow
// redirects, and remembers the last CSRF token a page gave it.
type client struct {
	env  *testEnv
	http *http.Client
	csrf string
}

func (env *testEnv) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{env: env, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}}
}

// signedIn returns a client signed in as the user with email.
func (env *testEnv) signedIn(email string) *client {
	env.t.Helper()
	c := env.client()
	resp := c.post("/admin/login", url.Values{"email": {email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		env.t.Fatalf("sign in as %s: %d %s", email, resp.StatusCode, resp.Body)
	}
	c.get("/admin/account") // signing in rotates the CSRF token: pick up the new one
	return c
}

// response is a read HTTP response.
type response struct {
	StatusCode int
	Header     http.Header
	Body       string
}

var csrfPattern = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func (c *client) do(req *http.Request) response {
	c.env.t.Helper()
	resp, err := c.try(req)
	if err != nil {
		c.env.t.Fatal(err)
	}
	return resp
}

// try is do for a goroutine other than the test's own: it returns the
// error rather than failing the test, which only the test's goroutine may.
func (c *client) try(req *http.Request) (response, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	if m := csrfPattern.FindSubmatch(body); m != nil {
		c.csrf = string(m[1])
	}
	return response{StatusCode: resp.StatusCode, Header: resp.Header, Body: string(body)}, nil
}

func (c *client) get(path string) response {
	c.env.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.env.server.URL+path, nil)
	return c.do(req)
}

// post sends a form as the admin's own pages do: same origin, with the CSRF
// token (fetched from the sign-in page first when the client has none).
func (c *client) post(path string, form url.Values) response {
	c.env.t.Helper()
	if c.csrf == "" {
		c.get("/admin/login")
	}
	if form == nil {
		form = url.Values{}
	}
	if !form.Has("csrf_token") {
		form.Set("csrf_token", c.csrf)
	}
	return c.postRaw(path, form, http.Header{"Origin": {c.env.server.URL}})
}

// postRaw sends a form exactly as given, with the given headers.
func (c *client) postRaw(path string, form url.Values, header http.Header) response {
	c.env.t.Helper()
	return c.do(c.formRequest(path, form, header))
}

// formRequest is a POST of form to path with the given headers.
func (c *client) formRequest(path string, form url.Values, header http.Header) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, c.env.server.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	return req
}

// userUpdateOf is u's current settings with the active flag set.
func userUpdateOf(u *models.User, active bool) models.UserUpdate {
	return models.UserUpdate{DisplayName: u.DisplayName, Role: u.Role, Active: active}
}
