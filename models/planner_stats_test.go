package models

import (
	"context"
	"testing"
)

// The tables counted are the schema's: a renamed or dropped one would
// fail every import on PostgreSQL.
func TestRefreshPlannerStats(t *testing.T) {
	s, _ := newTestStore(t)
	if err := s.RefreshPlannerStats(context.Background()); err != nil {
		t.Fatal(err)
	}
}
