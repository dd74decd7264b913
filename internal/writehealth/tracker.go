// Package writehealth remembers whether the database's writes are failing,
// so /healthz, the view counter and the admin can say so instead of
// answering a mystery. Only failures of the storage itself count (a full
// disk, an I/O error): a refused or conflicting save is the input's fault,
// not the server's, and changes nothing here.
package writehealth

import (
	"sync"
	"time"
)

// Window is how long a failed write keeps the state failing when no write
// has been attempted since. A later successful write clears it at once.
const Window = 30 * time.Second

// State is the health of writes at one moment.
type State struct {
	// Failing is true while the last write attempt of the past Window failed.
	Failing bool
	// Reason says why, for example "database or disk is full"; empty when
	// writes are not failing.
	Reason string
	// Since is when the current run of failures began.
	Since time.Time
}

// Tracker records the outcome of write attempts. Its zero value is not
// usable: make one with New.
type Tracker struct {
	now func() time.Time

	mu       sync.Mutex
	failing  bool
	reason   string
	since    time.Time
	lastFail time.Time
}

// New returns a tracker reading the time from now (time.Now when nil).
func New(now func() time.Time) *Tracker {
	if now == nil {
		now = time.Now
	}
	return &Tracker{now: now}
}

// Succeeded records a write that reached the database: writes work again.
func (t *Tracker) Succeeded() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failing, t.reason = false, ""
}

// Failed records a write the storage refused, with a short reason.
func (t *Tracker) Failed(reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if !t.failing || now.Sub(t.lastFail) > Window {
		t.since = now
	}
	t.failing, t.reason, t.lastFail = true, reason, now
}

// State reports whether writes are failing now.
func (t *Tracker) State() State {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.failing || t.now().Sub(t.lastFail) > Window {
		return State{}
	}
	return State{Failing: true, Reason: t.reason, Since: t.since}
}

// Check is the state as /healthz words it: "ok", or "failing: " and the
// reason.
func (s State) Check() string {
	if !s.Failing {
		return "ok"
	}
	return "failing: " + s.Reason
}
