package models

import (
	"context"
	"strings"
	"testing"
)

// dashboardSorts are the dashboard's queries allowed a temporary B-tree:
// the most-read ranking orders by a sum no index holds, over one day's or
// one week's view rows only.
const dashboardSorts = "SUM(v.views) AS views"

// TestDashboardQueriesUseIndexes checks the plan of every query the
// dashboard makes: each reads an index in the order it shows, so it stops
// after its few rows however large the site is. The one walk of a table,
// the revisions newest first, is of its primary key, with a limit.
func TestDashboardQueriesUseIndexes(t *testing.T) {
	s, _ := newDashboardSite(t)
	skipPlanOnPostgres(t, s)
	captured := captureQueries(t, s.read)
	_, err := s.LoadDashboard(context.Background(), DashboardQuery{Days: 30, Limit: 5})
	must(t, err)
	queries := captured()
	if len(queries) < 8 {
		t.Fatalf("captured %d queries, want every dashboard query", len(queries))
	}
	for _, q := range queries {
		for _, step := range explain(t, s, q) {
			switch {
			case strings.Contains(step, "USE TEMP B-TREE") && !strings.Contains(q, dashboardSorts):
				t.Errorf("temporary sort in plan %q\nfor %s", step, q)
			case strings.HasPrefix(step, "SCAN ") && !strings.HasPrefix(step, "SCAN article_revisions"):
				t.Errorf("full scan in plan %q\nfor %s", step, q)
			}
		}
	}
}
