package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// TestSeedShowsAnOutdatedTranslation seeds a real store and checks that the
// later edits leave the other translations of their articles outdated, and
// only those.
func TestSeedShowsAnOutdatedTranslation(t *testing.T) {
	ctx := context.Background()
	store, err := models.Open(ctx, models.Options{Path: filepath.Join(t.TempDir(), "payvand.db"), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := (Seeder{Store: store, Media: files, Processor: media.NewProcessor(media.Config{})}).Seed(ctx); err != nil {
		t.Fatal(err)
	}
	page, err := store.ListAdminArticles(ctx, models.AdminArticleQuery{Status: models.StateOutdated})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) != len(demoUpdates) {
		t.Fatalf("%d articles have an outdated translation, want %d (one per demo update)", len(page.Rows), len(demoUpdates))
	}
	for _, row := range page.Rows {
		for _, st := range row.Locales {
			edited := st.Locale == demoUpdates[0].Locale
			if st.Outdated == edited {
				t.Errorf("article %d, %s: outdated = %v after the demo edited %s", row.ID, st.Locale, st.Outdated, demoUpdates[0].Locale)
			}
		}
	}
}
