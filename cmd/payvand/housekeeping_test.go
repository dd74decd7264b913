package main

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

// tidy empties the trash of articles older than the retention and leaves
// younger ones restorable.
func TestTidyPurgesOldTrash(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	store, err := models.Open(ctx, models.Options{Path: filepath.Join(t.TempDir(), "payvand.db"), Locales: locale.MustParse("tg,fa"), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sec, err := store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо"}})
	if err != nil {
		t.Fatal(err)
	}
	article := func() uint {
		a, err := store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID},
			Translations: []models.TranslationInput{{Locale: "tg", Status: models.StatusDraft, Title: "Хабар"}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := store.TrashArticle(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	old := article()
	now = now.Add(models.TrashRetention - time.Hour)
	young := article()
	now = now.Add(2 * time.Hour)

	tidy(ctx, store, slog.New(slog.DiscardHandler))
	if _, err := store.FindArticle(ctx, old); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("an article trashed 30 days and an hour ago is still there: %v", err)
	}
	if _, err := store.FindArticle(ctx, young); err != nil {
		t.Errorf("an article trashed an hour ago was purged: %v", err)
	}
}
