// Package viewcount counts article page views in memory and writes them to
// the database in batches, so that a popular article costs one write per
// batch instead of one per reader.
package viewcount

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Sink stores counted views; *models.Store implements it.
type Sink interface {
	AddViews(ctx context.Context, counts map[uint]int64, at time.Time) error
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
	pending map[uint]int64
	seen    map[seenKey]time.Time

	stop chan struct{}
	done chan struct{}
}

type seenKey struct {
	client  string
	article uint
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
		pending: map[uint]int64{}, seen: map[seenKey]time.Time{},
		stop: make(chan struct{}), done: make(chan struct{}),
	}
	go c.loop()
	return c
}

// Record counts one view of article from client unless the same client
// viewed it within the window. It returns the number of views of the
// article not yet written to the database.
func (c *Counter) Record(client string, article uint) int64 {
	now := c.opts.Now()
	key := seenKey{client, article}
	c.mu.Lock()
	defer c.mu.Unlock()
	if last, ok := c.seen[key]; !ok || now.Sub(last) >= c.opts.Window {
		c.seen[key] = now
		c.pending[article]++
	}
	return c.pending[article]
}

// Pending returns the views of article counted but not yet written.
func (c *Counter) Pending(article uint) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending[article]
}

// Flush writes the pending views. On failure they are put back, so a
// passing database error loses nothing.
func (c *Counter) Flush(ctx context.Context) error {
	c.mu.Lock()
	batch := c.pending
	c.pending = map[uint]int64{}
	c.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := c.sink.AddViews(ctx, batch, c.opts.Now())
	if err != nil {
		c.mu.Lock()
		for id, n := range batch {
			c.pending[id] += n
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
