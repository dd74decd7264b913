package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// copiedTables are the tables CopyFrom moves row by row. A table the
// schema holds that is neither here nor in copyRoles stops the copy: a
// migration that adds a table must say here whether it is copied, so no
// table is ever silently left behind.
var copiedTables = []string{
	"users", "sections", "section_names", "section_slugs",
	"media", "media_texts", "media_variants",
	"articles", "article_translations", "article_slugs", "article_relations", "article_links",
	"article_listings", "article_daily_views", "article_revisions", "article_locks",
	"article_pins", "tags", "tag_names", "tag_slugs", "article_tags", "article_tag_listings",
	"sessions", "settings", "signin_counters",
	"events", "webhook_endpoints", "webhook_deliveries", "import_items",
	"import_runs",
	"redirects",
}

// copyRole says what CopyFrom does with a table that is not copied.
type copyRole int

const (
	roleCopied copyRole = iota
	// roleRebuilt tables hold the search index, whose contents are the
	// engine's own (FTS4 or tsvector): the target builds its own from the
	// copied articles.
	roleRebuilt
	// roleSkipped tables are the engines' and the migrator's bookkeeping.
	roleSkipped
)

// tableRole classifies a table found in a schema; false for a table the
// copy does not know.
func tableRole(name string) (copyRole, bool) {
	switch {
	case slices.Contains(copiedTables, name):
		return roleCopied, true
	case name == "article_search", name == "article_search_terms",
		// FTS4's shadow tables of article_search.
		strings.HasPrefix(name, "article_search_") && slices.Contains([]string{"content", "segments", "segdir", "docsize", "stat"}, strings.TrimPrefix(name, "article_search_")):
		return roleRebuilt, true
	case name == "schema_migrations", name == "sqlite_sequence", strings.HasPrefix(name, "sqlite_stat"):
		return roleSkipped, true
	}
	return 0, false
}

// copyColumn is one column of a copied table, as the target declares it.
type copyColumn struct {
	name string
	kind valueKind
}

// copyTable is what the copy needs to know of one table.
type copyTable struct {
	name    string
	columns []copyColumn
	// key is the primary key, the order rows are read in.
	key []string
	// refs are the other tables this one's foreign keys point at; they are
	// copied first.
	refs []string
	// selfRefs are columns pointing at the same table (a section's parent):
	// they are filled in once every row of the table is there.
	selfRefs []string
	// serial is the column a sequence numbers (id, position), "" if none.
	serial string
}

