package models

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"
)

// wholeTableReads are queries that read a whole small table on purpose.
var wholeTableReads = regexp.MustCompile(`^SCAN (sections|schema_migrations)\b`)

// fullTextStep is the step of a search that reads the FTS4 index with a
// MATCH: FTS4 plans a MATCH as index 2 and up (0 would read every row of
// the index, 1 look a row up by docid). It is a "SCAN" only in name.
var fullTextStep = regexp.MustCompile(`^SCAN article_search VIRTUAL TABLE INDEX ([2-9]|\d\d+):`)

// TestPublicReadQueriesUseIndexes runs every public read the API makes and
// checks each SELECT's plan: no temporary sort and no full scan. A planner
// change once made a keyset query 100× slower by sorting instead of walking
// an index; this test catches such a plan before production does.
func TestPublicReadQueriesUseIndexes(t *testing.T) {
	s, _ := newTestStore(t)
	skipPlanOnPostgres(t, s)
	ctx := context.Background()
	culture := mustSection(t, s, "culture", nil)
	heritage := mustSection(t, s, "heritage", &culture.ID)
	var articles []*Article
	for i := range 30 {
		sec := culture.ID
		if i%3 == 0 {
			sec = heritage.ID
		}
		articles = append(articles, mustArticle(t, s, sec, published("tg", fmt.Sprintf("Хабари %d", i), i/2), published("fa", fmt.Sprintf("خبر %d", i), i/2)))
	}
	first := articles[0]
	if _, err := s.SaveArticle(ctx, ArticleInput{ID: first.ID, Shared: &SharedInput{Version: first.Version, SectionID: first.SectionID, Related: []uint{articles[1].ID, articles[2].ID}}}); err != nil {
		t.Fatal(err)
	}

	captured := captureQueries(t, s.read)
	page, next, err := s.ListPublicArticles(ctx, ListQuery{Locale: "tg", Limit: 5})
	must(t, err)
	_, _, err = s.ListPublicArticles(ctx, ListQuery{Locale: "tg", Limit: 5, After: next})
	must(t, err)
	filtered := ListQuery{Locale: "fa", SectionID: culture.ID, Exclude: []uint{page[0].Article.ID, page[1].Article.ID}, Limit: 5, After: next,
		PublishedFrom: testNow.AddDate(0, 0, -10), PublishedBefore: testNow.AddDate(0, 0, -1)}
	_, _, err = s.ListPublicArticles(ctx, filtered)
	must(t, err)
	filtered.OwnSectionOnly = true
	_, _, err = s.ListPublicArticles(ctx, filtered)
	must(t, err)
	_, err = s.CountPublicArticles(ctx, ListQuery{Locale: "tg"})
	must(t, err)
	_, err = s.CountPublicArticles(ctx, filtered)
	must(t, err)
	_, err = s.CountPublicBySection(ctx, "fa")
	must(t, err)
	_, err = s.FindPublicArticle(ctx, "tg", first.ID)
	must(t, err)
	faFirst, _ := first.Translation("fa")
	_, err = s.FindPublicArticleBySlug(ctx, "fa", faFirst.Slug)
	must(t, err)
	_, err = s.ListPublicRelated(ctx, "tg", articles[1].ID)
	must(t, err)
	_, err = s.IsPublicAnywhere(ctx, first.ID)
	must(t, err)
	s.NextScheduledChange(ctx, testNow)
	_, err = s.FindSectionBySlug(ctx, "culture")
	must(t, err)
	_, _, err = s.SearchPublic(ctx, SearchQuery{Locale: "tg", Text: "хабари", Limit: 5})
	must(t, err)
	_, _, err = s.SearchPublic(ctx, SearchQuery{Locale: "fa", Text: "خبر", SectionID: culture.ID, Limit: 5, After: &SearchCursor{Offset: 5}})
	must(t, err)
	_, _, err = s.SearchPublic(ctx, SearchQuery{Locale: "fa", Text: "خبر", ByDate: true, Limit: 5})
	must(t, err)
	_, err = s.CountPublicSearch(ctx, SearchQuery{Locale: "tg", Text: "хабари", SectionID: culture.ID})
	must(t, err)

	queries := captured()
	for _, want := range []string{"(published_at, article_id) <", "COUNT(*)", "count(*) FROM `article_listings`", "own.section_id", "MIN(published_at)", "article_slugs", "article_relations", "article_search MATCH"} {
		if !slices.ContainsFunc(queries, func(q string) bool { return strings.Contains(q, want) }) {
			t.Fatalf("no captured query contains %q; the capture misses queries", want)
		}
	}
	for _, q := range queries {
		// A ranked search sorts its matches by relevance, which no index
		// holds, so it may sort; the full-text match must drive the join,
		// so that the other tables are only probed by key, never scanned.
		ranked := strings.Contains(q, "article_search MATCH")
		steps := explain(t, s, q)
		if ranked && !fullTextStep.MatchString(steps[0]) {
			t.Errorf("search does not start from the full-text match: plan %q\nfor %s", steps, q)
		}
		for _, step := range steps {
			switch {
			case ranked && (fullTextStep.MatchString(step) || step == "USE TEMP B-TREE FOR ORDER BY"):
			case strings.Contains(step, "USE TEMP B-TREE"):
				t.Errorf("temporary sort in plan %q\nfor %s", step, q)
			case strings.HasPrefix(step, "SCAN ") && !wholeTableReads.MatchString(step):
				t.Errorf("full scan in plan %q\nfor %s", step, q)
			}
		}
	}
}

