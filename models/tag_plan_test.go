package models

import (
	"context"
	"strings"
	"testing"
)

// TestTagListReadsTheTagListingIndex checks the plans of a tag's list and
// total: one range of article_tag_listings' primary key, walked in order
// (no temporary sort, no scan), with a section narrowing it by one
// primary-key probe of article_listings per entry.
func TestTagListReadsTheTagListingIndex(t *testing.T) {
	s, _ := newTestStore(t)
	skipPlanOnPostgres(t, s)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	tag := mustTag(t, s, map[string]string{"tg": "Мусиқӣ"})
	for i := range 5 {
		setTags(t, s, mustArticle(t, s, sec.ID, published("tg", "Хабар "+string(rune('a'+i)), i+1)), tag.ID)
	}
	captured := captureQueries(t, s.read)
	q := ListQuery{Locale: "tg", TagID: tag.ID, Limit: 2}
	_, next, err := s.ListPublicArticles(ctx, q)
	must(t, err)
	q.After, q.SectionID = next, sec.ID
	_, _, err = s.ListPublicArticles(ctx, q)
	must(t, err)
	_, err = s.CountPublicArticles(ctx, q)
	must(t, err)
	_, err = s.ListPublicTags(ctx, "tg")
	must(t, err)
	_, err = s.FindPublicTag(ctx, "tg", tag.Slug)
	must(t, err)
	seen := 0
	for _, query := range captured() {
		if !strings.Contains(query, "article_tag_listings") {
			continue
		}
		seen++
		steps := explain(t, s, query)
		if !strings.HasPrefix(steps[0], "SEARCH article_tag_listings USING COVERING INDEX sqlite_autoindex_article_tag_listings_1 (locale=?") {
			t.Errorf("a tag query does not start from the tag listing key: %q\nfor %s", steps, query)
		}
		for _, step := range steps {
			if strings.Contains(step, "USE TEMP B-TREE") || strings.HasPrefix(step, "SCAN ") {
				t.Errorf("sort or scan in plan %q\nfor %s", step, query)
			}
			if strings.HasPrefix(step, "SEARCH s ") && !strings.Contains(step, "(locale=? AND scope_id=? AND published_at=? AND article_id=?)") {
				t.Errorf("the section probe is not by primary key: %q\nfor %s", step, query)
			}
		}
	}
	if seen < 5 {
		t.Fatalf("captured %d tag listing queries, want 5: the queries changed", seen)
	}
}
