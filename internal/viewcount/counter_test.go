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
	fail   bool
}

func (m *memorySink) AddViews(_ context.Context, counts map[uint]int64, _ time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return errors.New("database is down")
	}
	for id, n := range counts {
		m.totals[id] += n
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
	c.Record("10.0.0.1", 7)
	c.Record("10.0.0.1", 7) // same reader, same article: once
	c.Record("10.0.0.2", 7)
	c.Record("10.0.0.1", 8)
	clock.t = clock.t.Add(31 * time.Minute)
	c.Record("10.0.0.1", 7) // window passed: counts again
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
	c.Record("a", 1)
	c.Record("b", 1)
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
