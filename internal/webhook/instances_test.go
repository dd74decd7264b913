package webhook

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// Two instances on one PostgreSQL database run a worker each: every event
// reaches the endpoint once, whichever instance recorded it and whichever
// worker claimed it.
func TestTwoInstancesDeliverEachEventOnce(t *testing.T) {
	dsn := testdb.Postgres(t)
	open := func() *models.Store {
		s, err := models.Open(context.Background(), models.Options{Database: dsn, Locales: locale.MustParse("tg,fa")})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	rc := newReceiver(t, func(int, received) int { return http.StatusOK })
	ep := addEndpoint(t, a, rc, models.WebhookInput{})
	stopA, stopB := runWorker(fastOptions(a)), runWorker(fastOptions(b))
	const events = 40
	want := map[string]bool{}
	for i := range events {
		store := []*models.Store{a, b}[i%2]
		want[articleEvent(t, store, uint(i%7+1), "fa").ID] = true
	}
	waitFor(t, time.Minute, "every delivery delivered", func() bool {
		ds := deliveries(t, b, ep.ID)
		for _, d := range ds {
			if d.State != models.DeliveryDelivered {
				return false
			}
		}
		return len(ds) == events
	})
	stopA()
	stopB()
	got := map[string]int{}
	for _, r := range rc.requests() {
		got[r.ID]++
		if r.VerifyErr != nil {
			t.Errorf("event %s: signature: %v", r.ID, r.VerifyErr)
		}
	}
	for id := range want {
		if got[id] != 1 {
			t.Errorf("event %s was delivered %d times, want once", id, got[id])
		}
	}
	if len(got) != events {
		t.Errorf("the receiver got %d events, want %d", len(got), events)
	}
}

// runWorker starts a worker and returns what stops it and waits for it.
func runWorker(opts Options) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); New(opts).Run(ctx) }()
	return func() { cancel(); <-done }
}
