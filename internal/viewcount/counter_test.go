package viewcount

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

type memorySink struct {
	mu     sync.Mutex
	totals map[uint]int64
	byKey  map[Key]int64
	fail   bool
}

func (m *memorySink) AddViews(_ context.Context, counts map[Key]int64, _ time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return errors.New("database is down")
	}
	for key, n := range counts {
		m.totals[key.Article] += n
		if m.byKey != nil {
			m.byKey[key] += n
		}
	}
	return nil
}

type fakeClock struct{ t time.Time }

func (f *fakeClock) now() time.Time { return f.t }

func newCounter(sink Sink, clock *fakeClock) *Counter {
	return New(sink, Options{Window: 30 * time.Minute, FlushEvery: time.Hour, Now: clock.now})
}

func TestRecordCountsOncePerClientWithinWindow(t *testing.T) {
	sink := &memorySink{totals: map[uint]int64{}}
	clock := &fakeClock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	c := newCounter(sink, clock)
	c.Record("10.0.0.1", Key{7, "tg"})
	c.Record("10.0.0.1", Key{7, "tg"}) // same reader, same article: once
	c.Record("10.0.0.2", Key{7, "tg"})
	c.Record("10.0.0.1", Key{8, ""})
	clock.t = clock.t.Add(31 * time.Minute)
	c.Record("10.0.0.1", Key{7, "tg"}) // window passed: counts again
	if err := c.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sink.totals[7] != 3 || sink.totals[8] != 1 {
		t.Fatalf("totals = %v, want 7→3 and 8→1", sink.totals)
	}
}

func TestFailedFlushKeepsViews(t *testing.T) {
	sink := &memorySink{totals: map[uint]int64{}, fail: true}
	clock := &fakeClock{t: time.Now()}
	c := newCounter(sink, clock)
	c.Record("a", Key{1, "fa"})
	c.Record("b", Key{1, ""})
	if err := c.Flush(context.Background()); err == nil {
		t.Fatal("flush into a failing sink reported no error")
	}
	if got := c.Pending(1); got != 2 {
		t.Fatalf("pending after failed flush = %d, want 2", got)
	}
	sink.fail = false
	if err := c.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sink.totals[1] != 2 {
		t.Fatalf("total after recovery = %d, want 2", sink.totals[1])
	}
}

// TestRecordCountsPerLocale: each locale of an article is counted apart for
// the daily rows, while Record answers the article's pending total.
func TestRecordCountsPerLocale(t *testing.T) {
	sink := &memorySink{totals: map[uint]int64{}, byKey: map[Key]int64{}}
	clock := &fakeClock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	c := newCounter(sink, clock)
	c.Record("10.0.0.1", Key{7, "tg"})
	c.Record("10.0.0.1", Key{7, "fa"}) // another translation: another view
	if got := c.Record("10.0.0.2", Key{7, ""}); got != 3 {
		t.Fatalf("Record answered %d pending views, want 3 (all locales)", got)
	}
	if err := c.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := map[Key]int64{{7, "tg"}: 1, {7, "fa"}: 1, {7, ""}: 1}
	for k, n := range want {
		if sink.byKey[k] != n {
			t.Errorf("flushed %v = %d, want %d (all: %v)", k, sink.byKey[k], n, sink.byKey)
		}
	}
}
