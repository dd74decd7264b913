package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentSavesOfOneVersionLetOneWin: editors who loaded the same
// version save at once; exactly one save lands and every other gets the
// version conflict, never another error and never a lost update. SQLite
// gets this from its one writer, PostgreSQL from the write lock every
// write transaction takes (serialTx).
func TestConcurrentSavesOfOneVersionLetOneWin(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	other := mustSection(t, s, "culture", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1))
	tr, _ := a.Translation("tg")

	const editors = 8
	errs := make([]error, editors)
	var wg sync.WaitGroup
	for i := range editors {
		wg.Go(func() {
			in := ArticleInput{ID: a.ID,
				Shared:       &SharedInput{Version: a.Version, SectionID: []uint{sec.ID, other.ID}[i%2]},
				Translations: []TranslationInput{{Locale: "tg", Version: tr.Version, Status: StatusPublished, PublishedAt: tr.PublishedAt, Title: fmt.Sprintf("Хабар %d", i), BodyHTML: "<p>Матн</p>"}}}
			_, errs[i] = s.SaveArticle(ctx, in)
		})
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil && won >= 0:
			t.Fatalf("saves %d and %d both landed on version %d", won, i, a.Version)
		case err == nil:
			won = i
		case !errors.Is(err, ErrConflict):
			t.Fatalf("save %d: %v, want success or ErrConflict", i, err)
		}
	}
	if won < 0 {
		t.Fatal("no save landed")
	}
	got, err := s.FindArticle(ctx, a.ID)
	must(t, err)
	saved, _ := got.Translation("tg")
	if saved.Title != fmt.Sprintf("Хабар %d", won) || got.Version != a.Version+1 {
		t.Fatalf("stored title %q version %d; want the winner's (%d) at version %d", saved.Title, got.Version, won, a.Version+1)
	}
}

// TestChangeFeedNeverSkipsAnEvent: writers record events concurrently
// while a reader follows the change feed from where it left off; the
// reader ends up with every event, each once, in position order. On
// PostgreSQL this needs positions to commit in order (lockEventOrder).
func TestChangeFeedNeverSkipsAnEvent(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	const writers, saves = 4, 10
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range saves {
				if _, err := s.SaveSection(ctx, SectionInput{Slug: fmt.Sprintf("s-%d-%d", w, i), Names: map[string]string{"tg": "Бахш"}}); err != nil {
					t.Errorf("save section: %v", err)
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	var seen []int64
	after := int64(0)
	follow := func() {
		page, err := s.ListChanges(ctx, after, 100)
		must(t, err)
		for _, e := range page.Events {
			seen = append(seen, e.Position)
			after = e.Position
		}
	}
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		follow()
	}
	follow()
	var all []int64
	must(t, s.read.Model(&Event{}).Order("position").Pluck("position", &all).Error)
	if len(all) != writers*saves || fmt.Sprint(seen) != fmt.Sprint(all) {
		t.Fatalf("the feed gave %d events %v;\nthe table holds %d %v", len(seen), seen, len(all), all)
	}
}

// TestConcurrentLockTakersGetOneHolder: editors open a free article at
// once; one holds the lock and every other is told who does.
func TestConcurrentLockTakersGetOneHolder(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1))
	const editors = 6
	ids := make([]uint, editors)
	for i := range editors {
		u, err := s.CreateUser(ctx, UserInput{Email: fmt.Sprintf("e%d@example.com", i), Role: RoleEditor, Password: "long enough"})
		must(t, err)
		ids[i] = u.ID
	}
	states := make([]LockState, editors)
	errs := make([]error, editors)
	var wg sync.WaitGroup
	for i := range editors {
		wg.Go(func() { states[i], errs[i] = s.AcquireLock(ctx, a.ID, ids[i], false) })
	}
	wg.Wait()
	var holders []uint
	for i, st := range states {
		must(t, errs[i])
		if st.Mine {
			holders = append(holders, ids[i])
		}
	}
	if len(holders) != 1 {
		t.Fatalf("%d editors were told they hold the lock (%v), want 1", len(holders), holders)
	}
	for i, st := range states {
		if st.HolderID != holders[0] {
			t.Fatalf("editor %d was told %d holds the lock, but %d does", ids[i], st.HolderID, holders[0])
		}
	}
}
