package models

import (
	"context"
	"fmt"
	"strings"
)

// importedTables are the tables an import fills that the write path and
// the importer read many rows of at once. The others (revisions, search
// documents) are only written, or read by one key; counting them would
// cost more than the rest together (their rows are whole bodies).
var importedTables = []string{
	"articles", "article_translations", "article_tags", "article_listings", "article_tag_listings",
	"article_relations", "article_links", "article_slugs", "import_items",
}

// RefreshPlannerStats has PostgreSQL count what the tables hold again
// (ANALYZE), for a caller that has just added many rows: an import. The
// planner chooses between an index and a whole-table scan by those
// counts, and with none, or counts from when the tables were nearly
// empty, it reads all the article tables to find the fifty rows an
// import batch asks for (WHERE article_id IN …), slower with every batch.
// Autovacuum does the same in time, when it runs at all; an import
// cannot wait for it. SQLite's planner prefers its indexes without
// counts: there it does nothing.
func (s *Store) RefreshPlannerStats(ctx context.Context) error {
	if s.engine != Postgres {
		return nil
	}
	if err := s.write.WithContext(ctx).Exec("ANALYZE " + strings.Join(importedTables, ", ")).Error; err != nil {
		return fmt.Errorf("refresh the planner's statistics: %w", err)
	}
	return nil
}
