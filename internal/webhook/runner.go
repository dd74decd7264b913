package webhook

import (
	"context"
	"errors"
	"time"

	"github.com/payvand/payvand/models"
)

// runner delivers to one endpoint, one attempt at a time, so a slow or
// dead endpoint only ever holds up itself.
type runner struct {
	w          *Worker
	endpointID string
	wake       chan struct{}
	cancel     context.CancelFunc
}

func newRunner(w *Worker, endpointID string) *runner {
	return &runner{w: w, endpointID: endpointID, wake: make(chan struct{}, 1)}
}

// nudge asks the runner to look for due deliveries now.
func (r *runner) nudge() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *runner) run(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		wait := r.deliverDue(ctx)
		if ctx.Err() != nil {
			return
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-timer.C:
		}
	}
}

// deliverDue sends every delivery that is due and returns how long to
// wait before the next one is (at most the poll interval).
func (r *runner) deliverDue(ctx context.Context) time.Duration {
	store := r.w.store
	for ctx.Err() == nil {
		at, ok, err := store.NextWebhookAttempt(ctx, r.endpointID)
		if err != nil {
			r.logError(ctx, "find the next delivery", err)
			return r.w.opts.Poll
		}
		if !ok {
			return r.w.opts.Poll
		}
		if wait := at.Sub(r.w.now()); wait > 0 {
			return min(wait, r.w.opts.Poll)
		}
		if err := r.deliverOne(ctx); err != nil {
			if !errors.Is(err, models.ErrNotFound) {
				r.logError(ctx, "deliver", err)
			}
			return r.w.opts.Poll
		}
	}
	return 0
}

// deliverOne claims the next due delivery, sends it and records how it went.
func (r *runner) deliverOne(ctx context.Context) error {
	store := r.w.store
	d, ep, err := store.ClaimWebhookDelivery(ctx, r.endpointID, r.w.lease())
	if err != nil {
		return err
	}
	a := r.w.send(ctx, ep, d)
	if ctx.Err() != nil {
		return errStopped // not recorded: the lease runs out and it is tried again
	}
	if !a.OK {
		a.RetryAt = r.w.retryAt(d)
		a.PauseAfter = r.w.opts.PauseAfter
	}
	paused, err := store.RecordWebhookAttempt(ctx, d.ID, a)
	if err != nil {
		return err
	}
	log := r.w.log.With("endpoint", ep.ID, "event", d.EventID, "attempt", d.Attempts, "status", a.Status, "ms", a.Duration.Milliseconds())
	switch {
	case a.OK:
		log.Debug("webhook delivered")
	case a.RetryAt.IsZero():
		log.Warn("webhook delivery given up", "err", a.Error)
	default:
		log.Info("webhook delivery failed, will retry", "err", a.Error, "retry_at", a.RetryAt)
	}
	if paused {
		log.Warn("webhook endpoint paused after failing too long", "url", ep.URL)
		return errStopped
	}
	return nil
}

func (r *runner) logError(ctx context.Context, what string, err error) {
	if ctx.Err() == nil {
		r.w.log.Error("webhooks: "+what, "endpoint", r.endpointID, "err", err)
	}
}
