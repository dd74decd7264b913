package models

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestEverySavedTranslationKeepsARevision(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	editor, err := s.CreateUser(ctx, UserInput{Email: "editor@example.com", DisplayName: "Паёмнигор", Role: RoleEditor, Password: "long enough"})
	must(t, err)

	fa := published("fa", "همکاری\u200cها", 1)
	fa.BodyHTML = "<p onclick=\"x()\">متن می\u200cشود</p>"
	a, err := s.SaveArticle(ctx, ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{published("tg", "Якум", 1), fa}, EditorID: &editor.ID})
	must(t, err)

	// A later save of the Persian pane alone adds a Persian revision only.
	c.t = testNow.Add(time.Hour)
	cur, _ := a.Translation("fa")
	second := TranslationInput{Locale: "fa", Version: cur.Version, Status: StatusDraft, Title: "پیش\u200cنویس دوم", BodyHTML: "<p>دوم</p>"}
	_, err = s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{second}})
	must(t, err)

	tgRevs, err := s.ListRevisions(ctx, a.ID, "tg")
	must(t, err)
	faRevs, err := s.ListRevisions(ctx, a.ID, "fa")
	must(t, err)
	if len(tgRevs) != 1 || len(faRevs) != 2 {
		t.Fatalf("revisions: tg %d, fa %d; want 1 and 2", len(tgRevs), len(faRevs))
	}
	newest, oldest := faRevs[0], faRevs[1]
	if newest.Version != 2 || newest.Title != "پیش\u200cنویس دوم" || newest.Status != StatusDraft || newest.EditorID != nil || newest.EditorName != "" || !newest.CreatedAt.Equal(testNow.Add(time.Hour)) {
		t.Errorf("newest fa revision = %+v", newest)
	}
	if oldest.Version != 1 || oldest.EditorName != "Паёмнигор" || oldest.EditorID == nil || *oldest.EditorID != editor.ID || oldest.BodyHTML != "" {
		t.Errorf("oldest fa revision (listed without body) = %+v", oldest)
	}

	full, err := s.FindRevision(ctx, oldest.ID)
	must(t, err)
	if full.BodyHTML != "<p>متن می\u200cشود</p>" || full.Title != "همکاری\u200cها" || full.Slug == "" || full.PublishedAt == nil {
		t.Errorf("revision keeps the stored (sanitised) values: %+v", full)
	}
	if _, err := s.FindRevision(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown revision: %v, want ErrNotFound", err)
	}
}

func TestRestoreRevision(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Матни аввал", 1))
	first, _ := a.Translation("tg")
	changed, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{{
		Locale: "tg", Version: first.Version, Status: StatusPublished, Title: "Матни дуюм", BodyHTML: "<p>Дигар</p>",
	}}})
	must(t, err)
	now, _ := changed.Translation("tg")
	revs, err := s.ListRevisions(ctx, a.ID, "tg")
	must(t, err)
	original := revs[len(revs)-1]

	t.Run("stale version is a conflict", func(t *testing.T) {
		_, err := s.RestoreRevision(ctx, original.ID, first.Version, nil)
		var conflict *ConflictError
		if !errors.As(err, &conflict) || conflict.Part != "tg" || conflict.Current != now.Version {
			t.Fatalf("restore with a stale version: %v", err)
		}
	})
	t.Run("restore saves the old text as a new revision", func(t *testing.T) {
		restored, err := s.RestoreRevision(ctx, original.ID, now.Version, nil)
		must(t, err)
		tr, _ := restored.Translation("tg")
		if tr.Title != "Матни аввал" || tr.BodyHTML != first.BodyHTML || tr.Slug != first.Slug || tr.Version != now.Version+1 {
			t.Fatalf("after restore: %+v", tr)
		}
		after, err := s.ListRevisions(ctx, a.ID, "tg")
		must(t, err)
		if len(after) != 3 || after[0].Title != "Матни аввал" || after[0].Version != tr.Version {
			t.Fatalf("revisions after restore: %+v", after)
		}
	})
	t.Run("unknown revision", func(t *testing.T) {
		if _, err := s.RestoreRevision(ctx, 9999, 1, nil); !errors.Is(err, ErrNotFound) {
			t.Fatalf("restore of an unknown revision: %v", err)
		}
	})
	t.Run("trashed article", func(t *testing.T) {
		must(t, s.TrashArticle(ctx, a.ID))
		defer func() { must(t, s.RestoreArticle(ctx, a.ID)) }()
		cur, err := s.FindArticle(ctx, a.ID)
		must(t, err)
		tr, _ := cur.Translation("tg")
		if _, err := s.RestoreRevision(ctx, original.ID, tr.Version, nil); !errors.Is(err, ErrNotFound) {
			t.Fatalf("restore into a trashed article: %v", err)
		}
	})
}
