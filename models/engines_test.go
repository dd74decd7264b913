package models

import (
	"path/filepath"
	"testing"

	"github.com/payvand/payvand/internal/testdb"
)

// engines are the two databases a store runs on, each opening a fresh
// store for one test: SQLite in t.TempDir() whatever PAYVAND_TEST_POSTGRES
// says, and a fresh PostgreSQL database (testdb.Postgres: skipped without
// a server, failed under CI=true).
var engines = []struct {
	name string
	url  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "payvand.db") }},
	{"postgres", func(t *testing.T) string { return testdb.Postgres(t) }},
}

// onEachEngine runs test once per engine, as subtests named after the
// engine, each on a fresh store, so one table of cases proves both.
func onEachEngine(t *testing.T, test func(t *testing.T, s *Store, c *clock)) {
	t.Helper()
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			s, c := newTestStoreOn(t, e.url(t))
			test(t, s, c)
		})
	}
}
