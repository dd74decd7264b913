package models

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"
)

// The outbox's contract: events written in a write transaction exist only
// if it commits, come back in position order, and wake readers on commit.
func TestEventsCommitWithTheirTransaction(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	wake := s.EventsCommitted()

	fail := errors.New("rolled back")
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		ev, err := newEvent(EventSectionUpdated, s.Now(), nil, "", map[string]int{"n": 1})
		if err != nil {
			return err
		}
		if err := recordEvents(tx, []Event{ev}); err != nil {
			return err
		}
		return fail
	})
	if !errors.Is(err, fail) {
		t.Fatalf("writeTx = %v, want the rollback error", err)
	}
	select {
	case <-wake:
		t.Fatal("a rolled-back transaction woke the event readers")
	default:
	}
	if evs, _ := s.EventsAfter(ctx, 0, 10); len(evs) != 0 {
		t.Fatalf("rolled-back events are visible: %+v", evs)
	}

	for i := range 3 {
		err := s.writeTx(ctx, func(tx *gorm.DB) error {
			ev, err := newEvent(EventSectionUpdated, s.Now(), nil, "", map[string]int{"n": i})
			if err != nil {
				return err
			}
			return recordEvents(tx, []Event{ev})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-wake:
	case <-time.After(time.Second):
		t.Fatal("committed events did not wake the readers")
	}
	evs, err := s.EventsAfter(ctx, 0, 10)
	if err != nil || len(evs) != 3 {
		t.Fatalf("EventsAfter = %d events, %v; want 3", len(evs), err)
	}
	for i, ev := range evs {
		if want := `{"n":` + string(rune('0'+i)) + `}`; string(ev.Data) != want || len(ev.ID) != 30 {
			t.Errorf("event %d = %s %s, want data %s and an evt_ id", i, ev.ID, ev.Data, want)
		}
	}
	last, err := s.LastEventPosition(ctx)
	if err != nil || last != evs[2].Position {
		t.Fatalf("LastEventPosition = %d, %v; want %d", last, err, evs[2].Position)
	}
	if known := s.KnownEventPosition(); known != last {
		t.Fatalf("KnownEventPosition = %d, want %d", known, last)
	}
	if rest, _ := s.EventsAfter(ctx, evs[0].Position, 10); len(rest) != 2 || rest[0].Position != evs[1].Position {
		t.Fatalf("EventsAfter(first) = %+v", rest)
	}
}

// A database that never recorded an event answers the feed with nothing
// and position 0, and pruning it is a no-op.
func TestListChangesOnAnEmptyFeed(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	page, err := s.ListChanges(ctx, 0, 10)
	if err != nil || len(page.Events) != 0 || page.HighWater != 0 || page.Oldest != 0 {
		t.Fatalf("ListChanges = %+v, %v; want an empty page at 0", page, err)
	}
	if n, err := s.PruneEvents(ctx, testNow); n != 0 || err != nil {
		t.Fatalf("PruneEvents = %d, %v", n, err)
	}
}

// Pruning never leaves a hole below a kept event: an event whose time is
// older than the cut goes with every event before it, even one stamped
// later (a clock stepped back), so a cursor inside the pruned range is
// seen as expired instead of resuming past a missing event.
func TestPruneEventsLeavesNoHole(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	day := 24 * time.Hour
	for _, age := range []time.Duration{40 * day, 20 * day, 35 * day, 1 * day} {
		c.t = testNow.Add(-age)
		if _, err := s.RecordTestEvent(ctx, EventSectionUpdated, nil, "", map[string]int{"age": int(age / day)}); err != nil {
			t.Fatal(err)
		}
	}
	c.t = testNow
	n, err := s.PruneEvents(ctx, testNow.Add(-30*day))
	if err != nil || n != 3 {
		t.Fatalf("PruneEvents = %d, %v; want the first three (positions 1–3) gone", n, err)
	}
	page, err := s.ListChanges(ctx, 0, 10)
	if err != nil || page.Oldest != 4 || len(page.Events) != 1 {
		t.Fatalf("after pruning: oldest %d, %d events, %v; want only position 4", page.Oldest, len(page.Events), err)
	}
}
