// Package schedule announces scheduled publications at their time. A
// translation saved as published with a future time becomes public when
// the clock passes it, without any write; this worker then records its
// article.published event (through the store's write path), so webhooks
// and the change feed learn of it within a moment, with nobody saving.
package schedule

import (
	"context"
	"log/slog"
	"time"
)

// DefaultRecheck is how often the worker looks again when it knows of no
// earlier publication. On PostgreSQL other instances' commits wake it
// (models.Store.EventsCommitted); the recheck is the safety net for a
// notification lost while reconnecting.
const DefaultRecheck = time.Minute

// Store is what the worker needs of models.Store.
type Store interface {
	// AnnounceDue records the events of translations whose time has come
	// and marks them announced in the same transaction, so it is safe to
	// run on every instance and after every restart.
	AnnounceDue(ctx context.Context) (int, error)
	// NextScheduledChange is the earliest publication time after a moment.
	NextScheduledChange(ctx context.Context, after time.Time) (time.Time, bool)
	// EventsCommitted is closed when events next commit, in this process
	// or another sharing the database (a save may have scheduled something
	// sooner than the worker knows).
	EventsCommitted() <-chan struct{}
	Now() time.Time
}

// Options configures Run.
type Options struct {
	// Recheck bounds every wait; zero means DefaultRecheck.
	Recheck time.Duration
	Logger  *slog.Logger
}

// Run announces due publications until ctx ends: now, at the next
// scheduled time, after events commit in this process, and at least every
// Recheck.
func Run(ctx context.Context, store Store, opts Options) {
	if opts.Recheck <= 0 {
		opts.Recheck = DefaultRecheck
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	for {
		// Taken before announcing, so a save committed meanwhile wakes the
		// next wait instead of being missed.
		committed := store.EventsCommitted()
		if n, err := store.AnnounceDue(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			opts.Logger.Warn("announce scheduled publications", "err", err)
		} else if n > 0 {
			opts.Logger.Info("announced scheduled publications", "articles", n)
		}
		timer := time.NewTimer(nextWait(ctx, store, opts.Recheck))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-committed:
			timer.Stop()
		case <-timer.C:
		}
	}
}

// nextWait is the time until the next scheduled publication, at most
// recheck.
func nextWait(ctx context.Context, store Store, recheck time.Duration) time.Duration {
	now := store.Now()
	next, ok := store.NextScheduledChange(ctx, now)
	if !ok {
		return recheck
	}
	return min(max(next.Sub(now), 0), recheck)
}
