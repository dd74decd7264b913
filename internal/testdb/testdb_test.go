package testdb

import (
	"database/sql"
	"net/url"
	"strings"
	"testing"
)

func TestURLIsSQLiteWithoutAServer(t *testing.T) {
	t.Setenv(EnvPostgres, "")
	got := URL(t)
	if !strings.HasPrefix(got, "sqlite:") || !strings.HasSuffix(got, "payvand.db") {
		t.Fatalf("URL = %q, want sqlite: and a file in the test's folder", got)
	}
}

// TestPostgresDatabaseIsOwnAndDropped: each call gets a database of its
// own, which exists during the test and is gone after it.
func TestPostgresDatabaseIsOwnAndDropped(t *testing.T) {
	var first, second string
	t.Run("inner", func(t *testing.T) {
		first, second = Postgres(t), Postgres(t)
		if first == second {
			t.Fatalf("two calls gave the same database %s", first)
		}
		db, err := sql.Open("pgx", first)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("CREATE TABLE t (x INT)"); err != nil {
			t.Fatalf("the new database does not take a table: %v", err)
		}
	})
	if first == "" {
		t.Skip("no PostgreSQL")
	}
	u, err := url.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	u.Path = "/postgres"
	admin, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var n int
	if err := admin.QueryRow("SELECT COUNT(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("database %s still exists after its test", name)
	}
}

// TestPostgresCollatedSortsByItsLocale: the database's own ORDER BY
// follows the ICU locale given (hyphens ignored), not code points.
func TestPostgresCollatedSortsByItsLocale(t *testing.T) {
	db, err := sql.Open("pgx", PostgresCollated(t, "en-US-u-ka-shifted"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got string
	err = db.QueryRow(`SELECT string_agg(x, ' ' ORDER BY x) FROM (VALUES ('a-c'), ('ab'), ('Ab')) AS v(x)`).Scan(&got)
	if err != nil {
		t.Fatal(err)
	}
	if got != "ab Ab a-c" {
		t.Fatalf("ordered %q, want ab Ab a-c (a code point order gives Ab a-c ab)", got)
	}
}
