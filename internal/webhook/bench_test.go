package webhook

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

// TestMeasureDeliveryThroughput records events one by one, as saves do,
// and measures how long until a healthy endpoint has them all while a
// second endpoint hangs on every request. Run with -run Measure -v; it
// is skipped in -short mode.
func TestMeasureDeliveryThroughput(t *testing.T) {
	if testing.Short() {
		t.Skip("a measurement")
	}
	const events = 500
	store := openStore(t, "")
	hang := make(chan struct{})
	dead := newReceiver(t, func(int, received) int { <-hang; return http.StatusOK })
	t.Cleanup(func() { close(hang) })
	healthy := newReceiver(t, func(int, received) int { return http.StatusNoContent })
	addEndpoint(t, store, dead, models.WebhookInput{})
	addEndpoint(t, store, healthy, models.WebhookInput{})
	opts := fastOptions(store)
	opts.Timeout = 10 * time.Second
	startWorker(t, opts)

	start := time.Now()
	var recordTotal time.Duration
	for i := range events {
		t0 := time.Now()
		id := uint(i%50 + 1)
		if _, err := store.RecordTestEvent(context.Background(), models.EventArticleUpdated, &id, "fa", map[string]uint{"article_id": id}); err != nil {
			t.Fatal(err)
		}
		recordTotal += time.Since(t0)
	}
	waitFor(t, 60*time.Second, "all events delivered", func() bool { return len(healthy.requests()) == events })
	took := time.Since(start)
	t.Logf("%d events over 50 articles: all delivered to the healthy endpoint in %s (%.0f/s) while the other hung; mean event write %s",
		events, took.Round(time.Millisecond), float64(events)/took.Seconds(), (recordTotal / events).Round(time.Microsecond))
}
