// Package webhook delivers the events outbox to the webhook endpoints
// admins registered: a worker hands new events to the endpoints that want
// them and posts each one, signed per Standard Webhooks, retrying with
// back-off. All of its state is in the database, so it picks up where it
// was after a restart or a kill -9.
package webhook

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/payvand/payvand/models"
)

// Options configures a Worker. Zero durations take the defaults beside them.
type Options struct {
	Store *models.Store
	// AllowPrivate lets endpoints on loopback and private networks be
	// reached (--webhook-allow-private); off, they are refused at dial time.
	AllowPrivate bool
	Logger       *slog.Logger
	// Timeout bounds one attempt: a 2xx within it is a success. 10 s.
	Timeout time.Duration
	// Poll is how often the worker looks for events and endpoints that
	// nothing woke it for: the command line's writes, and anything another
	// instance committed while its notice was missed (on PostgreSQL other
	// instances' events wake it through EventsCommitted). 3 s.
	Poll time.Duration
	// RetryBase is the first retry's delay, doubled each time up to
	// RetryMax, with ±20 % jitter. 5 s and 1 h: the first retries come
	// within a minute.
	RetryBase, RetryMax time.Duration
	// GiveUpAfter is how long a delivery is retried. 72 h.
	GiveUpAfter time.Duration
	// PauseAfter pauses an endpoint whose failures have gone on this long
	// without one success. 72 h.
	PauseAfter time.Duration
	// Retention is how long finished deliveries are kept. 30 days.
	Retention time.Duration
}

// Worker delivers events to webhook endpoints.
type Worker struct {
	opts   Options
	store  *models.Store
	log    *slog.Logger
	client *http.Client
	now    func() time.Time

	mu      sync.Mutex
	runners map[string]*runner
	wg      sync.WaitGroup
}

// fanOutBatch is how many events one fan-out transaction reads.
const fanOutBatch = 500

// New returns a worker for opts; Run starts it.
func New(opts Options) *Worker {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&opts.Timeout, 10*time.Second)
	def(&opts.Poll, 3*time.Second)
	def(&opts.RetryBase, 5*time.Second)
	def(&opts.RetryMax, time.Hour)
	def(&opts.GiveUpAfter, 72*time.Hour)
	def(&opts.PauseAfter, 72*time.Hour)
	def(&opts.Retention, 30*24*time.Hour)
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Worker{
		opts: opts, store: opts.Store, log: opts.Logger, client: newClient(opts.AllowPrivate, opts.Timeout),
		now: opts.Store.Now, runners: map[string]*runner{},
	}
}

// Run delivers until ctx ends, then waits for the endpoints' goroutines.
// An attempt cut short by ctx is not recorded: its lease runs out and the
// next run tries it again (at least once, never lost).
func (w *Worker) Run(ctx context.Context) {
	defer w.wg.Wait()
	ticker := time.NewTicker(w.opts.Poll)
	defer ticker.Stop()
	var pruned time.Time
	for {
		// Taken before reading, so a commit during the read wakes us again.
		committed := w.store.EventsCommitted()
		w.fanOut(ctx)
		w.syncRunners(ctx)
		if w.now().Sub(pruned) > time.Hour {
			pruned = w.now()
			w.prune(ctx)
		}
		select {
		case <-ctx.Done():
			return
		case <-committed:
		case <-ticker.C:
		}
	}
}

// fanOut turns new events into deliveries until it has caught up.
func (w *Worker) fanOut(ctx context.Context) {
	for ctx.Err() == nil {
		n, err := w.store.FanOutWebhookEvents(ctx, fanOutBatch)
		if err != nil {
			if ctx.Err() == nil {
				w.log.Error("webhooks: hand out events", "err", err)
			}
			return
		}
		if n < fanOutBatch {
			return
		}
	}
}

func (w *Worker) prune(ctx context.Context) {
	n, err := w.store.PruneWebhookDeliveries(ctx, w.now().Add(-w.opts.Retention))
	if err != nil {
		w.log.Warn("webhooks: prune deliveries", "err", err)
	} else if n > 0 {
		w.log.Info("webhooks: pruned old deliveries", "count", n)
	}
}

// syncRunners gives every active endpoint its goroutine, stops those of
// endpoints paused or deleted, and wakes the rest to look for work. The
// endpoints are read from the database each time, so one added by the
// command line or another instance is picked up without a restart.
func (w *Worker) syncRunners(ctx context.Context) {
	eps, err := w.store.ListWebhooks(ctx)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Error("webhooks: list endpoints", "err", err)
		}
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	active := map[string]bool{}
	for _, ep := range eps {
		if !ep.Active {
			continue
		}
		active[ep.ID] = true
		if r, ok := w.runners[ep.ID]; ok {
			r.nudge()
			continue
		}
		r := newRunner(w, ep.ID)
		rctx, cancel := context.WithCancel(ctx)
		r.cancel = cancel
		w.runners[ep.ID] = r
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			r.run(rctx)
		}()
	}
	for id, r := range w.runners {
		if !active[id] {
			r.cancel()
			delete(w.runners, id)
		}
	}
}

// retryAt is when to try delivery d again after its latest attempt
// failed, or zero to give up: doubling delays from RetryBase with ±20 %
// jitter, so receivers that failed together do not come back together.
func (w *Worker) retryAt(d *models.WebhookDelivery) time.Time {
	now := w.now()
	if now.Sub(d.CreatedAt) >= w.opts.GiveUpAfter {
		return time.Time{}
	}
	delay := w.opts.RetryBase
	for i := 1; i < d.Attempts && delay < w.opts.RetryMax; i++ {
		delay *= 2
	}
	delay = min(delay, w.opts.RetryMax)
	delay = time.Duration(float64(delay) * (0.8 + 0.4*rand.Float64()))
	return now.Add(delay)
}

// lease is how long a claimed delivery is held: the attempt's timeout and
// time to record its outcome.
func (w *Worker) lease() time.Duration { return w.opts.Timeout + 20*time.Second }

var errStopped = errors.New("stopped")
