package models

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// importRecord makes the record of one post imported as an article's
// translation in loc.
func importRecord(wpID int64, loc string) func(*Article) []ImportedItem {
	return func(a *Article) []ImportedItem {
		tr, _ := a.Translation(loc)
		return []ImportedItem{{Source: "https://old.example", Kind: ImportPost, WPID: wpID, TargetID: a.ID, Locale: loc, SourceHash: "h", TargetVersion: tr.Version}}
	}
}

// A refused article in a batch rolls back itself and its records, before
// the transaction (invalid input) or inside it (after its rows were
// written); the others commit with their records, old addresses and
// events.
func TestImportBatchRefusesOneArticleAlone(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	news := mustSection(t, s, "news", nil)
	existing := mustArticle(t, s, news.ID, published("fa", "خبر قدیمی", 3))
	events := &eventLog{s: s}
	events.next(t)
	var before int64
	must(t, s.read.Model(&Article{}).Count(&before).Error)

	article := func(title string, tags ...uint) *ArticleInput {
		return &ArticleInput{Shared: &SharedInput{SectionID: news.ID, Tags: tags}, Translations: []TranslationInput{published("fa", title, 1)}}
	}
	stale := &ArticleInput{ID: existing.ID, Shared: &SharedInput{SectionID: news.ID, Version: existing.Version + 5}}
	batch := []ImportSave{
		{Article: article("اول"), Record: importRecord(1, "fa"), Redirects: []RedirectInput{{Path: "/?p=1", Locale: "fa"}}},
		// Refused inside the transaction, after its article and
		// translation were written: the tag does not exist.
		{Article: article("دوم", 987654), Record: importRecord(2, "fa"), Redirects: []RedirectInput{{Path: "/?p=2", Locale: "fa"}}},
		// Refused before the transaction: too long a title.
		{Article: article(strings.Repeat("ب", TitleMaxRunes+1)), Record: importRecord(3, "fa")},
		// Refused inside: a stale version. Its address names its article
		// and is recorded all the same.
		{Article: stale, Record: importRecord(4, "fa"), Redirects: []RedirectInput{{Path: "/stale/", Locale: "fa", ArticleID: existing.ID}}},
		// Saved, its bad old address reported alone.
		{Article: article("پنجم"), Record: importRecord(5, "fa"), Redirects: []RedirectInput{{Path: "", Locale: "fa"}}},
		// Nothing to save: its old address is recorded all the same.
		{Redirects: []RedirectInput{{Path: "/old-one/", Locale: "fa", ArticleID: existing.ID}}},
	}
	results, err := s.SaveImportBatch(ctx, "https://old.example", batch)
	if err != nil {
		t.Fatal(err)
	}
	var invalid *ValidationError
	var conflict *ConflictError
	checks := []struct {
		name  string
		saved bool
		err   func(error) bool
	}{
		{"first", true, func(err error) bool { return err == nil }},
		{"missing tag", false, func(err error) bool { return errors.As(err, &invalid) }},
		{"long title", false, func(err error) bool { return errors.As(err, &invalid) }},
		{"stale", false, func(err error) bool { return errors.As(err, &conflict) }},
		{"bad address", true, func(err error) bool { return err == nil }},
		{"addresses only", false, func(err error) bool { return err == nil }},
	}
	for i, c := range checks {
		if got := results[i]; (got.Article != nil) != c.saved || !c.err(got.Err) {
			t.Errorf("%s: saved %v, err %v", c.name, got.Article != nil, got.Err)
		}
	}
	if results[4].RedirectErr == nil || results[0].RedirectErr != nil || results[5].RedirectErr != nil {
		t.Errorf("redirect errors: %v, %v, %v", results[0].RedirectErr, results[4].RedirectErr, results[5].RedirectErr)
	}
	var after int64
	must(t, s.read.Model(&Article{}).Count(&after).Error)
	if after != before+2 {
		t.Errorf("%d articles after the batch, want %d", after, before+2)
	}
	known, err := s.FindImported(ctx, "https://old.example", ImportPost, []int64{1, 2, 3, 4, 5})
	must(t, err)
	if ids := slices.Sorted(maps.Keys(known)); !slices.Equal(ids, []int64{1, 5}) {
		t.Errorf("records of posts %v, want [1 5]", ids)
	}
	if known[1].TargetID != results[0].Article.ID || known[1].TargetVersion != 1 {
		t.Errorf("record of post 1: %+v", known[1])
	}
	for path, want := range map[string]uint{"/?p=1": results[0].Article.ID, "/old-one": existing.ID, "/stale": existing.ID, "/?p=2": 0} {
		got, err := s.FindRedirect(ctx, path)
		if (want == 0) != errors.Is(err, ErrNotFound) || (want != 0 && (err != nil || got.ID != want)) {
			t.Errorf("redirect %s: %+v, %v; want article %d", path, got, err, want)
		}
	}
	want := []string{
		fmt.Sprintf("%s %d fa", EventArticlePublished, results[0].Article.ID),
		fmt.Sprintf("%s %d fa", EventArticlePublished, results[4].Article.ID),
	}
	if got := events.names(t); !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
}

// An old address the database refuses (its article is gone) costs the
// batch's addresses, never its articles.
func TestImportBatchKeepsArticlesWhenAddressesFail(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	news := mustSection(t, s, "news", nil)
	results, err := s.SaveImportBatch(ctx, "https://old.example", []ImportSave{
		{Article: &ArticleInput{Shared: &SharedInput{SectionID: news.ID}, Translations: []TranslationInput{published("tg", "Хабар", 1)}}, Record: importRecord(1, "tg"), Redirects: []RedirectInput{{Path: "/?p=1"}}},
		{Redirects: []RedirectInput{{Path: "/gone/", ArticleID: 987654}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if results[0].Article == nil || results[0].Err != nil || results[0].RedirectErr == nil || results[1].RedirectErr == nil {
		t.Fatalf("results %+v", results)
	}
	if known, err := s.FindImported(ctx, "https://old.example", ImportPost, []int64{1}); err != nil || known[1].TargetID != results[0].Article.ID {
		t.Errorf("record of post 1: %+v, %v", known, err)
	}
	if _, err := s.FindArticle(ctx, results[0].Article.ID); err != nil {
		t.Errorf("the article: %v", err)
	}
}
