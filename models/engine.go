package models

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Engine names the database a Store runs on. Everything that differs
// between the two is decided inside this package, by the Store's engine or
// a handle's dialect (see isPostgres); callers only pass the URL through.
type Engine string

// The engines Payvand runs on.
const (
	// SQLite is the embedded default: one file, nothing else installed.
	SQLite Engine = "sqlite"
	// Postgres is PostgreSQL, for sites that outgrow one machine.
	Postgres Engine = "postgres"
)

// DefaultMaxConns is the PostgreSQL pool size when Options.MaxConns is 0.
// Every request holds a connection only for its queries, so a few
// connections serve many requests; ten per instance keeps several
// instances well under PostgreSQL's default max_connections (100) with
// room for pg_dump, psql and migrations.
const DefaultMaxConns = 10

// ParseDatabaseURL reads a --database value: "" means SQLite at
// defaultPath, "sqlite:PATH" SQLite at PATH, "postgres://…" or
// "postgresql://…" PostgreSQL. It returns the engine and what to open: the
// file path for SQLite, the URL for PostgreSQL.
func ParseDatabaseURL(raw, defaultPath string) (Engine, string, error) {
	switch {
	case raw == "":
		if defaultPath == "" {
			return "", "", errors.New("no database: give a sqlite:PATH or postgres:// URL")
		}
		return SQLite, defaultPath, nil
	case strings.HasPrefix(raw, "sqlite:"):
		path := strings.TrimPrefix(raw, "sqlite:")
		if path == "" {
			return "", "", errors.New("database URL sqlite: names no file: write sqlite:PATH")
		}
		return SQLite, path, nil
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := pgx.ParseConfig(raw); err != nil {
			return "", "", fmt.Errorf("database URL: %w", err)
		}
		return Postgres, raw, nil
	}
	return "", "", fmt.Errorf("database URL %q: expected sqlite:PATH, postgres://… or postgresql://…", RedactDatabaseURL(raw))
}

// RedactDatabaseURL keeps a password out of error messages, logs and
// progress output: the one after the user name, and the password= and
// sslpassword= settings a libpq-style URL may carry in its query. A
// password may hold an "@", so the host starts after the last one.
func RedactDatabaseURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		// Unreadable as a URL: keep only the scheme and what follows the
		// last "@", dropping any query that could hold a password.
		if j := strings.Index(raw, "://"); j >= 0 {
			rest := raw[j+3:]
			if i := strings.LastIndex(rest, "@"); i >= 0 {
				rest = rest[i+1:]
			}
			if i := strings.IndexAny(rest, "?#"); i >= 0 {
				rest = rest[:i]
			}
			return raw[:j+3] + "…@" + rest
		}
		return "(unreadable database URL)"
	}
	changed := false
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
		changed = true
	}
	if q := u.Query(); q.Has("password") || q.Has("sslpassword") {
		for _, key := range []string{"password", "sslpassword"} {
			if q.Has(key) {
				q.Set(key, "xxxxx")
			}
		}
		u.RawQuery = q.Encode()
		changed = true
	}
	if !changed {
		return raw
	}
	return u.String()
}

// openPostgres opens one pool for reads and writes: PostgreSQL's MVCC
// lets them run side by side, so the SQLite store's split into one writer
// and a read pool has no purpose here.
func (s *Store) openPostgres(dsn string, conns int) (*gorm.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	// The server's TimeZone setting must not change what text or times
	// mean; times are stored as TIMESTAMPTZ and read back in UTC, as the
	// SQLite store returns them.
	cfg.RuntimeParams["timezone"] = "UTC"
	sqlDB := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID, Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	}))
	if conns <= 0 {
		conns = DefaultMaxConns
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), s.gormConfig())
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open database %s: %w", RedactDatabaseURL(dsn), err)
	}
	return db, nil
}

// isPostgres says whether db talks to PostgreSQL. Helpers that get a
// handle rather than the Store branch on it where the SQL differs.
func isPostgres(db *gorm.DB) bool { return db.Dialector.Name() == "postgres" }

// flagIs is SQL comparing a BOOLEAN column with a constant. PostgreSQL
// compares booleans only with TRUE and FALSE. SQLite takes those too, but
// uses a partial index (WHERE noindex = 1, WHERE announced = 0) only when
// the query repeats its literal, so there the comparison stays 1 or 0.
func flagIs(db *gorm.DB, column string, v bool) string {
	switch {
	case isPostgres(db) && v:
		return column + " = TRUE"
	case isPostgres(db):
		return column + " = FALSE"
	case v:
		return column + " = 1"
	}
	return column + " = 0"
}

// retryable says whether a failed transaction may simply run again:
// PostgreSQL aborts one of two transactions that would otherwise break
// serialisability (40001) or wait on each other forever (40P01), and the
// one aborted succeeds when rerun. Optimistic version conflicts
// (ErrConflict) are an editor's business and never retried.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	return pgErr.Code == "40001" || pgErr.Code == "40P01"
}

// writeAttempts bounds how often commit runs a transaction PostgreSQL
// aborted for a serialisation failure or deadlock. Write transactions
// hold the write lock (serialTx), so only a transaction that bypasses it
// can collide with one; the pauses grow, so a few reruns get past a burst
// of such collisions.
const writeAttempts = 8

// retryPause is a short jittered wait before attempt n (1-based) reruns,
// so two transactions that collided do not collide again in step.
func retryPause(ctx context.Context, n int) error {
	base := time.Duration(n) * 5 * time.Millisecond
	t := time.NewTimer(base + rand.N(base))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// eventLockKey is the advisory lock a PostgreSQL transaction takes right
// before it inserts events (see recordEvents). Any constant will do as
// long as nothing else uses it.
const eventLockKey = 0x70617976 // "payv"

// lockEventOrder makes event positions commit in order on PostgreSQL. A
// position comes from a sequence when the row is inserted, long before
// the transaction commits: two writers could take 99 and 100 and commit
// 100 first, and a feed reader that read "after 100" would never see 99.
// Holding one transaction-scoped lock from the insert to the commit lets
// one event-recording transaction at a time take positions, so they
// commit in the order they were handed out; ListChanges takes the same
// lock shared so its high-water mark never counts a position still in
// flight. SQLite needs nothing: its one writer already does this.
func lockEventOrder(tx *gorm.DB) error {
	if !isPostgres(tx) {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock(?)", eventLockKey).Error
}

// storableText says whether PostgreSQL's text type can hold s. It refuses
// NUL and invalid UTF-8 with an error rather than comparing them, and no
// stored slug can contain them, so a lookup by such a text finds nothing
// before it reaches the database: the same answer SQLite gives.
func storableText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}
