package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
)

// CopySource is a database a site is copied from (see Store.CopyFrom). It
// is opened read-only and never migrated: the copy refuses a source whose
// schema is not the one this binary writes.
type CopySource struct {
	engine Engine
	db     *sql.DB
}

// ErrSourceSchema means the source database's schema is older or newer
// than this binary's; the error says which and what to do.
var ErrSourceSchema = errors.New("the source database's schema is not this version of Payvand's")

// OpenCopySource opens the database rawURL names (sqlite:PATH or
// postgres://…) for reading and checks its schema version.
func OpenCopySource(ctx context.Context, rawURL string) (*CopySource, error) {
	engine, target, err := ParseDatabaseURL(rawURL, "")
	if err != nil {
		return nil, err
	}
	src := &CopySource{engine: engine}
	if engine == Postgres {
		src.db, err = openPostgresReader(target)
	} else {
		src.db, err = openSQLiteReader(target)
	}
	if err != nil {
		return nil, err
	}
	if err := src.db.PingContext(ctx); err != nil {
		src.db.Close()
		return nil, fmt.Errorf("open the source database %s: %w", RedactDatabaseURL(rawURL), err)
	}
	if err := checkSourceSchema(ctx, src.db); err != nil {
		src.db.Close()
		return nil, err
	}
	return src, nil
}

// Engine says which database the source is.
func (c *CopySource) Engine() Engine { return c.engine }

// Close closes the source's connections.
func (c *CopySource) Close() error { return c.db.Close() }

// openSQLiteReader opens an existing SQLite file read-only; a missing file
// is an error rather than a new empty database.
func openSQLiteReader(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("the source database %s does not exist", path)
		}
		return nil, err
	}
	registerSQLiteDriver()
	db, err := sql.Open(driverName, "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_busy_timeout=10000&_query_only=true")
	if err != nil {
		return nil, fmt.Errorf("open the source database %s: %w", path, err)
	}
	// One connection: the whole copy reads in one transaction.
	db.SetMaxOpenConns(1)
	return db, nil
}

// openPostgresReader opens a PostgreSQL database whose transactions are
// read-only by default, reading times in UTC as the store does.
func openPostgresReader(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	db := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID, Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	}))
	db.SetMaxOpenConns(2)
	return db, nil
}

// checkSourceSchema refuses a source migrated further than this binary
// knows, or not as far: the copy moves columns as this binary's schema
// has them, and migrating the source itself is not the copy's business.
func checkSourceSchema(ctx context.Context, db *sql.DB) error {
	applied, err := queryStrings(ctx, db, `SELECT id FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("the source is not a Payvand database (no schema_migrations table): %w", err)
	}
	var known []string
	for _, m := range migrations {
		known = append(known, m.ID)
	}
	for _, id := range applied {
		if !slices.Contains(known, id) {
			return fmt.Errorf("%w: it was migrated by a newer Payvand (step %s is unknown here); copy it with that version", ErrSourceSchema, id)
		}
	}
	for _, id := range known {
		if !slices.Contains(applied, id) {
			return fmt.Errorf("%w: it is older (step %s has not run on it); start this version of Payvand on it once, so it migrates, then copy", ErrSourceSchema, id)
		}
	}
	return nil
}

// SameDatabase says whether two database URLs name one database, so the
// copy never reads and empties the same one. defaultPath is the SQLite
// file an empty URL means.
func SameDatabase(a, b, defaultPath string) bool {
	ea, ta, errA := ParseDatabaseURL(a, defaultPath)
	eb, tb, errB := ParseDatabaseURL(b, defaultPath)
	if errA != nil || errB != nil || ea != eb {
		return false
	}
	if ea == SQLite {
		pa, _ := filepath.Abs(ta)
		pb, _ := filepath.Abs(tb)
		return pa == pb
	}
	ca, errA := pgx.ParseConfig(ta)
	cb, errB := pgx.ParseConfig(tb)
	return errA == nil && errB == nil && ca.Host == cb.Host && ca.Port == cb.Port && ca.Database == cb.Database
}
