package admin

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// writeWatch sees every commit to the test database by any connection.
// On SQLite it reads PRAGMA data_version, which changes for a connection
// whenever another one has committed since it last looked. PostgreSQL has
// no such counter for one database (transaction ids are the whole
// server's, and its statistics arrive late), so there every table gets a
// trigger that counts the rows written, counted only when they commit.
type writeWatch struct {
	t      *testing.T
	conn   *sql.Conn
	engine models.Engine
	last   int64
}

func (env *testEnv) watchWrites(t *testing.T) *writeWatch {
	t.Helper()
	db, engine := env.rawDB(t, true)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	w := &writeWatch{t: t, conn: conn, engine: engine}
	if engine == models.Postgres {
		w.countWritesPostgres()
	}
	w.last = w.version()
	return w
}

// countWritesPostgres adds the counting triggers to every table the
// migrations made.
func (w *writeWatch) countWritesPostgres() {
	w.t.Helper()
	ctx := context.Background()
	for _, stmt := range []string{
		`CREATE TABLE test_writes (n bigint NOT NULL)`,
		`INSERT INTO test_writes VALUES (0)`,
		`CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN UPDATE test_writes SET n = n + 1; RETURN NULL; END $$`,
		`DO $$ DECLARE t text; BEGIN
			FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'test_writes' LOOP
				EXECUTE format('CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION test_count_write()', t);
			END LOOP;
		END $$`,
	} {
		if _, err := w.conn.ExecContext(ctx, stmt); err != nil {
			w.t.Fatal(err)
		}
	}
}

func (w *writeWatch) version() int64 {
	if w.engine == models.Postgres {
		return w.scalar("SELECT n FROM test_writes")
	}
	return w.scalar("PRAGMA data_version")
}

func (w *writeWatch) sessionRows() int64 { return w.scalar("SELECT count(*) FROM sessions") }

func (w *writeWatch) scalar(query string) int64 {
	w.t.Helper()
	var v int64
	if err := w.conn.QueryRowContext(context.Background(), query).Scan(&v); err != nil {
		w.t.Fatal(err)
	}
	return v
}

// written reports whether anything was committed since the last call.
func (w *writeWatch) written() bool {
	w.t.Helper()
	v := w.version()
	changed := v != w.last
	w.last = v
	return changed
}

// TestAnonymousVisitorsWriteNothing sends every kind of request a visitor
// who has not signed in can make, many times, and finds the database
// untouched: no session row and no other write. Signing in then writes
// the one session row, which shows the watch sees writes.
func TestAnonymousVisitorsWriteNothing(t *testing.T) {
	env := newTestEnv(t)
	watch := env.watchWrites(t)
	visitor := env.client()
	visitor.get("/admin/login")
	// An unknown account, tried fewer times than the sign-in throttle allows
	// one address, so the sign-in at the end still goes through.
	wrongPassword := url.Values{"email": {"nobody@example.com"}, "password": {"not the password"}}
	tests := []struct {
		name string
		send func(c *client) response
		want []int
	}{
		{"sign-in page, first visit", func(c *client) response { return c.get("/admin/login?next=%2Fadmin%2Fmedia") }, []int{http.StatusOK}},
		{"sign-in page, again", func(*client) response { return visitor.get("/admin/login?lang=fa") }, []int{http.StatusOK}},
		{"failed sign-in", func(*client) response { return visitor.post("/admin/login", wrongPassword) }, []int{http.StatusUnauthorized, http.StatusTooManyRequests}},
		{"sign-in without a token", func(c *client) response {
			return c.postRaw("/admin/login", wrongPassword, http.Header{"Origin": {env.server.URL}})
		}, []int{http.StatusForbidden}},
		{"unknown admin page", func(c *client) response { return c.get("/admin/no-such-page") }, []int{http.StatusNotFound}},
		{"redirect to sign in", func(c *client) response { return c.get("/admin/account") }, []int{http.StatusSeeOther}},
		{"admin home", func(c *client) response { return c.get("/admin") }, []int{http.StatusSeeOther}},
		{"sign out", func(*client) response { return visitor.post("/admin/logout", nil) }, []int{http.StatusForbidden}},
		{"upload", func(*client) response { return visitor.upload(upload{name: "a.jpg", data: []byte("not a picture")}) }, []int{http.StatusForbidden}},
		{"unknown session cookie", func(c *client) response {
			u, _ := url.Parse(env.server.URL + "/admin/")
			c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "payvand_session", Value: "no-such-session", Path: "/admin"}})
			return c.get("/admin/login")
		}, []int{http.StatusOK}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 10 {
				if resp := tt.send(env.client()); !slices.Contains(tt.want, resp.StatusCode) {
					t.Fatalf("status %d, want one of %v", resp.StatusCode, tt.want)
				}
			}
			// A failed sign-in may write the throttle's counters, which live
			// in the database so instances share them; never a session row.
			if watch.written() && tt.name != "failed sign-in" {
				t.Errorf("the database was written to")
			}
			if n := watch.sessionRows(); n != 0 {
				t.Errorf("%d session rows", n)
			}
		})
	}
	resp := visitor.post("/admin/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", resp.StatusCode)
	}
	if n := watch.sessionRows(); !watch.written() || n != 1 {
		t.Fatalf("after sign-in: %d session rows, want 1", n)
	}
}