// querier is what reading a schema needs: a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// copyPlan reads the tables to copy from the target's schema, in an order
// where every table comes after those its foreign keys point at, and
// checks that the source holds the same tables and columns.
func copyPlan(ctx context.Context, target querier, targetEngine Engine, source querier, sourceEngine Engine) ([]copyTable, error) {
	names, err := schemaTables(ctx, target, targetEngine)
	if err != nil {
		return nil, fmt.Errorf("read the target's tables: %w", err)
	}
	sourceNames, err := schemaTables(ctx, source, sourceEngine)
	if err != nil {
		return nil, fmt.Errorf("read the source's tables: %w", err)
	}
	var tables []copyTable
	for _, name := range names {
		role, known := tableRole(name)
		if !known {
			return nil, fmt.Errorf("the target database has a table %s that the copy does not know: "+
				"if another program's, give Payvand a database of its own; "+
				"if a migration added it, list it in copiedTables (models/copy_schema.go) so it is not left behind", name)
		}
		if role != roleCopied {
			continue
		}
		t, err := describeTable(ctx, target, targetEngine, name)
		if err != nil {
			return nil, fmt.Errorf("read table %s of the target: %w", name, err)
		}
		if !slices.Contains(sourceNames, name) {
			return nil, fmt.Errorf("the source has no table %s", name)
		}
		if err := sameColumns(ctx, source, sourceEngine, t); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	for _, name := range sourceNames {
		if _, known := tableRole(name); !known {
			return nil, fmt.Errorf("the source database has a table %s that the copy does not know, and would leave behind", name)
		}
	}
	if len(tables) != len(copiedTables) {
		return nil, fmt.Errorf("the target holds %d of the %d tables the copy moves", len(tables), len(copiedTables))
	}
	return foreignKeyOrder(tables)
}

// foreignKeyOrder sorts tables so each follows the tables it refers to,
// ties by name so every copy runs in the same order.
func foreignKeyOrder(tables []copyTable) ([]copyTable, error) {
	slices.SortFunc(tables, func(a, b copyTable) int { return strings.Compare(a.name, b.name) })
	done := map[string]bool{}
	var ordered []copyTable
	for len(ordered) < len(tables) {
		progress := false
		for _, t := range tables {
			if done[t.name] || slices.ContainsFunc(t.refs, func(r string) bool { return !done[r] }) {
				continue
			}
			done[t.name] = true
			ordered = append(ordered, t)
			progress = true
		}
		if !progress {
			return nil, fmt.Errorf("the tables' foreign keys form a cycle; the copy cannot order them")
		}
	}
	return ordered, nil
}

// sameColumns checks that the source's table has the target's columns.
func sameColumns(ctx context.Context, source querier, engine Engine, t copyTable) error {
	cols, err := tableColumns(ctx, source, engine, t.name)
	if err != nil {
		return fmt.Errorf("read table %s of the source: %w", t.name, err)
	}
	var want []string
	for _, c := range t.columns {
		want = append(want, c.name)
	}
	var got []string
	for _, c := range cols {
		got = append(got, c.name)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		return fmt.Errorf("table %s has columns %s in the source but %s in the target", t.name, strings.Join(got, ", "), strings.Join(want, ", "))
	}
	return nil
}

// schemaTables lists the tables of a database, sorted.
func schemaTables(ctx context.Context, db querier, engine Engine) ([]string, error) {
	query := `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	if engine == Postgres {
		query = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
	}
	return queryStrings(ctx, db, query)
}

// describeTable reads a table's columns, primary key, foreign keys and
// sequence.
func describeTable(ctx context.Context, db querier, engine Engine, name string) (copyTable, error) {
	t := copyTable{name: name}
	var err error
	if t.columns, err = tableColumns(ctx, db, engine, name); err != nil {
		return t, err
	}
	keyQuery := `SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`
	refQuery := `SELECT "table", "from" FROM pragma_foreign_key_list(?) ORDER BY id`
	if engine == Postgres {
		keyQuery = `SELECT a.attname FROM pg_index i
			JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
			WHERE i.indrelid = $1::regclass AND i.indisprimary
			ORDER BY array_position(i.indkey::int2[], a.attnum)`
		refQuery = `SELECT r.relname, a.attname FROM pg_constraint c
			JOIN pg_class r ON r.oid = c.confrelid
			JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
			WHERE c.contype = 'f' AND c.conrelid = $1::regclass ORDER BY c.conname`
	}
	if t.key, err = queryStrings(ctx, db, keyQuery, name); err != nil {
		return t, err
	}
	if len(t.key) == 0 {
		return t, fmt.Errorf("table %s has no primary key to copy it in order by", name)
	}
	rows, err := db.QueryContext(ctx, refQuery, name)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var ref, column string
		if err := rows.Scan(&ref, &column); err != nil {
			return t, err
		}
		switch {
		case ref == name:
			t.selfRefs = append(t.selfRefs, column)
		case !slices.Contains(t.refs, ref):
			t.refs = append(t.refs, ref)
		}
	}
	if err := rows.Err(); err != nil {
		return t, err
	}
	t.serial, err = serialColumn(ctx, db, engine, t)
	return t, err
}

// tableColumns reads a table's columns and their kinds, in table order.
func tableColumns(ctx context.Context, db querier, engine Engine, name string) ([]copyColumn, error) {
	query := `SELECT name, type FROM pragma_table_info(?) ORDER BY cid`
	if engine == Postgres {
		query = `SELECT column_name, data_type FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`
	}
	rows, err := db.QueryContext(ctx, query, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []copyColumn
	for rows.Next() {
		var col, declared string
		if err := rows.Scan(&col, &declared); err != nil {
			return nil, err
		}
		kind, err := columnKind(engine, declared)
		if err != nil {
			return nil, fmt.Errorf("column %s.%s: %w", name, col, err)
		}
		cols = append(cols, copyColumn{name: col, kind: kind})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("table %s has no columns", name)
	}
	return cols, nil
}

// serialColumn finds the column a sequence numbers: an AUTOINCREMENT key
// in SQLite, a BIGSERIAL one in PostgreSQL.
func serialColumn(ctx context.Context, db querier, engine Engine, t copyTable) (string, error) {
	if len(t.key) != 1 {
		return "", nil
	}
	var serial bool
	var err error
	if engine == Postgres {
		err = db.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, $2) IS NOT NULL`, t.name, t.key[0]).Scan(&serial)
	} else {
		err = db.QueryRowContext(ctx, `SELECT sql LIKE '%AUTOINCREMENT%' FROM sqlite_master WHERE type = 'table' AND name = ?`, t.name).Scan(&serial)
	}
	if err != nil || !serial {
		return "", err
	}
	return t.key[0], nil
}
