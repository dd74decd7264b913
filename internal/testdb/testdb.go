// Package testdb gives tests a database of their own: a SQLite file in the
// test's temporary folder, or, when PAYVAND_TEST_POSTGRES names a
// PostgreSQL server, a fresh database on it that is dropped when the test
// ends. It must not import models: models' own tests use it.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// EnvPostgres names the variable that selects PostgreSQL for URL.
const EnvPostgres = "PAYVAND_TEST_POSTGRES"

// DefaultPostgres is the server Postgres uses when EnvPostgres is empty:
// the one every Payvand machine and CI run starts.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// URL returns a database URL for one test: "sqlite:" and a file in
// t.TempDir() normally, or a fresh PostgreSQL database on the server
// EnvPostgres names, dropped in t.Cleanup.
func URL(t testing.TB) string {
	t.Helper()
	server := os.Getenv(EnvPostgres)
	if server == "" {
		return "sqlite:" + filepath.Join(t.TempDir(), "payvand.db")
	}
	return create(t, server, false, "")
}

// UsingPostgres says whether URL hands out PostgreSQL databases.
func UsingPostgres() bool { return os.Getenv(EnvPostgres) != "" }

// Postgres returns a fresh PostgreSQL database whatever EnvPostgres says,
// for tests that compare engines: on the server EnvPostgres names, or on
// DefaultPostgres. When the server does not answer the test is skipped,
// except under CI=true, where it fails.
func Postgres(t testing.TB) string {
	t.Helper()
	server := os.Getenv(EnvPostgres)
	if server == "" {
		server = DefaultPostgres
	}
	return create(t, server, true, "")
}

// PostgresCollated is Postgres with a database whose default collation
// is the ICU locale given (such as "en-US-u-ka-shifted", which ignores
// hyphens as glibc's en_US does), as a hosted server's databases often
// are, so a test can check that no answer's order depends on it. Its
// database is migrated from empty: a copy of the prepared template could
// not change collation.
func PostgresCollated(t testing.TB, icuLocale string) string {
	t.Helper()
	server := os.Getenv(EnvPostgres)
	if server == "" {
		server = DefaultPostgres
	}
	return create(t, server, true, icuLocale)
}

// Main runs a test package's tests (call it from TestMain) with a
// template database per PostgreSQL server: the first test that asks for a
// database there gets a fresh one that prepare (typically: open a store,
// which migrates it, and close it) makes ready, and every later database
// is a copy of it (CREATE DATABASE … TEMPLATE), several times faster than
// migrating each. The templates are dropped when the tests end.
func Main(m *testing.M, prepare func(url string) error) {
	templates.prepare = prepare
	code := m.Run()
	templates.mu.Lock()
	for server, name := range templates.names {
		if err := dropDatabase(server, name); err != nil {
			fmt.Fprintln(os.Stderr, "testdb:", err)
		}
	}
	templates.mu.Unlock()
	os.Exit(code)
}

// templates are the prepared databases Main keeps, by server.
var templates struct {
	prepare func(url string) error
	mu      sync.Mutex
	names   map[string]string
	failed  map[string]error
}

// template returns the name of server's prepared template, making it on
// first use; "" without Main, when every database starts empty.
func template(server string) (string, error) {
	if templates.prepare == nil {
		return "", nil
	}
	templates.mu.Lock()
	defer templates.mu.Unlock()
	if name, ok := templates.names[server]; ok {
		return name, nil
	}
	if err := templates.failed[server]; err != nil {
		return "", err
	}
	name, err := createDatabase(server, "template0", "")
	if err == nil {
		err = templates.prepare(urlOf(server, name))
		if err != nil {
			err = fmt.Errorf("prepare template database: %w", err)
			_ = dropDatabase(server, name)
		}
	}
	if err != nil {
		if templates.failed == nil {
			templates.failed = map[string]error{}
		}
		templates.failed[server] = err
		return "", err
	}
	if templates.names == nil {
		templates.names = map[string]string{}
	}
	templates.names[server] = name
	return name, nil
}

// create makes a database with a random name on server and returns its
// URL; t.Cleanup drops it, closing any connection a test left open. A
// server that does not answer fails the test, or, with optional set and
// CI not true, skips it.
func create(t testing.TB, server string, optional bool, icuLocale string) string {
	t.Helper()
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("testdb: %s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		msg := fmt.Sprintf("testdb: PostgreSQL at %s does not answer: %v", redact(server), err)
		if !optional || os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg + " (set " + EnvPostgres + " to a server, or start one)")
	}
	tmpl := ""
	if icuLocale == "" {
		if tmpl, err = template(server); err != nil {
			t.Fatalf("testdb: %v", err)
		}
	}
	if tmpl == "" {
		tmpl = "template0"
	}
	name, err := createDatabase(server, tmpl, icuLocale)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(func() {
		if err := dropDatabase(server, name); err != nil {
			t.Errorf("testdb: %v", err)
		}
	})
	return urlOf(server, name)
}

// createDatabase makes an empty database with a random name on server, a
// copy of tmpl collating by icuLocale ("" for tmpl's collation), and
// returns its name.
func createDatabase(server, tmpl, icuLocale string) (string, error) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	name := "payvand_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Both names are ours (hex or template0), never input: quoting them
	// is enough.
	create := `CREATE DATABASE "` + name + `" ENCODING 'UTF8' TEMPLATE "` + tmpl + `"`
	if icuLocale != "" {
		// A BCP 47 tag: letters, digits and hyphens, safe to quote.
		if strings.Trim(icuLocale, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			return "", fmt.Errorf("ICU locale %q: not a BCP 47 tag", icuLocale)
		}
		create += ` LOCALE_PROVIDER icu ICU_LOCALE '` + icuLocale + `'`
	}
	if _, err := admin.ExecContext(ctx, create); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	return name, nil
}

// dropDatabase removes a test database; WITH (FORCE) ends the connections
// a failed test may have left open.
func dropDatabase(server, name string) error {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return err
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// urlOf is server's URL naming database name instead.
func urlOf(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		return server // pgx parsed it before; cannot happen
	}
	u.Path = "/" + name
	return u.String()
}

// redact keeps a password out of test output.
func redact(server string) string {
	u, err := url.Parse(server)
	if err != nil {
		return "the server named"
	}
	return u.Redacted()
}
