package webpfill

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	xwebp "golang.org/x/image/webp"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/s3test"
	"github.com/payvand/payvand/models"
)

// fixture is a site with pictures stored as they were before WebP copies:
// files and rows for the original and two sizes only.
type fixture struct {
	store *models.Store
	files media.Store
	proc  *media.Processor
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return newFixtureWith(t, files)
}

// newFixtureWith is newFixture with its files in files.
func newFixtureWith(t *testing.T, files media.Store) fixture {
	t.Helper()
	store, err := models.Open(context.Background(), models.Options{Path: filepath.Join(t.TempDir(), "payvand.db"), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return fixture{store: store, files: files, proc: media.NewProcessor(media.Config{})}
}

// oldPicture stores demo picture seed as a release before WebP did.
func (f fixture) oldPicture(t *testing.T, seed int) *models.Media {
	t.Helper()
	res, err := f.proc.Process(t.Context(), bytes.NewReader(media.DemoJPEG(seed)), "old.jpg")
	if err != nil {
		t.Fatal(err)
	}
	var sizes []media.Variant
	for _, v := range res.Variants {
		if v.MIME != "image/webp" {
			sizes = append(sizes, v)
		}
	}
	res.Variants = sizes
	if err := res.Save(t.Context(), f.files); err != nil {
		t.Fatal(err)
	}
	m, err := f.store.SaveMedia(t.Context(), models.NewMediaInput(res, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (f fixture) backfill() Backfill {
	return Backfill{Store: f.store, Files: f.files, Processor: f.proc, Logger: slog.New(slog.DiscardHandler)}
}

// The backfill works through media.Store, so it runs on both stores.
func TestBackfillAddsWebPToOldPicturesOnce(t *testing.T) {
	t.Run("file", func(t *testing.T) { backfillAddsWebPOnce(t, newFixture(t)) })
	t.Run("s3", func(t *testing.T) { backfillAddsWebPOnce(t, newFixtureWith(t, s3test.Start(t).Store(t))) })
}

func backfillAddsWebPOnce(t *testing.T, f fixture) {
	ctx := t.Context()
	pic := f.oldPicture(t, 1)
	broken := f.oldPicture(t, 2)
	if err := f.files.Delete(ctx, broken.Path); err != nil {
		t.Fatal(err)
	}
	sec, err := f.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабар", "fa": "خبر"}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	if _, err := f.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID, FeaturedMediaID: &pic.ID},
		Translations: []models.TranslationInput{{Locale: "tg", Status: models.StatusPublished, PublishedAt: &at, Title: "Кӯҳҳо", BodyHTML: "<p>Кӯҳҳо</p>"}}}); err != nil {
		t.Fatal(err)
	}
	events, err := f.store.EventsAfter(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}

	rep, err := f.backfill().Run(ctx)
	if err != nil || rep != (Report{Added: 1, Failed: 1}) {
		t.Fatalf("Run = %+v, %v; want one added and the picture without its file failed", rep, err)
	}
	got, err := f.store.FindMedia(ctx, pic.ID)
	if err != nil {
		t.Fatal(err)
	}
	webps := 0
	for _, file := range got.Files() {
		if file.MimeType != "image/webp" {
			continue
		}
		webps++
		r, err := f.files.Open(ctx, file.Path)
		if err != nil {
			t.Fatalf("%s size's WebP: %v", file.Size, err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		cfg, err := xwebp.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != file.Width || cfg.Height != file.Height {
			t.Errorf("%s WebP decodes as %d×%d (%v), recorded %d×%d", file.Size, cfg.Width, cfg.Height, err, file.Width, file.Height)
		}
	}
	if webps != 3 {
		t.Errorf("%d WebP copies recorded, want 3 (original, medium, thumbnail)", webps)
	}
	after, err := f.store.EventsAfter(ctx, events[len(events)-1].Position, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 2 || after[0].Type != models.EventArticleUpdated || after[1].Type != models.EventMediaUpdated {
		t.Errorf("events %+v, want article.updated and media.updated for the article showing the picture", after)
	}

	again, err := f.backfill().Run(ctx)
	if err != nil || again != (Report{Failed: 1}) {
		t.Errorf("second Run = %+v, %v; want only the broken picture tried again", again, err)
	}
}

func TestBackfillStopsWithItsContext(t *testing.T) {
	f := newFixture(t)
	f.oldPicture(t, 1)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := f.backfill().Run(ctx); err == nil {
		t.Error("Run with a canceled context returned no error")
	}
}
