package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// setSequences moves every id sequence of the target past the copied ids
// and past the source's own counter, so a new row neither collides with a
// copied one nor reuses an id (an event position) the source once gave out.
func (c *copier) setSequences(ctx context.Context) error {
	for _, t := range c.tables {
		if t.serial == "" {
			continue
		}
		counter, err := c.sourceCounter(ctx, t)
		if err != nil {
			return fmt.Errorf("read the source's counter of %s: %w", t.name, err)
		}
		var highest int64
		if err := c.target.QueryRowContext(ctx, "SELECT COALESCE(MAX("+quoteIdent(t.serial)+"), 0) FROM "+quoteIdent(t.name)).Scan(&highest); err != nil {
			return err
		}
		next := max(counter, highest)
		if err := c.setTargetCounter(ctx, t, next); err != nil {
			return fmt.Errorf("set the counter of %s: %w", t.name, err)
		}
	}
	return nil
}

// sourceCounter is the last id the source's sequence gave out for t.
func (c *copier) sourceCounter(ctx context.Context, t copyTable) (int64, error) {
	var n sql.NullInt64
	var err error
	if c.sourceEngine == Postgres {
		err = c.source.QueryRowContext(ctx, `SELECT pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass)`, t.name, t.serial).Scan(&n)
	} else {
		err = c.source.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = ?`, t.name).Scan(&n)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n.Int64, err
}

// setTargetCounter makes the target's next id for t last+1.
func (c *copier) setTargetCounter(ctx context.Context, t copyTable, last int64) error {
	if c.store.engine == Postgres {
		// setval(…, 1, false) makes 1 the next value of an unused sequence.
		_, err := c.target.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)`, t.name, t.serial, max(last, 1), last > 0)
		return err
	}
	res, err := c.target.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = ? WHERE name = ?`, last, t.name)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 || last == 0 {
		return err
	}
	_, err = c.target.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)`, t.name, last)
	return err
}

// rebuildSearch builds the target's search index from its articles, with
// the target's own SearchIndex: FTS4 and tsvector rows are not
// interchangeable, and the copy never reads the source's.
func (c *copier) rebuildSearch(ctx context.Context) (int, error) {
	var ids []uint
	db := c.store.write.WithContext(ctx)
	if err := db.Table("articles").Order("id").Pluck("id", &ids).Error; err != nil {
		return 0, fmt.Errorf("list articles to index: %w", err)
	}
	if err := db.Exec("DELETE FROM article_search").Error; err != nil {
		return 0, fmt.Errorf("clear the search index: %w", err)
	}
	const perTx = 200
	for start := 0; start < len(ids); start += perTx {
		chunk := ids[start:min(start+perTx, len(ids))]
		err := db.Transaction(func(tx *gorm.DB) error {
			for _, id := range chunk {
				if err := c.store.search.Reindex(tx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("rebuild the search index: %w", err)
		}
		c.report("search", "article_search", int64(start+len(chunk)), int64(len(ids)))
	}
	return len(ids), nil
}
