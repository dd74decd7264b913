package models

import (
	"context"
	"strings"
	"testing"
)

// TestListTotalCountsFromTheListingIndex checks the plan of the list's
// total: a count over one range of article_listings' primary key, which
// holds every column it filters on, so no table row is read. The search
// total must be driven by the full-text match like the search itself.
func TestListTotalCountsFromTheListingIndex(t *testing.T) {
	s, _ := newTestStore(t)
	skipPlanOnPostgres(t, s)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабари рӯз", 1))
	mustArticle(t, s, sec.ID, published("tg", "Хабари дигар", 2))
	captured := captureQueries(t, s.read)
	_, err := s.CountPublicArticles(ctx, ListQuery{Locale: "tg", SectionID: sec.ID, Exclude: []uint{a.ID},
		PublishedFrom: testNow.AddDate(0, 0, -5), PublishedBefore: testNow})
	must(t, err)
	_, err = s.CountPublicSearch(ctx, SearchQuery{Locale: "tg", Text: "хабари"})
	must(t, err)
	var listCount, searchCount bool
	for _, q := range captured() {
		steps := explain(t, s, q)
		switch {
		case strings.Contains(q, "count(*) FROM `article_listings`"):
			listCount = true
			if len(steps) != 1 || !strings.HasPrefix(steps[0], "SEARCH article_listings USING COVERING INDEX sqlite_autoindex_article_listings_1 (locale=? AND scope_id=? AND published_at>? AND published_at<?)") {
				t.Errorf("the list total does not count one range of the listing key: %q", steps)
			}
		case strings.Contains(q, "COUNT(*)") && strings.Contains(q, "MATCH"):
			searchCount = true
			if !fullTextStep.MatchString(steps[0]) {
				t.Errorf("the search total does not start from the full-text match: %q", steps)
			}
		}
	}
	if !listCount || !searchCount {
		t.Fatalf("captured list count %v, search count %v: the queries changed", listCount, searchCount)
	}
}
