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

// TestPublicReadQueriesUseIndexes runs every public read the API makes and
// checks each SELECT's plan: no temporary sort and no full scan. A planner
// change once made a keyset query 100× slower by sorting instead of walking
// an index; this test catches such a plan before production does.
func TestPublicReadQueriesUseIndexes(t *testing.T) {
	s, _ := newTestStore(t)
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
	_, _, err = s.ListPublicArticles(ctx, ListQuery{Locale: "fa", SectionID: culture.ID, Exclude: page[0].Article.ID, Limit: 5, After: next})
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

	queries := captured()
	for _, want := range []string{"(published_at, article_id) <", "COUNT(*)", "MIN(published_at)", "article_slugs", "article_relations"} {
		if !slices.ContainsFunc(queries, func(q string) bool { return strings.Contains(q, want) }) {
			t.Fatalf("no captured query contains %q; the capture misses queries", want)
		}
	}
	for _, q := range queries {
		for _, step := range explain(t, s, q) {
			switch {
			case strings.Contains(step, "USE TEMP B-TREE"):
				t.Errorf("temporary sort in plan %q\nfor %s", step, q)
			case strings.HasPrefix(step, "SCAN ") && !wholeTableReads.MatchString(step):
				t.Errorf("full scan in plan %q\nfor %s", step, q)
			}
		}
	}
}

// captureQueries records every SELECT the read pool runs from now on, with
// its arguments inlined so EXPLAIN can run it again.
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
