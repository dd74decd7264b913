package schedule

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

func openStore(t *testing.T, path string) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), models.Options{Path: path, Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// A translation scheduled two seconds ahead is announced at its time by
// the worker alone: nothing is saved after it is scheduled. Two instances
// share the database, as two servers would; the event is recorded once.
func TestScheduledPublicationIsAnnouncedAtItsTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payvand.db")
	first, second := openStore(t, path), openStore(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()

	sec, err := first.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо"}})
	if err != nil {
		t.Fatal(err)
	}
	due := time.Now().Add(2 * time.Second).Truncate(time.Second)
	a, err := first.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{{
		Locale: "tg", Status: models.StatusPublished, PublishedAt: &due, Title: "Баъдтар", BodyHTML: "<p>Матн</p>"}}})
	if err != nil {
		t.Fatal(err)
	}
	start, err := first.LastEventPosition(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Both instances run their worker from here on; only the clock moves.
	for _, s := range []*models.Store{first, second} {
		wg.Add(1)
		go func() { defer wg.Done(); Run(ctx, s, Options{}) }()
	}

	var published []models.Event
	deadline := time.Now().Add(6 * time.Second)
	for time.Now().Before(deadline) {
		evs, err := first.EventsAfter(ctx, start, 10)
		if err != nil {
			t.Fatal(err)
		}
		published = evs
		if len(evs) > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	seenAt := time.Now()
	if len(published) != 1 || published[0].Type != models.EventArticlePublished || *published[0].ArticleID != a.ID {
		t.Fatalf("events after scheduling: %+v, want one article.published", published)
	}
	if seenAt.Before(due) || seenAt.Sub(due) > 3*time.Second {
		t.Fatalf("announced at %s, scheduled for %s", seenAt.Format(time.StampMilli), due.Format(time.StampMilli))
	}
	time.Sleep(300 * time.Millisecond) // the other instance's worker has had its chance
	if evs, _ := first.EventsAfter(ctx, start, 10); len(evs) != 1 {
		t.Fatalf("events after both workers ran: %d, want 1", len(evs))
	}
}
