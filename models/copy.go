package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CopyMode says what CopyFrom does with a target that already holds rows.
type CopyMode int

const (
	// CopyIntoEmpty refuses a target holding any row (TargetNotEmptyError).
	CopyIntoEmpty CopyMode = iota
	// CopyResume keeps the target's rows and adds the source's rows whose
	// primary key it lacks: a copy cut off half-way completes.
	CopyResume
	// CopyReplace empties the target first.
	CopyReplace
)

// DefaultCopyBatch is how many rows the copy reads and writes at a time:
// large enough that round trips do not dominate, small enough that a
// stopped copy loses little and memory stays flat.
const DefaultCopyBatch = 1000

// CopyOptions configures Store.CopyFrom.
type CopyOptions struct {
	Mode CopyMode
	// Batch is the rows per read and per committed write; 0 means
	// DefaultCopyBatch.
	Batch int
	// Progress, if not nil, is called after each batch and each step.
	Progress func(CopyProgress)
}

// CopyProgress is how far a copy has come.
type CopyProgress struct {
	// Step is "rows" while rows are copied, then "search" while the
	// search index is rebuilt.
	Step string
	// Table is the table being copied.
	Table string
	// Done of Total: rows of every table, or articles indexed.
	Done, Total int64
}

// CopyCount is one table's row count on both sides after a copy.
type CopyCount struct {
	Table          string
	Source, Target int64
}

// CopyReport is what a copy did.
type CopyReport struct {
	// Tables in the order they were copied.
	Tables []CopyCount
	// Rows read from the source, and Written to the target (the rest were
	// there already, after CopyResume).
	Rows, Written int64
	// Articles indexed for search.
	Articles int
	// RowsTook is the time the rows took, SearchTook the search index's.
	RowsTook, SearchTook time.Duration
}

// ErrCopyCountsDiffer means a table holds a different number of rows in
// the target than in the source after the copy; the report says which.
var ErrCopyCountsDiffer = errors.New("row counts differ between the source and the target")

// TargetNotEmptyError refuses copying into a database that holds rows,
// unless told to resume or replace.
type TargetNotEmptyError struct {
	Table string
	Rows  int64
}

func (e *TargetNotEmptyError) Error() string {
	return fmt.Sprintf("the target database is not empty: table %s holds %d rows", e.Table, e.Rows)
}

// CopyFrom copies every row of src into the store's database, keeping ids
// and versions, in foreign-key order, batch by batch; then it sets the
// id sequences past the copied ids, rebuilds the search index in the
// store's own engine, and compares every table's row count with the
// source's. The source is read in one transaction, so the copy is of one
// moment even if the site still runs; a copy stopped part-way resumes
// with CopyResume.
func (s *Store) CopyFrom(ctx context.Context, src *CopySource, opts CopyOptions) (*CopyReport, error) {
	if opts.Batch <= 0 {
		opts.Batch = DefaultCopyBatch
	}
	switch same, err := s.sameDatabase(ctx, src); {
	case err != nil:
		return nil, err
	case same:
		return nil, ErrSameDatabase
	}
	target, err := s.write.DB()
	if err != nil {
		return nil, err
	}
	read, err := src.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if src.engine == SQLite && err == nil {
		// SQLite's deferred transaction takes its snapshot at the first
		// read; the isolation options are PostgreSQL's.
		_, err = read.ExecContext(ctx, "SELECT 1 FROM schema_migrations LIMIT 1")
	}
	if err != nil {
		return nil, fmt.Errorf("begin reading the source: %w", err)
	}
	defer read.Rollback()
	c := &copier{store: s, target: target, source: read, sourceEngine: src.engine, opts: opts}
	if c.tables, err = copyPlan(ctx, target, s.engine, read, src.engine); err != nil {
		return nil, err
	}
	report := &CopyReport{}
	if err := c.prepare(ctx, report); err != nil {
		return nil, err
	}
	start := time.Now()
	for _, t := range c.tables {
		if err := c.copyTable(ctx, t, report); err != nil {
			return report, fmt.Errorf("copy table %s: %w", t.name, err)
		}
	}
	if err := c.setSequences(ctx); err != nil {
		return report, err
	}
	report.RowsTook = time.Since(start)
	start = time.Now()
	if report.Articles, err = c.rebuildSearch(ctx); err != nil {
		return report, err
	}
	report.SearchTook = time.Since(start)
	s.generation.Add(1)
	if last, err := s.LastEventPosition(ctx); err == nil {
		s.knownEvent.Store(last)
	}
	return report, c.verify(ctx, report)
}

