package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// ErrBackupUnsupported means the database is not a SQLite file: Payvand's
// backup and restore copy that file. A PostgreSQL database is backed up
// with its own tools.
var ErrBackupUnsupported = errors.New("payvand backup and restore work on a SQLite database only: back up PostgreSQL with pg_dump (pg_dump -Fc) and restore it with pg_restore")

// ErrDatabaseDamaged means PRAGMA integrity_check found a fault.
var ErrDatabaseDamaged = errors.New("the database is damaged")

// DatabaseReport is what InspectDatabase finds in a database file.
type DatabaseReport struct {
	// Counts maps each table to its number of rows.
	Counts map[string]int64
	// MediaPaths are the files the media rows and their sizes refer to,
	// relative to the media folder, sorted and without repeats.
	MediaPaths []string
}

// CopyDatabase writes a consistent copy of the database at src to dest
// while other processes may be writing to it. VACUUM INTO reads inside one
// read transaction, so the copy holds every transaction committed before
// it started and none of one committed during it, WAL or not; a plain file
// copy of a WAL database does not. dest must not exist.
func CopyDatabase(ctx context.Context, src, dest string) error {
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("there is no database at %s; is --data the site's data folder?", src)
	} else if err != nil {
		return fmt.Errorf("database %w", err)
	}
	// mode=rw: never create an empty database where the operator meant
	// an existing one. The busy timeout rides out a checkpoint.
	db, err := openRaw(src, "mode=rw&_busy_timeout=10000")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("copy database %s to %s: %w", src, dest, err)
	}
	return nil
}

// CheckDatabase runs PRAGMA integrity_check on a database file that nothing
// else writes to, such as a backup. A fault it finds wraps
// ErrDatabaseDamaged.
func CheckDatabase(ctx context.Context, path string) error {
	db, err := openCopy(path)
	if err != nil {
		return err
	}
	defer db.Close()
	return integrityCheck(ctx, db)
}

// InspectDatabase counts the rows of every table of a database file that
// nothing else writes to and lists the media files it refers to.
func InspectDatabase(ctx context.Context, path string) (*DatabaseReport, error) {
	db, err := openCopy(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	counts, err := countTables(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("count rows in %s: %w", path, err)
	}
	paths, err := queryStrings(ctx, db, "SELECT path FROM media UNION SELECT path FROM media_variants ORDER BY 1")
	if err != nil {
		return nil, fmt.Errorf("list media files in %s: %w", path, err)
	}
	return &DatabaseReport{Counts: counts, MediaPaths: paths}, nil
}

// openCopy opens a database file read-only. immutable=1: it is a copy no
// one writes, so SQLite need not lock it or create -wal and -shm files
// beside it.
func openCopy(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %w", err)
	}
	return openRaw(path, "mode=ro&immutable=1")
}

// openRaw opens one database/sql connection to path with the given URI
// parameters, outside any Store: backups work on files, not on a site.
func openRaw(path, params string) (*sql.DB, error) {
	registerSQLiteDriver()
	db, err := sql.Open(driverName, "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+params)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func integrityCheck(ctx context.Context, db *sql.DB) error {
	problems, err := queryStrings(ctx, db, "PRAGMA integrity_check")
	var sqliteErr sqlite3.Error
	if errors.As(err, &sqliteErr) && (sqliteErr.Code == sqlite3.ErrCorrupt || sqliteErr.Code == sqlite3.ErrNotADB) {
		// Damage bad enough stops the check itself.
		return fmt.Errorf("%w: %v", ErrDatabaseDamaged, err)
	}
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return fmt.Errorf("%w: %s", ErrDatabaseDamaged, strings.Join(problems, "; "))
	}
	return nil
}

// countTables counts the rows of every ordinary table. Virtual tables are
// left out: the search index's rows live in its shadow tables, which are
// counted.
func countTables(ctx context.Context, db *sql.DB) (map[string]int64, error) {
	tables, err := queryStrings(ctx, db, `SELECT name FROM sqlite_schema
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	counts := make(map[string]int64, len(tables))
	for _, table := range tables {
		var n int64
		// The name comes from sqlite_schema, never from a user; quoting it
		// keeps any name valid.
		q := `SELECT count(*) FROM "` + strings.ReplaceAll(table, `"`, `""`) + `"`
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			return nil, fmt.Errorf("%s: %w", table, err)
		}
		counts[table] = n
	}
	return counts, nil
}

// queryStrings runs a query whose rows are one string each.
func queryStrings(ctx context.Context, db querier, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
