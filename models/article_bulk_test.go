package models

import (
	"context"
	"errors"
	"testing"
	"time"
)

// listedNow is an article as the list shows it at this moment.
func listedNow(t *testing.T, s *Store, id uint) ListedArticle {
	t.Helper()
	a, err := s.FindArticle(context.Background(), id)
	must(t, err)
	return ListedArticle{ID: id, UpdatedAt: a.UpdatedAt}
}

func bulkErrs(t *testing.T, results []BulkResult) map[uint]error {
	t.Helper()
	out := map[uint]error{}
	for _, r := range results {
		out[r.ID] = r.Err
	}
	return out
}

// Publishing a locale in bulk publishes each listed draft through the write
// path, refuses the one somebody saved since it was listed (and leaves it
// as that save left it), says which had nothing to do or no translation,
// and keeps every other field of the translations.
func TestBulkPublishChecksTheListedVersions(t *testing.T) {
	ctx := context.Background()
	s, clk := newTestStore(t)
	news := mustSection(t, s, "news", nil)
	draft := func(title string) TranslationInput {
		return TranslationInput{Locale: "fa", Status: StatusDraft, Title: title, BodyHTML: "<p>متن می\u200cشود</p>", Summary: "خلاصه"}
	}
	a := mustArticle(t, s, news.ID, draft("یکم"))
	b := mustArticle(t, s, news.ID, draft("دوم"))
	stale := mustArticle(t, s, news.ID, draft("سوم"))
	done := mustArticle(t, s, news.ID, published("fa", "چهارم", 1))
	tgOnly := mustArticle(t, s, news.ID, published("tg", "Панҷум", 1))
	listed := []ListedArticle{listedNow(t, s, a.ID), listedNow(t, s, b.ID), listedNow(t, s, stale.ID), listedNow(t, s, done.ID), listedNow(t, s, tgOnly.ID)}

	// Another editor saves the third article after the list was shown.
	clk.t = clk.t.Add(time.Minute)
	st, _ := stale.Translation("fa")
	edited := draft("سوم، ویرایش‌شده")
	edited.Version = st.Version
	if _, err := s.SaveArticle(ctx, ArticleInput{ID: stale.ID, Translations: []TranslationInput{edited}}); err != nil {
		t.Fatal(err)
	}

	results, err := s.ApplyBulk(ctx, BulkAction{Kind: BulkPublish, Locale: "fa"}, listed, nil)
	must(t, err)
	errs := bulkErrs(t, results)
	if errs[a.ID] != nil || errs[b.ID] != nil {
		t.Fatalf("drafts not published: %v, %v", errs[a.ID], errs[b.ID])
	}
	var conflict *ConflictError
	if !errors.As(errs[stale.ID], &conflict) || conflict.Part != "article" {
		t.Errorf("stale article: got %v, want a conflict", errs[stale.ID])
	}
	if !errors.Is(errs[done.ID], ErrUnchanged) {
		t.Errorf("published article: got %v, want ErrUnchanged", errs[done.ID])
	}
	var invalid *ValidationError
	if !errors.As(errs[tgOnly.ID], &invalid) || invalid.Fields["translations.fa"].ID != "validation.bulk_no_translation" {
		t.Errorf("article without fa: got %v", errs[tgOnly.ID])
	}
	for _, id := range []uint{a.ID, b.ID} {
		got, err := s.FindArticle(ctx, id)
		must(t, err)
		tr, _ := got.Translation("fa")
		if tr.Status != StatusPublished || tr.PublishedAt == nil || tr.BodyHTML != "<p>متن می\u200cشود</p>" || tr.Summary != "خلاصه" {
			t.Errorf("article %d after bulk publish: %+v", id, tr)
		}
	}
	got, err := s.FindArticle(ctx, stale.ID)
	must(t, err)
	if tr, _ := got.Translation("fa"); tr.Status != StatusDraft || tr.Title != "سوم، ویرایش‌شده" {
		t.Errorf("the conflicting article changed: %+v", tr)
	}

	// Unpublishing takes them back to drafts.
	results, err = s.ApplyBulk(ctx, BulkAction{Kind: BulkUnpublish, Locale: "fa"}, []ListedArticle{listedNow(t, s, a.ID)}, nil)
	must(t, err)
	if results[0].Err != nil {
		t.Fatal(results[0].Err)
	}
	got, err = s.FindArticle(ctx, a.ID)
	must(t, err)
	if tr, _ := got.Translation("fa"); tr.Status != StatusDraft {
		t.Errorf("unpublished article is %s", tr.Status)
	}
}

