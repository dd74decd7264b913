package demo

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
)

// TestSeedShowsAnOutdatedTranslation seeds a real store and checks that the
// later edits leave the other translations of their articles outdated, and
// only those.
func TestSeedShowsAnOutdatedTranslation(t *testing.T) {
	ctx := context.Background()
	store := seededStore(t)
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

// The demo's bodies with pictures store them by media id, and the public
// answer shows each with src, srcset, width and height.
func TestSeedBodiesShowPicturesByMediaID(t *testing.T) {
	ctx := context.Background()
	store := seededStore(t)
	builder := publicjson.NewBuilder("https://cms.example.tj", store.Locales(), nil)
	for _, loc := range []string{"tg", "fa"} {
		items, _, err := store.ListPublicArticles(ctx, models.ListQuery{Locale: loc, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		withPictures := 0
		for _, item := range items {
			p, err := store.FindPublicArticle(ctx, loc, item.Article.ID)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(p.Translation.BodyHTML, `src="/media/`) {
				t.Errorf("%s article %d stores a picture by path: %s", loc, p.Article.ID, p.Translation.BodyHTML)
			}
			if !strings.Contains(p.Translation.BodyHTML, `<img data-media-id="`) {
				continue
			}
			withPictures++
			body := builder.Body(*p)
			for _, want := range []string{`<img src="https://cms.example.tj/media/`, `srcset="https://cms.example.tj/media/`, ` 960w`, `width="960"`, `height="`, `alt="`} {
				if !strings.Contains(body, want) {
					t.Errorf("%s article %d answers %s without %s", loc, p.Article.ID, body, want)
				}
			}
		}
		if withPictures < len(demoBodyPictures)-1 {
			t.Errorf("%s: %d public bodies show a picture, want about %d", loc, withPictures, len(demoBodyPictures))
		}
	}
}

// seededStore is a fresh tg,fa store holding the demo site.
func seededStore(t *testing.T) *models.Store {
	t.Helper()
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
	return store
}

// The demo site shows featured stories: the pinned articles answer
// ?featured=true in their order, in every locale where they are public,
// and the pin with an end keeps it.
func TestSeedPinsFeaturedStories(t *testing.T) {
	ctx := context.Background()
	store := seededStore(t)
	titles := map[string]string{}
	for _, a := range demoArticles {
		for loc, text := range a.Texts {
			titles[loc+"/"+text.Title] = a.Key
		}
	}
	for _, loc := range []string{"tg", "fa"} {
		items, total, err := store.ListFeaturedArticles(ctx, models.ListQuery{Locale: loc, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, it := range items {
			keys = append(keys, titles[loc+"/"+it.Translation.Title])
		}
		if total != 2 || !slices.Equal(keys, []string{"book-fair", "music-festival"}) {
			t.Fatalf("%s: featured %v (total %d), want book-fair then music-festival", loc, keys, total)
		}
		if until := items[1].Pin.Until(); until == nil || !until.After(store.Now().Add(6*24*time.Hour)) {
			t.Errorf("%s: the music festival's pin ends at %v, want about a week from now", loc, until)
		}
		if items[0].Pin.Until() != nil {
			t.Errorf("%s: the book fair's pin ends at %v, want no end", loc, items[0].Pin.Until())
		}
	}
}
