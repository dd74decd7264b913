package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// maxCopyParams keeps one INSERT under both engines' limits on bound
// values (SQLite 32,766, PostgreSQL 65,535).
const maxCopyParams = 30000

// copyTable copies one table in batches read in primary-key order, each
// batch written and committed on its own, so a stopped copy keeps what it
// wrote. Rows already in the target (by any unique key) are left as they
// are: that is what lets CopyResume finish a copy.
func (c *copier) copyTable(ctx context.Context, t copyTable, report *CopyReport) error {
	var after []any
	var parents [][]any // key and self-reference values, set once all rows are in
	for {
		rows, err := c.readBatch(ctx, t, after)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			break
		}
		values, err := convertRows(t, rows)
		if err != nil {
			return err
		}
		for _, v := range values {
			if p := selfRefValues(t, v); p != nil {
				parents = append(parents, p)
			}
		}
		written, err := c.writeBatch(ctx, t, values)
		if err != nil {
			return err
		}
		report.Written += written
		c.done += int64(len(rows))
		c.report("rows", t.name, c.done, c.total)
		after = keyValues(t, rows[len(rows)-1])
		if len(rows) < c.opts.Batch {
			break
		}
	}
	return c.setSelfRefs(ctx, t, parents)
}

// readBatch reads up to a batch of rows after the key values after (nil
// for the first), as the source's driver returns them.
func (c *copier) readBatch(ctx context.Context, t copyTable, after []any) ([][]any, error) {
	var q strings.Builder
	q.WriteString("SELECT ")
	for i, col := range t.columns {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(quoteIdent(col.name))
	}
	q.WriteString(" FROM " + quoteIdent(t.name))
	key := quoteList(t.key)
	if after != nil {
		q.WriteString(" WHERE (" + key + ") > (")
		for i := range after {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(placeholder(c.sourceEngine, i+1))
		}
		q.WriteString(")")
	}
	q.WriteString(" ORDER BY " + key + " LIMIT " + strconv.Itoa(c.opts.Batch))
	rows, err := c.source.QueryContext(ctx, q.String(), after...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		row := make([]any, len(t.columns))
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// convertRows turns source values into the target's kinds.
func convertRows(t copyTable, rows [][]any) ([][]any, error) {
	out := make([][]any, len(rows))
	for r, row := range rows {
		out[r] = make([]any, len(row))
		for i, v := range row {
			conv, err := copyValue(v, t.columns[i].kind)
			if err != nil {
				return nil, fmt.Errorf("column %s: %w", t.columns[i].name, err)
			}
			out[r][i] = conv
		}
	}
	return out, nil
}

// writeBatch inserts rows in one transaction, skipping those whose key is
// taken, and returns how many were new. Self-references go in as NULL:
// the row they name may come later in key order.
func (c *copier) writeBatch(ctx context.Context, t copyTable, rows [][]any) (int64, error) {
	self := make([]bool, len(t.columns))
	for i, col := range t.columns {
		self[i] = slices.Contains(t.selfRefs, col.name)
	}
	per := max(1, min(len(rows), maxCopyParams/len(t.columns)))
	tx, err := c.target.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if c.store.engine == Postgres {
		// A batch need not wait for its WAL to reach the disk: the
		// sequences and search index are written after the last batch in
		// ordinary commits, which flush every earlier batch with them, and
		// a crash before that loses only batches --resume copies again.
		if _, err := tx.ExecContext(ctx, "SET LOCAL synchronous_commit = off"); err != nil {
			return 0, err
		}
	}
	var written int64
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var q strings.Builder
		q.WriteString("INSERT INTO " + quoteIdent(t.name) + " (")
		for i, col := range t.columns {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(quoteIdent(col.name))
		}
		q.WriteString(") VALUES ")
		args := make([]any, 0, len(chunk)*len(t.columns))
		for r, row := range chunk {
			if r > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(")
			for i, v := range row {
				if i > 0 {
					q.WriteString(", ")
				}
				if self[i] {
					v = nil
				}
				args = append(args, v)
				q.WriteString(placeholder(c.store.engine, len(args)))
			}
			q.WriteString(")")
		}
		q.WriteString(" ON CONFLICT DO NOTHING")
		res, err := tx.ExecContext(ctx, q.String(), args...)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		written += n
	}
	return written, tx.Commit()
}

// selfRefValues returns a row's self-references followed by its key, or
// nil when the references are all NULL.
func selfRefValues(t copyTable, row []any) []any {
	var refs []any
	set := false
	for _, name := range t.selfRefs {
		v := row[columnIndex(t, name)]
		set = set || v != nil
		refs = append(refs, v)
	}
	if !set {
		return nil
	}
	return append(refs, keyValues(t, row)...)
}

// setSelfRefs fills in the self-references writeBatch left NULL, once the
// rows they name are all there. Rows a resumed copy found already present
// get them too, in case the stopped run never got this far.
func (c *copier) setSelfRefs(ctx context.Context, t copyTable, parents [][]any) error {
	if len(parents) == 0 {
		return nil
	}
	// Bound values in the order they appear: the references, then the key
	// (SQLite's ? are positional).
	var q strings.Builder
	q.WriteString("UPDATE " + quoteIdent(t.name) + " SET ")
	for i, col := range t.selfRefs {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(quoteIdent(col) + " = " + placeholder(c.store.engine, i+1))
	}
	q.WriteString(" WHERE ")
	for i, col := range t.key {
		if i > 0 {
			q.WriteString(" AND ")
		}
		q.WriteString(quoteIdent(col) + " = " + placeholder(c.store.engine, len(t.selfRefs)+i+1))
	}
	tx, err := c.target.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, p := range parents {
		if _, err := tx.ExecContext(ctx, q.String(), p...); err != nil {
			return fmt.Errorf("set %s of %s: %w", strings.Join(t.selfRefs, ", "), t.name, err)
		}
	}
	return tx.Commit()
}

// keyValues picks a row's primary key values.
func keyValues(t copyTable, row []any) []any {
	out := make([]any, len(t.key))
	for i, k := range t.key {
		out[i] = row[columnIndex(t, k)]
	}
	return out
}

func columnIndex(t copyTable, name string) int {
	for i, c := range t.columns {
		if c.name == name {
			return i
		}
	}
	panic("models: copy: no column " + name + " in " + t.name)
}

// placeholder is the n-th (1-based) bound value in the engine's syntax.
func placeholder(engine Engine, n int) string {
	if engine == Postgres {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// quoteIdent quotes a name read from the schema; "key" and "position"
// are column names, and quoting keeps every name a name.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func quoteList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = quoteIdent(n)
	}
	return strings.Join(quoted, ", ")
}
