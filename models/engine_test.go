package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
)

func TestParseDatabaseURL(t *testing.T) {
	for _, c := range []struct {
		raw, path  string
		engine     Engine
		target     string
		errContain string
	}{
		{raw: "", path: "data/payvand.db", engine: SQLite, target: "data/payvand.db"},
		{raw: "sqlite:/srv/site.db", path: "data/payvand.db", engine: SQLite, target: "/srv/site.db"},
		{raw: "postgres://u@db:5432/site?sslmode=disable", engine: Postgres, target: "postgres://u@db:5432/site?sslmode=disable"},
		{raw: "postgresql://u@db/site", engine: Postgres, target: "postgresql://u@db/site"},
		{raw: "sqlite:", errContain: "sqlite:PATH"},
		{raw: "mysql://u:secret@db/site", errContain: "postgres://"},
		{raw: "", errContain: "sqlite:PATH"},
	} {
		engine, target, err := ParseDatabaseURL(c.raw, c.path)
		if c.errContain != "" {
			if err == nil || !strings.Contains(err.Error(), c.errContain) {
				t.Errorf("ParseDatabaseURL(%q) error = %v, want one naming %q", c.raw, err, c.errContain)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseDatabaseURL(%q) error shows the password: %v", c.raw, err)
			}
			continue
		}
		if err != nil || engine != c.engine || target != c.target {
			t.Errorf("ParseDatabaseURL(%q) = %q, %q, %v; want %q, %q", c.raw, engine, target, err, c.engine, c.target)
		}
	}
}

// TestStoreRunsOnTheEngineAsked proves which database the tests run on:
// with PAYVAND_TEST_POSTGRES set, every store test talks to PostgreSQL.
func TestStoreRunsOnTheEngineAsked(t *testing.T) {
	s, _ := newTestStore(t)
	var version string
	if testdb.UsingPostgres() {
		if s.Engine() != Postgres {
			t.Fatalf("engine %q with %s set, want postgres", s.Engine(), testdb.EnvPostgres)
		}
		must(t, s.read.Raw("SELECT version()").Scan(&version).Error)
		if !strings.HasPrefix(version, "PostgreSQL") {
			t.Fatalf("version() = %q, want PostgreSQL", version)
		}
		return
	}
	if s.Engine() != SQLite {
		t.Fatalf("engine %q, want sqlite", s.Engine())
	}
	must(t, s.read.Raw("SELECT sqlite_version()").Scan(&version).Error)
	if version == "" {
		t.Fatal("sqlite_version() is empty")
	}
}

func TestRetryableClassifiesAborts(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&pgconn.PgError{Code: "40001"}, true},
		{&pgconn.PgError{Code: "40P01"}, true},
		{fmt.Errorf("save: %w", &pgconn.PgError{Code: "40P01"}), true},
		{&pgconn.PgError{Code: "23505"}, false},
		{ErrConflict, false},
		{&ConflictError{Part: "article", Current: 3}, false},
		{errors.New("database is locked"), false},
	} {
		if got := retryable(c.err); got != c.want {
			t.Errorf("retryable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// TestWriteRetriesADeadlock makes PostgreSQL deadlock a write for real and
// checks that the write path runs it again. Write transactions take the
// write lock (serialTx), so two of them can no longer deadlock each other;
// the other party is a transaction that bypasses the lock, as psql or a
// maintenance script would. Each locks one section, waits until the other
// has locked the other section, then asks for it. The write's shorter
// deadlock_timeout makes PostgreSQL abort the write (40P01), not the
// other; the write path runs it again and it succeeds, which is all an
// editor sees.
func TestWriteRetriesADeadlock(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{Database: testdb.Postgres(t), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a, b := mustSection(t, s, "a", nil), mustSection(t, s, "b", nil)

	var runs atomic.Int32
	lockedA, lockedB := make(chan struct{}), make(chan struct{})
	bump := "UPDATE sections SET position = position + 1 WHERE id = ?"
	errs := make(chan error, 2)
	go func() {
		errs <- s.writeTx(ctx, func(tx *gorm.DB) error {
			first := runs.Add(1) == 1
			if err := tx.Exec("SET LOCAL deadlock_timeout = '50ms'").Error; err != nil {
				return err
			}
			if err := tx.Exec(bump, a.ID).Error; err != nil {
				return err
			}
			if first { // meet the other before crossing
				close(lockedA)
				<-lockedB
			}
			return tx.Exec(bump, b.ID).Error
		})
	}()
	go func() {
		errs <- s.write.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("SET LOCAL deadlock_timeout = '60s'").Error; err != nil {
				return err
			}
			if err := tx.Exec(bump, b.ID).Error; err != nil {
				return err
			}
			close(lockedB)
			<-lockedA
			return tx.Exec(bump, a.ID).Error
		})
	}()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("a write failed instead of being retried: %v", err)
		}
	}
	if n := runs.Load(); n != 2 {
		t.Fatalf("the write ran %d times, want 2 (deadlocked, then ran again)", n)
	}
	var positions []int
	must(t, s.read.Raw("SELECT position FROM sections WHERE id IN ? ORDER BY id", []uint{a.ID, b.ID}).Scan(&positions).Error)
	if positions[0]-a.Position != 2 || positions[1]-b.Position != 2 {
		t.Fatalf("positions moved %v from %d, %d; want each moved by 2", positions, a.Position, b.Position)
	}
}

// TestConflictsAreNotRetried: an optimistic version conflict reaches the
// caller at once, on both engines.
func TestConflictsAreNotRetried(t *testing.T) {
	s, _ := newTestStore(t)
	var runs int
	err := s.writeTx(context.Background(), func(tx *gorm.DB) error {
		runs++
		return &ConflictError{Part: "article", Current: 2}
	})
	if !errors.Is(err, ErrConflict) || runs != 1 {
		t.Fatalf("err %v after %d runs, want ErrConflict after 1", err, runs)
	}
}

// TestPostgresTextSortsByCodePoint: every text column of the PostgreSQL
// schema compares and sorts as SQLite's BINARY does (COLLATE "C"), so a
// database created with another locale (en_US sorts "a-c" before "ab")
// still orders slugs and emails as SQLite does.
func TestPostgresTextSortsByCodePoint(t *testing.T) {
	s, err := Open(context.Background(), Options{Database: testdb.Postgres(t), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var loose []string
	must(t, s.read.Raw(`SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND data_type = 'text' AND table_name <> 'schema_migrations'
		AND COALESCE(collation_name, '') <> 'C' ORDER BY 1`).Scan(&loose).Error)
	if len(loose) > 0 {
		t.Fatalf("text columns without COLLATE \"C\": %v", loose)
	}
}
