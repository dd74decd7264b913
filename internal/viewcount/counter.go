// Package viewcount counts article page views in memory and writes them to
// the database in batches, so that a popular article costs one write per
// batch instead of one per reader.
//
// De-duplication is per instance: the addresses seen within the window
// live in this process's memory. With several instances behind a load
// balancer, a reader whose requests reach two of them within the window
// is counted once on each; no view is lost, since every instance's batches
// add to the same rows (models.Store.AddViews adds, never overwrites).
// Sharing the window would cost a database write per view, which batching
// exists to avoid; a balancer that keeps a reader on one instance (by
// address) makes the counts exact again.
package viewcount

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Key names what a view is counted for: an article read in one locale.
// Locale is "" for views counted without a locale, which most-read lists
// count for every locale.
type Key struct {
	Article uint
	Locale  string
}

// Sink stores counted views; *models.Store implements it.
type Sink interface {
	AddViews(ctx context.Context, counts map[Key]int64, at time.Time) error
}

// Options configures a Counter.
type Options struct {
	// Window is how long repeated views of one article from one client
	// address count once.
	Window time.Duration
	// FlushEvery is how often pending views are written.
	FlushEvery time.Duration
	// Now is the clock; nil means time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// Counter collects views between flushes. Everything it holds can be lost
// without harm except the pending counts, which Close writes out.
type Counter struct {
	sink Sink
	opts Options

	mu      sync.Mutex
	pending map[Key]int64
	// pendingTotal is pending summed per article: what the views
	// endpoint adds to the stored total it answers.
	pendingTotal map[uint]int64
	seen         map[seenKey]time.Time

	stop chan struct{}
	done chan struct{}
}

// seenKey remembers a reader per article and locale: reading the Persian
// and then the Tajik translation is two page views.
type seenKey struct {
	client string
	key    Key
}

// New starts a Counter that flushes into sink every opts.FlushEvery.
func New(sink Sink, opts Options) *Counter {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.FlushEvery <= 0 {
		opts.FlushEvery = 5 * time.Second
	}
	c := &Counter{
		sink: sink, opts: opts,
		pending: map[Key]int64{}, pendingTotal: map[uint]int64{}, seen: map[seenKey]time.Time{},
		stop: make(chan struct{}), done: make(chan struct{}),
	}
	go c.loop()
	return c
}

// Record counts one view of key from client unless the same client viewed
// it within the window. It returns the number of views of the article, in
// every locale, not yet written to the database.
func (c *Counter) Record(client string, key Key) int64 {
	now := c.opts.Now()
	seen := seenKey{client, key}
	c.mu.Lock()
	defer c.mu.Unlock()
	if last, ok := c.seen[seen]; !ok || now.Sub(last) >= c.opts.Window {
		c.seen[seen] = now
		c.pending[key]++
		c.pendingTotal[key.Article]++
	}
	return c.pendingTotal[key.Article]
}

// Pending returns the views of article, in every locale, counted but not
// yet written.
func (c *Counter) Pending(article uint) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pendingTotal[article]
}

// Flush writes the pending views. On failure they are put back, so a
// passing database error loses nothing.
func (c *Counter) Flush(ctx context.Context) error {
	c.mu.Lock()
	batch, totals := c.pending, c.pendingTotal
	c.pending, c.pendingTotal = map[Key]int64{}, map[uint]int64{}
	c.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := c.sink.AddViews(ctx, batch, c.opts.Now())
	if err != nil {
		c.mu.Lock()
		for key, n := range batch {
			c.pending[key] += n
		}
		for id, n := range totals {
			c.pendingTotal[id] += n
		}
		c.mu.Unlock()
	}
	return err
}

// Close stops the background loop and writes what is pending.
func (c *Counter) Close(ctx context.Context) error {
	close(c.stop)
	<-c.done
	return c.Flush(ctx)
}

func (c *Counter) loop() {
	defer close(c.done)
	ticker := time.NewTicker(c.opts.FlushEvery)
	defer ticker.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-ticker.C:
			if err := c.Flush(context.Background()); err != nil {
				c.opts.Logger.Error("write view counts", "err", err)
			}
			c.forgetOld()
		}
	}
}

// forgetOld drops remembered clients whose window has passed, so memory
// follows the number of recent readers, not all readers ever.
func (c *Counter) forgetOld() {
	now := c.opts.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, t := range c.seen {
		if now.Sub(t) >= c.opts.Window {
			delete(c.seen, k)
		}
	}
}