// Moving, tagging, pinning and trashing in bulk change that one thing and
// refuse an article whose shared fields were saved since it was listed.
func TestBulkSharedActions(t *testing.T) {
	ctx := context.Background()
	s, clk := newTestStore(t)
	news := mustSection(t, s, "news", nil)
	sport := mustSection(t, s, "sport", nil)
	tag, err := s.SaveTag(ctx, TagInput{Names: map[string]string{"tg": "Варзиш"}})
	must(t, err)
	a := mustArticle(t, s, news.ID, published("tg", "Якум", 2))
	b := mustArticle(t, s, news.ID, published("tg", "Дуюм", 1))

	apply := func(action BulkAction, listed ...ListedArticle) map[uint]error {
		t.Helper()
		clk.t = clk.t.Add(time.Second)
		results, err := s.ApplyBulk(ctx, action, listed, nil)
		must(t, err)
		return bulkErrs(t, results)
	}
	if errs := apply(BulkAction{Kind: BulkMove, SectionID: sport.ID}, listedNow(t, s, a.ID), listedNow(t, s, b.ID)); errs[a.ID] != nil || errs[b.ID] != nil {
		t.Fatalf("move: %v", errs)
	}
	for _, id := range []uint{a.ID, b.ID} {
		got, err := s.FindArticle(ctx, id)
		must(t, err)
		if got.SectionID != sport.ID {
			t.Errorf("article %d is in section %d after the move", id, got.SectionID)
		}
	}

	staleB := listedNow(t, s, b.ID)
	if errs := apply(BulkAction{Kind: BulkTag, TagID: tag.ID}, listedNow(t, s, a.ID)); errs[a.ID] != nil {
		t.Fatal(errs[a.ID])
	}
	if errs := apply(BulkAction{Kind: BulkTag, TagID: tag.ID}, listedNow(t, s, a.ID)); !errors.Is(errs[a.ID], ErrUnchanged) {
		t.Errorf("tagging twice: %v", errs[a.ID])
	}
	tags, err := s.ArticleTags(ctx, a.ID)
	must(t, err)
	if len(tags) != 1 || tags[0].ID != tag.ID {
		t.Errorf("tags after bulk tag: %+v", tags)
	}
	if errs := apply(BulkAction{Kind: BulkUntag, TagID: tag.ID}, listedNow(t, s, a.ID)); errs[a.ID] != nil {
		t.Fatal(errs[a.ID])
	}
	if tags, _ := s.ArticleTags(ctx, a.ID); len(tags) != 0 {
		t.Errorf("tags after bulk untag: %+v", tags)
	}

	if errs := apply(BulkAction{Kind: BulkPin}, listedNow(t, s, a.ID)); errs[a.ID] != nil {
		t.Fatal(errs[a.ID])
	}
	if pins, _ := s.ShownPins(ctx, []uint{a.ID}); pins[a.ID].ArticleID != a.ID {
		t.Error("not pinned after bulk pin")
	}
	if errs := apply(BulkAction{Kind: BulkUnpin}, listedNow(t, s, a.ID)); errs[a.ID] != nil {
		t.Fatal(errs[a.ID])
	}
	if pins, _ := s.ShownPins(ctx, []uint{a.ID}); len(pins) != 0 {
		t.Error("still pinned after bulk unpin")
	}

	// b is saved (moved back) after staleB was listed: staleB is stale.
	if errs := apply(BulkAction{Kind: BulkMove, SectionID: news.ID}, staleB); errs[b.ID] != nil {
		t.Fatal(errs[b.ID])
	}
	var conflict *ConflictError
	errs := apply(BulkAction{Kind: BulkTrash}, listedNow(t, s, a.ID), staleB)
	if errs[a.ID] != nil {
		t.Fatalf("trash: %v", errs[a.ID])
	}
	if !errors.As(errs[b.ID], &conflict) {
		t.Errorf("trashing a stale article: %v", errs[b.ID])
	}
	trashed, err := s.ListTrash(ctx)
	must(t, err)
	if len(trashed) != 1 || trashed[0].ID != a.ID {
		t.Errorf("trash holds %+v, want only article %d", trashed, a.ID)
	}
	if errs := apply(BulkAction{Kind: BulkPublish, Locale: "tg"}, listedNow(t, s, a.ID)); !errors.Is(errs[a.ID], ErrNotFound) {
		t.Errorf("bulk on a trashed article: %v", errs[a.ID])
	}
}

// A bulk action naming what does not exist is refused before anything is
// written.
func TestBulkActionIsChecked(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	news := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, news.ID, published("tg", "Якум", 2))
	one := []ListedArticle{listedNow(t, s, a.ID)}
	tests := []struct {
		name   string
		action BulkAction
		listed []ListedArticle
		field  string
	}{
		{"no articles", BulkAction{Kind: BulkPin}, nil, "articles"},
		{"too many", BulkAction{Kind: BulkPin}, make([]ListedArticle, MaxBulkArticles+1), "articles"},
		{"unknown action", BulkAction{Kind: "explode"}, one, "action"},
		{"unknown locale", BulkAction{Kind: BulkPublish, Locale: "de"}, one, "locale"},
		{"missing section", BulkAction{Kind: BulkMove, SectionID: 999}, one, "section_id"},
		{"missing tag", BulkAction{Kind: BulkTag, TagID: 999}, one, "tag_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results, err := s.ApplyBulk(ctx, tt.action, tt.listed, nil)
			var invalid *ValidationError
			if !errors.As(err, &invalid) || invalid.Fields[tt.field].ID == "" || results != nil {
				t.Fatalf("got %v, %v; want a refusal of %s", results, err, tt.field)
			}
		})
	}
	got, err := s.FindArticle(ctx, a.ID)
	must(t, err)
	if got.SectionID != news.ID || got.TrashedAt != nil {
		t.Errorf("a refused bulk action changed the article: %+v", got)
	}
}
