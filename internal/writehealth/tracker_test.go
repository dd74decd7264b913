package writehealth

import (
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestTrackerFailingLastsWhileTheLastAttemptOfTheWindowFailed(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)}
	tr := New(clock.now)
	if s := tr.State(); s.Failing || s.Check() != "ok" {
		t.Fatalf("new tracker = %+v, want ok", s)
	}
	tr.Succeeded()
	if tr.State().Failing {
		t.Fatal("a success made the state failing")
	}

	start := clock.t
	tr.Failed("database or disk is full")
	clock.t = clock.t.Add(10 * time.Second)
	tr.Failed("database or disk is full")
	s := tr.State()
	if !s.Failing || s.Check() != "failing: database or disk is full" || !s.Since.Equal(start) {
		t.Fatalf("after two failures = %+v (%q), want failing since the first", s, s.Check())
	}

	clock.t = clock.t.Add(Window)
	if !tr.State().Failing {
		t.Fatal("exactly 30 s after the last failure the state is still failing")
	}
	clock.t = clock.t.Add(time.Second)
	if s := tr.State(); s.Failing || s.Check() != "ok" {
		t.Fatalf("31 s after the last failure with no attempt since = %+v, want ok", s)
	}

	tr.Failed("disk I/O error")
	if s := tr.State(); !s.Failing || !s.Since.Equal(clock.t) || s.Reason != "disk I/O error" {
		t.Fatalf("a failure after the window = %+v, want a new run since now", s)
	}
	clock.t = clock.t.Add(time.Second)
	tr.Succeeded()
	if s := tr.State(); s.Failing {
		t.Fatalf("a success after failures = %+v, want ok at once", s)
	}
}
