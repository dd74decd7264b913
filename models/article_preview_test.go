package models

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestFindPreviewArticle(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	draft := TranslationInput{Locale: "fa", Status: StatusDraft, Title: "پیش\u200cنویس", BodyHTML: "<p>متن می\u200cشود</p>"}
	scheduled := published("ru", "Скоро", -2) // two hours from now
	a := mustArticle(t, s, sec.ID, published("tg", "Нашршуда", 1), draft, scheduled)

	got, err := s.FindPreviewArticle(ctx, "fa", a.ID)
	must(t, err)
	if got.Translation.Title != draft.Title || got.Translation.BodyHTML != draft.BodyHTML || got.Section.ID != sec.ID {
		t.Fatalf("draft preview = %+v", got.Translation)
	}
	if got.Translation.PublishedAt == nil || !got.Translation.PublishedAt.Equal(testNow) {
		t.Errorf("a never-published draft previews as published now, got %v", got.Translation.PublishedAt)
	}
	if len(got.Others) != 1 || got.Others[0].Locale != "tg" {
		t.Errorf("others = %+v, want the public tg only", got.Others)
	}
	ru, err := s.FindPreviewArticle(ctx, "ru", a.ID)
	must(t, err)
	if want := testNow.Add(2 * time.Hour); !ru.Translation.PublishedAt.Equal(want) {
		t.Errorf("scheduled preview keeps its time: %v, want %v", ru.Translation.PublishedAt, want)
	}

	other := mustArticle(t, s, sec.ID, published("tg", "Дигар", 1))
	if _, err := s.FindPreviewArticle(ctx, "fa", other.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("no translation in the locale: %v", err)
	}
	if _, err := s.FindPreviewArticle(ctx, "tg", 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown article: %v", err)
	}
	must(t, s.TrashArticle(ctx, a.ID))
	if _, err := s.FindPreviewArticle(ctx, "fa", a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("trashed article: %v", err)
	}
}
