package models

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// The write path keeps article_links with each body, and a change of the
// linked article (a new slug, unpublished, published again, trashed)
// records article.updated for the linking answer in that locale only,
// while a change readers cannot see (a draft's title) records nothing for
// it: webhooks and caches hear of exactly the answers that changed.
func TestLinkedArticleChangesUpdateTheLinkingAnswer(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	b := mustArticle(t, s, sec.ID, published("tg", "Мақолаи Б", 3), published("fa", "نوشتهٔ ب", 3))
	linking := func(loc, title string) TranslationInput {
		in := published(loc, title, 2)
		in.BodyHTML = fmt.Sprintf(`<p>Бинед <a data-article-id="%d" href="https://x.example/kuhna">инро</a></p>`, b.ID)
		return in
	}
	a := mustArticle(t, s, sec.ID, linking("tg", "Мақолаи А"), published("fa", "نوشتهٔ الف", 2))
	stored, _ := a.Translation("tg")
	if want := fmt.Sprintf(`<p>Бинед <a data-article-id="%d" href="/admin/articles/%d" rel="nofollow noreferrer">инро</a></p>`, b.ID, b.ID); stored.BodyHTML != want {
		t.Errorf("stored body %q, want %q (the id, no slug)", stored.BodyHTML, want)
	}
	var links []ArticleLink
	if err := s.write.Order("locale").Find(&links).Error; err != nil || len(links) != 1 || links[0] != (ArticleLink{ArticleID: a.ID, Locale: "tg", TargetID: b.ID}) {
		t.Fatalf("article_links = %+v (%v), want A's tg link to B", links, err)
	}

	changeB := func(loc string, edit func(*TranslationInput)) []string {
		t.Helper()
		before := s.KnownEventPosition()
		current, err := s.FindArticle(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		tr, _ := current.Translation(loc)
		in := TranslationInput{Locale: loc, Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt, Title: tr.Title, Slug: tr.Slug, BodyHTML: tr.BodyHTML}
		edit(&in)
		if _, err := s.SaveArticle(ctx, ArticleInput{ID: b.ID, Translations: []TranslationInput{in}}); err != nil {
			t.Fatal(err)
		}
		evs, err := s.EventsAfter(ctx, before, 100)
		if err != nil {
			t.Fatal(err)
		}
		var aEvents []string
		for _, ev := range evs {
			if ev.ArticleID != nil && *ev.ArticleID == a.ID {
				aEvents = append(aEvents, ev.Type+" "+ev.Locale)
			}
		}
		return aEvents
	}
	updated := []string{EventArticleUpdated + " tg"}
	if got := changeB("tg", func(in *TranslationInput) { in.Slug = "maqolai-nav" }); !slices.Equal(got, updated) {
		t.Errorf("B's new tg slug: A's events %v, want %v", got, updated)
	}
	if got := changeB("fa", func(in *TranslationInput) { in.Slug = "نوشته-نو" }); len(got) != 0 {
		t.Errorf("B's new fa slug (A's fa body has no link): A's events %v, want none", got)
	}
	if got := changeB("tg", func(in *TranslationInput) { in.Status = StatusDraft }); !slices.Equal(got, updated) {
		t.Errorf("B unpublished in tg: A's events %v, want %v", got, updated)
	}
	if got := changeB("tg", func(in *TranslationInput) { in.Title = "Сарлавҳаи дастнавис" }); len(got) != 0 {
		t.Errorf("B's draft retitled: A's events %v, want none", got)
	}
	if got := changeB("tg", func(in *TranslationInput) { in.Status = StatusPublished }); !slices.Equal(got, updated) {
		t.Errorf("B published again: A's events %v, want %v", got, updated)
	}

	// A body without the link any more drops its row.
	current, _ := s.FindArticle(ctx, a.ID)
	tr, _ := current.Translation("tg")
	in := published("tg", tr.Title, 2)
	in.Version, in.BodyHTML = tr.Version, "<p>Бе истинод</p>"
	if _, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{in}}); err != nil {
		t.Fatal(err)
	}
	if err := s.write.Find(&links).Error; err != nil || len(links) != 0 {
		t.Errorf("article_links after the link was removed = %+v (%v)", links, err)
	}
}