// TestSignInFormCSRFWithoutSession checks the visitor's signed cookie: the
// sign-in page sets it, not a session, with the right attributes, and a
// sign-in is accepted only with the cookie's own token beside a cookie
// this site signed.
func TestSignInFormCSRFWithoutSession(t *testing.T) {
	env := newTestEnvWith(t, Options{PublicURL: "https://news.example.org"})
	resp := env.client().get("/admin/login")
	cookies := resp.Header.Values("Set-Cookie")
	if len(cookies) != 1 || !strings.HasPrefix(cookies[0], csrfCookieName+"=") {
		t.Fatalf("sign-in page sets %q, want only the CSRF cookie", cookies)
	}
	for _, attr := range []string{"HttpOnly", "SameSite=Lax", "Secure", "Path=/admin"} {
		if !strings.Contains(cookies[0], attr) {
			t.Errorf("CSRF cookie %q lacks %s", cookies[0], attr)
		}
	}

	env = newTestEnv(t)
	other := env.client()
	other.get("/admin/login")
	forged := strings.SplitN(other.csrf, ".", 2)[0] + ".AAAA"
	signIn := url.Values{"email": {"admin@example.com"}, "password": {testPassword}}
	tests := []struct {
		name         string
		cookie, form string // "" sends none; "own" is what the page gave
		want         int
	}{
		{"own cookie and token", "own", "own", http.StatusSeeOther},
		{"token without the cookie", "", "own", http.StatusForbidden},
		{"cookie without the token", "own", "", http.StatusForbidden},
		{"another visitor's token", "own", other.csrf, http.StatusForbidden},
		{"forged cookie and token", forged, forged, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := env.client()
			c.get("/admin/login")
			pick := func(v string) string {
				if v == "own" {
					return c.csrf
				}
				return v
			}
			u, _ := url.Parse(env.server.URL + "/admin/")
			c.http.Jar.SetCookies(u, []*http.Cookie{{Name: csrfCookieName, Value: pick(tt.cookie), Path: "/admin", MaxAge: -1}})
			if tt.cookie != "" {
				c.http.Jar.SetCookies(u, []*http.Cookie{{Name: csrfCookieName, Value: pick(tt.cookie), Path: "/admin"}})
			}
			form := url.Values{"csrf_token": {pick(tt.form)}}
			for k, v := range signIn {
				form[k] = v
			}
			if resp := c.postRaw("/admin/login", form, http.Header{"Origin": {env.server.URL}}); resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}
