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
	return create(t, server)
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
	return create(t, server)
}

// create makes a database with a random name on server and returns its
// URL; t.Cleanup drops it, closing any connection a test left open.
func create(t testing.TB, server string) string {
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
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg + " (set " + EnvPostgres + " to a server, or start one)")
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "payvand_test_" + hex.EncodeToString(b[:])
	// The name is ours (hex), never input: quoting it is enough.
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+name+`" ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		t.Fatalf("testdb: create database: %v", err)
	}
	t.Cleanup(func() { drop(t, server, name) })
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// drop removes a test database; WITH (FORCE) ends the connections a
// failed test may have left open.
func drop(t testing.TB, server, name string) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Errorf("testdb: %v", err)
		return
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
		t.Errorf("testdb: drop database %s: %v", name, err)
	}
}

// redact keeps a password out of test output.
func redact(server string) string {
	u, err := url.Parse(server)
	if err != nil {
		return "the server named"
	}
	return u.Redacted()
}
