package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/internal/viewcount"
)

// These tests run two Stores on one PostgreSQL database, as two Payvand
// instances would, and check that they behave as one site.

// sharedClock is one clock both instances of a test read.
type sharedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *sharedClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *sharedClock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// twoInstances opens two stores on one fresh PostgreSQL database.
func twoInstances(t *testing.T) (a, b *Store, c *sharedClock, dsn string) {
	t.Helper()
	dsn = testdb.Postgres(t)
	c = &sharedClock{t: testNow}
	open := func() *Store {
		s, err := Open(context.Background(), Options{Database: dsn, Locales: locale.MustParse("tg,fa,ru"), Now: c.now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	return open(), open(), c, dsn
}

// atOnce runs fn on both stores at the same moment and waits for both.
func atOnce(a, b *Store, fn func(s *Store)) {
	var start, done sync.WaitGroup
	start.Add(1)
	for _, s := range []*Store{a, b} {
		done.Go(func() {
			start.Wait()
			fn(s)
		})
	}
	start.Done()
	done.Wait()
}

// waitFor waits for ch with a generous deadline: the test is about
// whether it happens, not how fast.
func waitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not happen", what)
	}
}

// mustPosition records an event on s and returns its position.
func mustPosition(t *testing.T, s *Store) int64 {
	t.Helper()
	mustEvent(t, s, EventSectionUpdated, 0, "")
	pos, err := s.LastEventPosition(context.Background())
	must(t, err)
	return pos
}

func TestAnotherInstancesEventsWakeThisOne(t *testing.T) {
	a, b, _, _ := twoInstances(t)
	committed := b.EventsCommitted()
	first := mustPosition(t, a)
	waitFor(t, committed, "B's EventsCommitted after a commit on A")
	if got := b.KnownEventPosition(); got != first {
		t.Fatalf("B knows position %d, want A's %d", got, first)
	}
	// A rolled-back write announces nothing.
	committed = b.EventsCommitted()
	err := a.writeTx(context.Background(), func(tx *gorm.DB) error {
		ev, err := newEvent(EventSectionUpdated, a.Now(), nil, "", nil)
		if err != nil {
			return err
		}
		if err := recordEvents(tx, []Event{ev}); err != nil {
			return err
		}
		return errors.New("roll back")
	})
	if err == nil {
		t.Fatal("the write did not fail")
	}
	next := mustPosition(t, a)
	waitFor(t, committed, "B's EventsCommitted after a second commit on A")
	if got := b.KnownEventPosition(); got != next || next <= first {
		t.Fatalf("B knows position %d, want %d (after %d)", got, next, first)
	}
}

// A listener whose connection is cut connects again and catches up with
// the events committed meanwhile.
func TestEventListenerCatchesUpAfterReconnecting(t *testing.T) {
	a, b, _, dsn := twoInstances(t)
	admin, err := sql.Open("pgx", dsn)
	must(t, err)
	defer admin.Close()
	var cut int
	must(t, admin.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = $1`, listenerName).Scan(&cut))
	if cut != 2 {
		t.Fatalf("cut %d listening connections, want both instances' 2", cut)
	}
	pos := mustPosition(t, a)
	deadline := time.Now().Add(30 * time.Second)
	for b.KnownEventPosition() != pos {
		if time.Now().After(deadline) {
			t.Fatalf("B knows position %d after reconnecting, want %d", b.KnownEventPosition(), pos)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestTwoInstancesAnnounceAScheduledPublicationOnce(t *testing.T) {
	a, b, c, _ := twoInstances(t)
	ctx := context.Background()
	sec := mustSection(t, a, "news", nil)
	var ids []uint
	for i := range 5 {
		tr := published("tg", fmt.Sprintf("Баъдтар %d", i), 0)
		at := testNow.Add(time.Hour)
		tr.PublishedAt = &at
		ids = append(ids, mustArticle(t, a, sec.ID, tr).ID)
	}
	c.set(testNow.Add(2 * time.Hour))
	var announced atomic.Int64
	atOnce(a, b, func(s *Store) {
		n, err := s.AnnounceDue(ctx)
		if err != nil {
			t.Error(err)
		}
		announced.Add(int64(n))
	})
	if n := announced.Load(); n != int64(len(ids)) {
		t.Fatalf("announced %d articles between them, want %d", n, len(ids))
	}
	var events int64
	must(t, a.read.Model(&Event{}).Where("type = ?", EventArticlePublished).Count(&events).Error)
	if events != int64(len(ids)) {
		t.Fatalf("%d article.published events, want one per article (%d)", events, len(ids))
	}
}

func TestTwoInstancesClaimEachWebhookDeliveryOnce(t *testing.T) {
	a, b, _, _ := twoInstances(t)
	ctx := context.Background()
	ep := mustWebhook(t, a, WebhookInput{})
	const events = 30
	for range events {
		mustEvent(t, a, EventSectionUpdated, 0, "")
	}
	atOnce(a, b, func(s *Store) {
		for {
			n, err := s.FanOutWebhookEvents(ctx, 7)
			if err != nil {
				t.Error(err)
			}
			if err != nil || n < 7 {
				return
			}
		}
	})
	if got := eventIDs(t, a, ep.ID); len(got) != events {
		t.Fatalf("%d deliveries after fanning out on both, want one per event (%d)", len(got), events)
	}
	var mu sync.Mutex
	claimed := map[uint64]int{}
	atOnce(a, b, func(s *Store) {
		for {
			d, _, err := s.ClaimWebhookDelivery(ctx, ep.ID, time.Hour)
			if errors.Is(err, ErrNotFound) {
				return
			}
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			claimed[d.ID]++
			mu.Unlock()
		}
	})
	if len(claimed) != events {
		t.Fatalf("%d deliveries claimed, want %d", len(claimed), events)
	}
	for id, n := range claimed {
		if n != 1 {
			t.Errorf("delivery %d claimed %d times", id, n)
		}
	}
}

func TestTwoInstancesPurgeTheTrashOnce(t *testing.T) {
	a, b, c, _ := twoInstances(t)
	ctx := context.Background()
	sec := mustSection(t, a, "news", nil)
	for i := range 4 {
		old := mustArticle(t, a, sec.ID, published("tg", fmt.Sprintf("Кӯҳна %d", i), 5), published("fa", fmt.Sprintf("کهنه %d", i), 5))
		must(t, a.TrashArticle(ctx, old.ID))
	}
	c.set(testNow.Add(TrashRetention + time.Hour))
	var purged atomic.Int64
	atOnce(a, b, func(s *Store) {
		n, err := s.PurgeTrash(ctx, s.Now().Add(-TrashRetention))
		if err != nil {
			t.Error(err)
		}
		purged.Add(int64(n))
	})
	if n := purged.Load(); n != 4 {
		t.Fatalf("purged %d between them, want 4", n)
	}
	var deleted int64
	must(t, a.read.Model(&Event{}).Where("type = ?", EventArticleDeleted).Count(&deleted).Error)
	if deleted != 8 {
		t.Fatalf("%d article.deleted events, want one per published translation (8)", deleted)
	}
}

func TestViewCountsFromTwoInstancesAddUp(t *testing.T) {
	a, b, _, _ := twoInstances(t)
	ctx := context.Background()
	sec := mustSection(t, a, "news", nil)
	art := mustArticle(t, a, sec.ID, published("tg", "Хонданӣ", 1))
	const flushes = 25
	atOnce(a, b, func(s *Store) {
		for range flushes {
			if err := s.AddViews(ctx, map[viewcount.Key]int64{{Article: art.ID, Locale: "tg"}: 3}, s.Now()); err != nil {
				t.Error(err)
			}
		}
	})
	want := int64(2 * flushes * 3)
	if n, err := b.ViewCount(ctx, art.ID); err != nil || n != want {
		t.Fatalf("view count = %d, %v; want %d", n, err, want)
	}
	var daily int64
	must(t, a.read.Model(&ArticleDailyView{}).Where("article_id = ?", art.ID).Select("SUM(views)").Scan(&daily).Error)
	if daily != want {
		t.Fatalf("daily views = %d, want %d", daily, want)
	}
}

// Two instances starting on an empty database migrate one after the other
// and create the first account once, even with a pool of one connection
// (the locks live on connections of their own).
func TestTwoInstancesStartingTogetherSeedOnce(t *testing.T) {
	dsn := testdb.Postgres(t)
	ctx := context.Background()
	// testdb hands out migrated copies; this test wants the empty database
	// a first start finds.
	admin, err := sql.Open("pgx", dsn)
	must(t, err)
	_, err = admin.Exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
	admin.Close()
	must(t, err)
	var mu sync.Mutex
	var stores []*Store
	var created atomic.Int64
	var start, done sync.WaitGroup
	start.Add(1)
	for range 2 {
		done.Go(func() {
			start.Wait()
			s, err := Open(ctx, Options{Database: dsn, MaxConns: 1, Locales: locale.MustParse("tg,fa"), Now: func() time.Time { return testNow }})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			stores = append(stores, s)
			mu.Unlock()
			err = s.WithStartupLock(ctx, func(ctx context.Context) error {
				n, err := s.CountUsers(ctx)
				if err != nil || n > 0 {
					return err
				}
				// Without the lock, the other instance counts now too.
				time.Sleep(100 * time.Millisecond)
				if _, err := s.CreateUser(ctx, UserInput{Email: "admin@example.com", Role: RoleAdmin, Password: "long enough"}); err != nil {
					return err
				}
				created.Add(1)
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	start.Done()
	done.Wait()
	for _, s := range stores {
		defer s.Close()
	}
	if t.Failed() {
		return
	}
	if n := created.Load(); n != 1 {
		t.Fatalf("the first admin was created %d times", n)
	}
}

func TestSessionsLocksAndSignInCountsHoldAcrossInstances(t *testing.T) {
	a, b, _, _ := twoInstances(t)
	ctx := context.Background()

	must(t, a.Sessions().CommitCtx(ctx, "token-1", []byte("data"), testNow.Add(time.Hour)))
	if data, ok, err := b.Sessions().FindCtx(ctx, "token-1"); err != nil || !ok || string(data) != "data" {
		t.Fatalf("B finds A's session: %q, %v, %v", data, ok, err)
	}
	must(t, b.Sessions().DeleteCtx(ctx, "token-1"))
	if _, ok, err := a.Sessions().FindCtx(ctx, "token-1"); err != nil || ok {
		t.Fatalf("A still finds the session B ended: %v, %v", ok, err)
	}

	ali, err := a.CreateUser(ctx, UserInput{Email: "ali@example.com", DisplayName: "Алӣ", Role: RoleEditor, Password: "long enough"})
	must(t, err)
	zahra, err := a.CreateUser(ctx, UserInput{Email: "zahra@example.com", Role: RoleEditor, Password: "long enough"})
	must(t, err)
	sec := mustSection(t, a, "news", nil)
	art := mustArticle(t, a, sec.ID, published("tg", "Қулф", 1))
	if st, err := a.AcquireLock(ctx, art.ID, ali.ID, false); err != nil || !st.Mine {
		t.Fatalf("Ali's lock on A: %+v, %v", st, err)
	}
	if st, err := b.AcquireLock(ctx, art.ID, zahra.ID, false); err != nil || st.Mine || st.HolderID != ali.ID {
		t.Fatalf("Zahra on B sees %+v, %v; want Ali's lock", st, err)
	}
	// Two editors asking at once on two instances: one gets it.
	other := mustArticle(t, a, sec.ID, published("tg", "Қулфи дигар", 1))
	var mine atomic.Int64
	atOnce(a, b, func(s *Store) {
		user := ali.ID
		if s == b {
			user = zahra.ID
		}
		st, err := s.AcquireLock(ctx, other.ID, user, false)
		if err != nil {
			t.Error(err)
		}
		if st.Mine {
			mine.Add(1)
		}
	})
	if n := mine.Load(); n != 1 {
		t.Fatalf("%d editors hold the lock, want 1", n)
	}

	counter := []SignInCounter{{Scope: "email", Key: "ali@example.com", Limit: 4, Window: time.Hour}}
	for i, s := range []*Store{a, b, a, b} {
		if ok, _, err := s.ReserveSignInTry(ctx, counter); err != nil || !ok {
			t.Fatalf("try %d refused: %v", i+1, err)
		}
	}
	if ok, wait, err := b.ReserveSignInTry(ctx, counter); err != nil || ok || wait <= 0 {
		t.Fatalf("fifth try across both instances: ok %v, wait %v, %v; want refused", ok, wait, err)
	}
}
