package models

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)

// Several instances on one PostgreSQL database.
//
// The write path was built around SQLite's single writer: a write
// transaction reads, decides and writes with no other write in between.
// AnnounceDue reads the due articles again under the write lock, webhook
// claims take the next delivery and lease it, slugs are checked free and
// then taken, the change tracker compares what it read with what it
// wrote, and event positions commit in the order they were handed out.
// PostgreSQL's MVCC would run two such transactions side by side, from two
// instances or from one, and each could decide on a state the other is
// changing: two instances could both announce one scheduled publication
// or both claim one webhook delivery.
//
// So on PostgreSQL every write transaction takes one transaction-level
// advisory lock (pg_advisory_xact_lock(writeLockKey)) as its first
// statement, and holds it until it commits or rolls back: writes are
// serialised across every instance exactly as SQLite serialises them
// within one process, and every guarantee above carries over unchanged.
// The transactions run at READ COMMITTED, where each statement reads a
// fresh snapshot, so every statement after the lock sees what the
// previous holder committed (at REPEATABLE READ the snapshot would date
// from the lock statement itself, taken before the wait). Reads take no
// lock and stay parallel. A news site's writes are few — editors saving,
// the schedule, view-count batches — while its reads are many, so one
// writer at a time costs little.
//
// Within one process, writers also queue on writeGate before they take a
// connection from the pool, as they queue for SQLite's one write
// connection: otherwise a burst of writers waiting on the advisory lock
// would hold every pooled connection and starve the readers.
//
// A lock held by a process that dies goes with its connection, so a
// killed instance never blocks the others. View counts are added with
// UPDATE … SET view_count = view_count + n and an adding upsert, which
// lose no increment even without the lock.
const writeLockKey = 0x70617977 // "payw"

// startupLockKey guards first-start seeding (WithStartupLock), and
// migrateLockKey the schema migrations Open runs: both are session-level
// locks held across several transactions.
const (
	startupLockKey = 0x70617973 // "pays"
	migrateLockKey = 0x7061796d // "paym"
)

// serialTx runs fn in one transaction that holds the store's write lock:
// on SQLite the single write connection is that lock (its transactions
// begin IMMEDIATE); on PostgreSQL the in-process gate and the advisory
// lock described above.
func (s *Store) serialTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.engine != Postgres {
		return s.write.WithContext(ctx).Transaction(fn)
	}
	select {
	case s.writeGate <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.writeGate }()
	return s.write.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", writeLockKey).Error; err != nil {
			return fmt.Errorf("take the write lock: %w", err)
		}
		return fn(tx)
	}, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
}

// WithStartupLock runs fn while no other process sharing the database runs
// its own: two instances starting together on an empty PostgreSQL database
// would otherwise both find it empty and both create the first admin and
// the demo site. The second waits, then finds the work done. On SQLite,
// which one process owns, it just runs fn.
func (s *Store) WithStartupLock(ctx context.Context, fn func(ctx context.Context) error) error {
	if s.engine != Postgres {
		return fn(ctx)
	}
	return s.withSessionLock(ctx, startupLockKey, func() error { return fn(ctx) })
}

// withSessionLock holds the session-level advisory lock key while fn runs,
// for work that spans several transactions. The lock lives on a
// connection of its own, outside the pool: fn needs pooled connections,
// and a pool of one (--db-max-conns 1) would otherwise wait for itself.
// Closing that connection releases the lock, also when the process dies.
func (s *Store) withSessionLock(ctx context.Context, key int64, fn func() error) error {
	cfg, err := pgx.ParseConfig(s.dsn)
	if err != nil {
		return fmt.Errorf("database URL: %w", err)
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connect for lock %x: %w", key, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return fmt.Errorf("take lock %x: %w", key, err)
	}
	return fn()
}