// copier holds one copy's state.
type copier struct {
	store        *Store
	target       *sql.DB
	source       *sql.Tx
	sourceEngine Engine
	opts         CopyOptions
	tables       []copyTable
	// sourceCounts are the source's rows per table, in its snapshot.
	sourceCounts map[string]int64
	done, total  int64
}

// prepare counts the source's rows and applies the mode to the target.
func (c *copier) prepare(ctx context.Context, report *CopyReport) error {
	c.sourceCounts = map[string]int64{}
	for _, t := range c.tables {
		n, err := countRows(ctx, c.source, t.name)
		if err != nil {
			return fmt.Errorf("count the source's %s: %w", t.name, err)
		}
		c.sourceCounts[t.name] = n
		c.total += n
	}
	report.Rows = c.total
	switch c.opts.Mode {
	case CopyIntoEmpty:
		for _, t := range c.tables {
			n, err := countRows(ctx, c.target, t.name)
			if err != nil {
				return err
			}
			if n > 0 {
				return &TargetNotEmptyError{Table: t.name, Rows: n}
			}
		}
	case CopyReplace:
		return c.emptyTarget(ctx)
	}
	return nil
}

// emptyTarget deletes every copied row and the search index from the
// target, in one transaction, children before parents.
func (c *copier) emptyTarget(ctx context.Context) error {
	tx, err := c.target.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if c.store.engine == Postgres {
		list := ""
		for i, t := range c.tables {
			if i > 0 {
				list += ", "
			}
			list += quoteIdent(t.name)
		}
		_, err = tx.ExecContext(ctx, "TRUNCATE "+list+", article_search")
	} else {
		for i := len(c.tables) - 1; i >= 0 && err == nil; i-- {
			t := c.tables[i]
			// A parent deleted before its child would break ON DELETE
			// RESTRICT, which SQLite checks row by row.
			for _, col := range t.selfRefs {
				if _, err = tx.ExecContext(ctx, "UPDATE "+quoteIdent(t.name)+" SET "+quoteIdent(col)+" = NULL"); err != nil {
					break
				}
			}
			if err == nil {
				_, err = tx.ExecContext(ctx, "DELETE FROM "+quoteIdent(t.name))
			}
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, "DELETE FROM article_search")
		}
	}
	if err != nil {
		return fmt.Errorf("empty the target: %w", err)
	}
	return tx.Commit()
}

// verify compares every table's row count on both sides.
func (c *copier) verify(ctx context.Context, report *CopyReport) error {
	var differ []string
	for _, t := range c.tables {
		n, err := countRows(ctx, c.target, t.name)
		if err != nil {
			return fmt.Errorf("count the target's %s: %w", t.name, err)
		}
		report.Tables = append(report.Tables, CopyCount{Table: t.name, Source: c.sourceCounts[t.name], Target: n})
		if n != c.sourceCounts[t.name] {
			differ = append(differ, t.name)
		}
	}
	if len(differ) > 0 {
		return fmt.Errorf("%w: %v", ErrCopyCountsDiffer, differ)
	}
	return nil
}

// countRows counts a table's rows; the name comes from the schema.
func countRows(ctx context.Context, db querier, table string) (int64, error) {
	var n int64
	err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+quoteIdent(table)).Scan(&n)
	return n, err
}

func (c *copier) report(step, table string, done, total int64) {
	if c.opts.Progress != nil {
		c.opts.Progress(CopyProgress{Step: step, Table: table, Done: done, Total: total})
	}
}
