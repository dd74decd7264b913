// Package models owns Payvand's data: the content model, its migrations, every
// query and the one write path each aggregate is saved through. It is the only
// package that touches *gorm.DB.
package models

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/writehealth"
)

// Sentinel errors callers test with errors.Is.
var (
	// ErrNotFound means the record does not exist or is not visible.
	ErrNotFound = errors.New("not found")
	// ErrConflict means someone else saved the record since it was loaded.
	ErrConflict = errors.New("the record was changed by someone else")
)

// Options configures a Store.
type Options struct {
	// Database is the database URL (--database): "" means SQLite at Path,
	// "sqlite:PATH" SQLite at PATH, "postgres://…" or "postgresql://…"
	// PostgreSQL (see ParseDatabaseURL).
	Database string
	// Path is the SQLite database file when Database is empty.
	Path string
	// MaxConns is the PostgreSQL pool size; 0 means DefaultMaxConns. The
	// SQLite store ignores it: its one writer and read pool are fixed.
	MaxConns int
	// Locales are the configured content languages.
	Locales locale.Set
	// Now is the clock; nil means time.Now. Tests pass a fixed clock.
	Now func() time.Time
	// Logger receives slow-query and error logs; nil discards them.
	Logger *slog.Logger
	// LatinSlugs are locales whose slugs are transliterated to Latin letters
	// instead of keeping their script (for example Persian).
	LatinSlugs []string
	// TimeZone is the site's time zone (--timezone): daily view counts and
	// most-read periods begin at its midnight. nil means UTC.
	TimeZone *time.Location
	// SiteURLs builds the public URLs that article events carry (url,
	// previous_url); nil (no --site-url) leaves them null.
	SiteURLs *siteurl.Builder
}

// Store is Payvand's database. SQLite allows one writer at a time, so writes
// go through a single connection whose transactions begin IMMEDIATE: a
// read-then-write transaction in deferred mode can fail with "database is
// locked" when it tries to upgrade its lock, even with a busy timeout. Reads
// use a separate pool, which WAL lets run beside the writer.
//
// On PostgreSQL both handles are one pool: readers run beside each other
// and beside the writer, and write transactions take an advisory lock so
// that, across every instance sharing the database, one writes at a time
// as on SQLite (see instances.go); commit retries what PostgreSQL aborts.
type Store struct {
	// engine is the database the store runs on; the few queries that
	// differ branch on it (or on isPostgres for a bare handle).
	engine  Engine
	write   *gorm.DB
	read    *gorm.DB
	locales locale.Set
	now     func() time.Time
	log     *slog.Logger
	// latinSlugs holds the locales whose slugs are always Latin.
	latinSlugs []string
	// tz is the site's time zone, in which view days are counted.
	tz *time.Location
	// site makes the url fields of article events; nil leaves them null.
	site *siteurl.Builder
	// search is the full-text index, kept in step by the write path.
	search SearchIndex
	// termCounts caches word counts for related suggestions.
	termCounts *termCounts

	// generation grows with every committed write but view counts; the
	// read API uses it to know when bytes it served before are still the
	// current answer.
	generation atomic.Uint64

	// eventSignal wakes the event readers after a transaction that
	// recorded events commits.
	eventSignal eventSignal
	// knownEvent is the newest event position committed by this process,
	// found at Open, or (on PostgreSQL) announced by another instance.
	knownEvent atomic.Int64
	// writeGate queues this process's PostgreSQL writers before they take a
	// pooled connection (see serialTx); capacity one.
	writeGate chan struct{}
	// listener follows the events other instances commit (PostgreSQL only).
	listener *eventListener
	// dsn is the PostgreSQL URL, for the connections kept outside the pool
	// (the listener, session-level locks).
	dsn string

	// health remembers whether recent writes failed (see track).
	health *writehealth.Tracker
}

