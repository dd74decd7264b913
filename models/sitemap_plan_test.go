package models

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// idRangeStart is the first step of a file's queries: one range of ids.
var idRangeStart = regexp.MustCompile(`^SEARCH [lo] USING COVERING INDEX idx_article_listings_article \(article_id>\? AND article_id<\?\)$`)

// TestSitemapQueriesUseIndexes checks every sitemap query's plan, as
// TestPublicReadQueriesUseIndexes does the API's: no full scan and no
// temporary sort. A file's entries must stream in id order straight from
// idx_article_listings_article, and its stamp must read the same range,
// so a conditional request over a million articles still reads one
// file's rows, not the site's.
func TestSitemapQueriesUseIndexes(t *testing.T) {
	s, _ := newTestStore(t)
	skipPlanOnPostgres(t, s)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	var first *Article
	for i := range 6 {
		a := mustArticle(t, s, sec.ID, published("tg", "Хабари "+string(rune('а'+i)), i), published("fa", "خبر "+string(rune('ا'+i)), i))
		if first == nil {
			first = a
		}
	}
	captured := captureQueries(t, s.read)
	must(t, s.StreamSitemapEntries(ctx, "tg", 2, 4, func(SitemapEntry) error { return nil }))
	_, err := s.SitemapFileStamp(ctx, "tg", 2, 4)
	must(t, err)
	_, err = s.ListSitemapFiles(ctx, 2)
	must(t, err)
	_, err = s.ListSitemapSections(ctx)
	must(t, err)
	tag := mustTag(t, s, map[string]string{"tg": "Мусиқӣ"})
	setTags(t, s, first, tag.ID)
	_, err = s.ListSitemapTags(ctx)
	must(t, err)
	_, err = s.ListNewsSitemapEntries(ctx, testNow.AddDate(0, 0, -2), 1000)
	must(t, err)

	queries := captured()
	for _, want := range []string{"ORDER BY l.article_id", "COUNT(*) AS rows", "ORDER BY article_id", "MAX(published_at)", "l.published_at DESC", "article_tag_listings"} {
		if !slices.ContainsFunc(queries, func(q string) bool { return strings.Contains(q, want) }) {
			t.Fatalf("no captured query contains %q; the capture misses queries", want)
		}
	}
	for _, q := range queries {
		steps := explain(t, s, q)
		for _, step := range steps {
			switch {
			case strings.Contains(step, "USE TEMP B-TREE"):
				t.Errorf("temporary sort in plan %q\nfor %s", step, q)
			case strings.HasPrefix(step, "SCAN ") && !wholeTableReads.MatchString(step):
				t.Errorf("full scan in plan %q\nfor %s", step, q)
			}
		}
		if strings.Contains(q, "ORDER BY l.article_id") && !slices.ContainsFunc(steps, func(step string) bool {
			return strings.HasPrefix(step, "SEARCH t USING COVERING INDEX idx_article_translations_sitemap (")
		}) {
			t.Errorf("a file reads the translations' rows, not their covering index: %q", steps)
		}
		if strings.Contains(q, "article_listings AS o") && !idRangeStart.MatchString(steps[0]) {
			t.Errorf("a file does not start from its id range: %q\nfor %s", steps, q)
		}
	}
}