// TestSearchProbesListingsByArticle checks how a search tests each match
// against article_listings: it must look the match's own article up
// (article_id=?), one index seek per match. Without statistics SQLite
// prefers the primary key (locale, scope_id, published_at, article_id),
// seeks by locale, scope and time bound, and walks every listing of the
// locale for each match: over 100,000 articles a common word then takes
// minutes (docs/BENCHMARKS.md, "Search over 100,000 articles").
// TestPublicReadQueriesUseIndexes cannot see this: the plan has no SCAN.
// Migration 0008 gives the probe its index.
func TestSearchProbesListingsByArticle(t *testing.T) {
	s, _ := newTestStore(t)
	skipPlanOnPostgres(t, s)
	sec := mustSection(t, s, "news", nil)
	mustArticle(t, s, sec.ID, published("tg", "Хабари рӯз", 1))
	captured := captureQueries(t, s.read)
	_, _, err := s.SearchPublic(context.Background(), SearchQuery{Locale: "tg", Text: "хабари", SectionID: sec.ID, Limit: 5})
	must(t, err)
	probed := false
	for _, q := range captured() {
		if !strings.Contains(q, "article_search MATCH") {
			continue
		}
		for _, step := range explain(t, s, q) {
			if strings.HasPrefix(step, "SEARCH l ") {
				probed = true
				if !strings.Contains(step, "(article_id=?") {
					t.Errorf("listings are not probed by article: plan step %q\nfor %s", step, q)
				}
			}
		}
	}
	if !probed {
		t.Fatal("no search plan joins article_listings as l; the capture or the query changed")
	}
}

// captureQueries records every SELECT the read pool runs from now on, with
// its arguments inlined so EXPLAIN can run it again.
// skipPlanOnPostgres skips a test of SQLite's query plans on PostgreSQL,
// which plans by its own statistics and has no EXPLAIN QUERY PLAN.
func skipPlanOnPostgres(t *testing.T, s *Store) {
	t.Helper()
	if s.Engine() == Postgres {
		t.Skip("checks EXPLAIN QUERY PLAN: SQLite's planner")
	}
}

func captureQueries(t *testing.T, db *gorm.DB) func() []string {
	var mu sync.Mutex
	var out []string
	name := "test:capture:" + t.Name()
	record := func(tx *gorm.DB) {
		sql := tx.Dialector.Explain(tx.Statement.SQL.String(), tx.Statement.Vars...)
		if strings.HasPrefix(sql, "SELECT") {
			mu.Lock()
			out = append(out, sql)
			mu.Unlock()
		}
	}
	must(t, db.Callback().Query().After("gorm:query").Register(name, record))
	must(t, db.Callback().Row().After("gorm:row").Register(name, record))
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), out...)
	}
}

func explain(t *testing.T, s *Store, query string) []string {
	t.Helper()
	skipPlanOnPostgres(t, s)
	rows, err := s.read.Raw("EXPLAIN QUERY PLAN " + query).Rows()
	must(t, err)
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		must(t, rows.Scan(&id, &parent, &unused, &detail))
		steps = append(steps, detail)
	}
	return steps
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