// Open opens (creating if needed) the database opts names and brings its
// schema up to date.
func Open(ctx context.Context, opts Options) (*Store, error) {
	engine, target, err := ParseDatabaseURL(opts.Database, opts.Path)
	if err != nil {
		return nil, err
	}
	clock := opts.Now
	if clock == nil {
		clock = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.TimeZone == nil {
		opts.TimeZone = time.UTC
	}
	// PostgreSQL keeps microseconds and SQLite whatever Go gives: every time
	// the store stamps is cut to microseconds, on both engines, so a time
	// read back equals the time written and both engines answer alike.
	now := func() time.Time { return clock().UTC().Truncate(time.Microsecond) }
	s := &Store{engine: engine, locales: opts.Locales, now: now, log: opts.Logger, latinSlugs: opts.LatinSlugs, tz: opts.TimeZone, site: opts.SiteURLs, search: fts4Index{}, termCounts: newTermCounts(), health: writehealth.New(now)}
	if engine == Postgres {
		s.dsn = target
		s.search = pgSearchIndex{}
		if s.write, err = s.openPostgres(target, opts.MaxConns); err != nil {
			return nil, err
		}
		s.read = s.write
		s.writeGate = make(chan struct{}, 1)
		// Instances starting together migrate one after the other: the
		// second finds the schema up to date.
		err := s.withSessionLock(ctx, migrateLockKey, func() error { return migrate(ctx, s.write) })
		if err != nil {
			s.Close()
			return nil, err
		}
	} else {
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
		if s.write, err = s.openDB(target, "_txlock=immediate", 1); err != nil {
			return nil, err
		}
		if err := migrate(ctx, s.write); err != nil {
			s.Close()
			return nil, err
		}
		readers := max(4, 2*runtime.NumCPU())
		if s.read, err = s.openDB(target, "_query_only=true", readers); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.generation.Store(1)
	last, err := s.LastEventPosition(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.knownEvent.Store(last)
	if engine == Postgres {
		if s.listener, err = s.listenForEvents(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Engine says which database the store runs on.
func (s *Store) Engine() Engine { return s.engine }

// gormConfig is the GORM configuration of every pool.
func (s *Store) gormConfig() *gorm.Config {
	return &gorm.Config{
		NowFunc:                func() time.Time { return s.now().UTC() },
		Logger:                 logger.NewSlogLogger(s.log, logger.Config{SlowThreshold: 200 * time.Millisecond, LogLevel: logger.Warn, IgnoreRecordNotFoundError: true}),
		SkipDefaultTransaction: true,
		TranslateError:         true,
	}
}

func (s *Store) openDB(path, extra string, conns int) (*gorm.DB, error) {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_journal_mode=WAL&_foreign_keys=on&_busy_timeout=10000&_synchronous=NORMAL&" + extra
	registerSQLiteDriver()
	db, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: driverName, DSN: dsn}), s.gormConfig())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(conns)
	sqlDB.SetMaxIdleConns(conns)
	sqlDB.SetConnMaxIdleTime(0)
	return db, nil
}

// Close stops following other instances' events and closes the
// connection pools.
func (s *Store) Close() error {
	if s.listener != nil {
		s.listener.stop()
	}
	var errs []error
	pools := []*gorm.DB{s.read, s.write}
	if s.read == s.write {
		pools = pools[1:] // PostgreSQL: one pool for both
	}
	for _, db := range pools {
		if db == nil {
			continue
		}
		if sqlDB, err := db.DB(); err == nil {
			errs = append(errs, sqlDB.Close())
		}
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.read.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error
}

// Locales returns the configured content languages.
func (s *Store) Locales() locale.Set { return s.locales }

// Now returns the store's clock reading in UTC.
func (s *Store) Now() time.Time { return s.now().UTC() }

// Generation is a number that changes whenever committed content changes.
// Equal generations mean equal content, apart from scheduled publications
// whose time has come (see NextScheduledChange) and view counts, which
// answers may show late (see countersTx).
func (s *Store) Generation() uint64 { return s.generation.Load() }

// writeTx runs fn in one IMMEDIATE transaction on the writer and marks the
// content as changed when it commits. Before committing it applies the
// event rule (event_rule.go) to the articles fn watched, so the events
// commit or roll back with the change. Its outcome is recorded in the
// write health (see commit), and a storage failure comes back as a
// *WriteError.
func (s *Store) writeTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.commit(ctx, true, fn)
}

// countersTx is writeTx for writes no cached answer has to follow at once:
// view counts, which answers may show up to the cache's TTL late. It leaves
// the generation alone, so a view flush empties no cache and changes no
// ETag.
func (s *Store) countersTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.commit(ctx, false, fn)
}

func (s *Store) commit(ctx context.Context, changesContent bool, fn func(tx *gorm.DB) error) error {
	newest := new(int64) // set by recordEvents through the context
	ctx = context.WithValue(ctx, eventsRecordedKey{}, newest)
	tracker := newChangeTracker(s.now().UTC().Truncate(time.Second))
	ctx = context.WithValue(ctx, changeTrackerKey{}, tracker)
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		*newest = 0 // a rerun starts afresh
		// The moment the write judges "public" at is read once it holds
		// the write lock: read before, while it waited, a write queued
		// behind the schedule worker would judge a translation the worker
		// just announced as not yet public, and announce it again.
		*tracker = *newChangeTracker(s.now().UTC().Truncate(time.Second))
		if err := fn(tx); err != nil {
			return err
		}
		return s.recordChanges(tx, tracker)
	})
	if err == nil {
		if changesContent {
			s.generation.Add(1)
		}
		if *newest > 0 {
			s.raiseKnownEvent(*newest)
			s.eventSignal.fire()
		}
	}
	return s.track(err)
}

// transaction runs fn in one write transaction, the only place writes
// begin one. The write path reads, checks (versions, slugs, locks, what
// is public) and then writes, which is only sound if no other write
// commits between the read and the write. SQLite's one IMMEDIATE writer
// gives that; on PostgreSQL the write lock does, across every instance
// (serialTx, instances.go). SERIALIZABLE would be sound too, but its
// snapshot would date from before the wait for the lock, so writers
// queued behind one another would abort each other for nothing.
// PostgreSQL may still abort a write for a deadlock with a transaction
// that bypasses the lock (40P01) or a serialisation failure (40001): it
// is rerun from the start, a few times, and the editor never sees it (see
// retryable); the rerun reads what the other committed, so a stale
// version then fails as a conflict instead of overwriting. fn must
// therefore be safe to run again.
func (s *Store) transaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	for attempt := 1; ; attempt++ {
		err := s.serialTx(ctx, fn)
		if err == nil || attempt == writeAttempts || !retryable(err) || errors.Is(err, ErrConflict) {
			return err
		}
		s.log.Debug("write retried", "attempt", attempt, "err", err)
		if retryPause(ctx, attempt) != nil {
			return err
		}
	}
}

// raiseKnownEvent moves knownEvent up to pos, never down, and says
// whether it moved.
func (s *Store) raiseKnownEvent(pos int64) bool {
	for known := s.knownEvent.Load(); known < pos; known = s.knownEvent.Load() {
		if s.knownEvent.CompareAndSwap(known, pos) {
			return true
		}
	}
	return false
}

// reader returns the read pool bound to ctx.
func (s *Store) reader(ctx context.Context) *gorm.DB { return s.read.WithContext(ctx) }
