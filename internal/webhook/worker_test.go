package webhook

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

func TestFailingReceiverGetsTheEventAgainSignedWithTheSameID(t *testing.T) {
	store := openStore(t, "")
	rc := newReceiver(t, func(n int, _ received) int {
		if n < 2 {
			return http.StatusInternalServerError
		}
		return http.StatusNoContent
	})
	ep := addEndpoint(t, store, rc, models.WebhookInput{})
	startWorker(t, fastOptions(store))
	ev := articleEvent(t, store, 7, "fa")

	waitFor(t, 10*time.Second, "three requests", func() bool { return len(rc.requests()) >= 3 })
	time.Sleep(300 * time.Millisecond) // nothing more may come after the success
	got := rc.requests()
	if len(got) != 3 {
		t.Fatalf("receiver got %d requests, want 3", len(got))
	}
	want, _ := json.Marshal(ev)
	for i, r := range got {
		if r.VerifyErr != nil {
			t.Errorf("request %d: signature does not verify: %v", i, r.VerifyErr)
		}
		if id := r.Header.Get("webhook-id"); id != ev.ID {
			t.Errorf("request %d: webhook-id %q, want the event id %q", i, id, ev.ID)
		}
		if string(r.Body) != string(want) {
			t.Errorf("request %d: body %s, want the event JSON %s", i, r.Body, want)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("request %d: Content-Type %q", i, ct)
		}
	}
	waitFor(t, 5*time.Second, "the delivery recorded as delivered", func() bool {
		ds := deliveries(t, store, ep.ID)
		return len(ds) == 1 && ds[0].State == models.DeliveryDelivered
	})
	if d := deliveries(t, store, ep.ID)[0]; d.Attempts != 3 || d.LastStatus != http.StatusNoContent {
		t.Errorf("delivery: attempts %d, last status %d; want 3 and 204", d.Attempts, d.LastStatus)
	}
}

func TestPrivateAddressIsRefusedWithoutTheFlag(t *testing.T) {
	store := openStore(t, "")
	rc := newReceiver(t, func(int, received) int { return http.StatusOK })
	ep := addEndpoint(t, store, rc, models.WebhookInput{})
	opts := fastOptions(store)
	opts.AllowPrivate = false
	startWorker(t, opts)
	articleEvent(t, store, 1, "tg")

	waitFor(t, 5*time.Second, "a refused attempt", func() bool {
		ds := deliveries(t, store, ep.ID)
		return len(ds) == 1 && ds[0].Attempts >= 1 && ds[0].LastError != ""
	})
	d := deliveries(t, store, ep.ID)[0]
	if !strings.Contains(d.LastError, "refused") || !strings.Contains(d.LastError, "127.0.0.1") {
		t.Errorf("last error %q does not say the loopback address was refused", d.LastError)
	}
	if d.State != models.DeliveryPending {
		t.Errorf("state %q: a refused attempt is retried like any failure", d.State)
	}
	if n := len(rc.requests()); n != 0 {
		t.Errorf("the loopback receiver got %d requests", n)
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	store := openStore(t, "")
	target := newReceiver(t, func(int, received) int { return http.StatusOK })
	rc := newReceiver(t, func(int, received) int { return http.StatusFound })
	rc.Config.Handler = http.RedirectHandler(target.URL, http.StatusFound)
	ep := addEndpoint(t, store, rc, models.WebhookInput{})
	startWorker(t, fastOptions(store))
	articleEvent(t, store, 1, "tg")

	waitFor(t, 5*time.Second, "an attempt", func() bool {
		ds := deliveries(t, store, ep.ID)
		return len(ds) == 1 && ds[0].Attempts >= 1 && ds[0].LastStatus != 0
	})
	if d := deliveries(t, store, ep.ID)[0]; d.LastStatus != http.StatusFound || d.State != models.DeliveryPending {
		t.Errorf("delivery: status %d, state %q; want 302 recorded as a failure", d.LastStatus, d.State)
	}
	if n := len(target.requests()); n != 0 {
		t.Errorf("the redirect target got %d requests", n)
	}
}

func TestDeadEndpointDoesNotDelayAHealthyOne(t *testing.T) {
	store := openStore(t, "")
	hang := make(chan struct{})
	dead := newReceiver(t, func(int, received) int { <-hang; return http.StatusOK })
	t.Cleanup(func() { close(hang) }) // runs before the server closes
	healthy := newReceiver(t, func(int, received) int { return http.StatusOK })
	addEndpoint(t, store, dead, models.WebhookInput{})
	addEndpoint(t, store, healthy, models.WebhookInput{})
	opts := fastOptions(store)
	opts.Timeout = 10 * time.Second
	startWorker(t, opts)

	start := time.Now()
	for i := range 5 {
		articleEvent(t, store, uint(i+1), "fa")
	}
	waitFor(t, 8*time.Second, "the healthy endpoint to get all five events", func() bool { return len(healthy.requests()) == 5 })
	// Well before the dead endpoint's first attempt could even time out.
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the healthy endpoint waited %s while the dead one hung", took)
	}
}

func TestDeliveriesKeepTheirOrderPerArticle(t *testing.T) {
	store := openStore(t, "")
	var first1 string
	rc := newReceiver(t, func(n int, r received) int {
		if r.ArticleID == 1 && first1 == "" {
			first1 = r.ID // the first event of article 1 fails once
			return http.StatusServiceUnavailable
		}
		return http.StatusOK
	})
	addEndpoint(t, store, rc, models.WebhookInput{})
	opts := fastOptions(store)
	opts.RetryBase = time.Second
	a1 := articleEvent(t, store, 1, "fa")
	a2 := articleEvent(t, store, 1, "fa")
	b1 := articleEvent(t, store, 2, "fa")
	startWorker(t, opts)

	waitFor(t, 5*time.Second, "four requests", func() bool { return len(rc.requests()) >= 4 })
	var order []string
	for _, r := range rc.requests() {
		order = append(order, r.ID)
	}
	names := map[string]string{a1.ID: "a1", a2.ID: "a2", b1.ID: "b1"}
	var got []string
	for _, id := range order {
		got = append(got, names[id])
	}
	// a1 fails, b1 (another article) is not held up by a1's back-off, a1
	// is retried, and only then a2 goes.
	want := "a1 b1 a1 a2"
	if strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

func TestEndpointFailingTooLongIsPaused(t *testing.T) {
	store := openStore(t, "")
	rc := newReceiver(t, func(int, received) int { return http.StatusBadGateway })
	ep := addEndpoint(t, store, rc, models.WebhookInput{})
	opts := fastOptions(store)
	opts.PauseAfter = 300 * time.Millisecond
	startWorker(t, opts)
	articleEvent(t, store, 1, "fa")

	waitFor(t, 5*time.Second, "the endpoint paused", func() bool {
		got, err := store.FindWebhook(context.Background(), ep.ID)
		return err == nil && !got.Active && got.PausedReason == models.PausedFailing
	})
	n := len(rc.requests())
	time.Sleep(400 * time.Millisecond)
	if more := len(rc.requests()) - n; more != 0 {
		t.Errorf("a paused endpoint got %d more requests", more)
	}
}

func TestTestEventGoesOnlyToItsEndpoint(t *testing.T) {
	store := openStore(t, "")
	one := newReceiver(t, func(int, received) int { return http.StatusOK })
	other := newReceiver(t, func(int, received) int { return http.StatusOK })
	ep := addEndpoint(t, store, one, models.WebhookInput{})
	addEndpoint(t, store, other, models.WebhookInput{})
	startWorker(t, fastOptions(store))
	if _, err := store.SendWebhookTestEvent(context.Background(), ep.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "the test event", func() bool { return len(one.requests()) == 1 })
	if r := one.requests()[0]; r.Type != models.EventWebhookTest || r.VerifyErr != nil {
		t.Errorf("got type %q, verify error %v", r.Type, r.VerifyErr)
	}
	time.Sleep(300 * time.Millisecond)
	if n := len(other.requests()); n != 0 {
		t.Errorf("the other endpoint got %d requests", n)
	}
	if pos, _ := store.LastEventPosition(context.Background()); pos != 0 {
		t.Errorf("the test event was recorded in the change feed (position %d)", pos)
	}
}

// A name is checked on the address it resolves to when the connection is
// made, which is what defeats DNS rebinding: here "localhost".
func TestNameResolvingToLoopbackIsRefused(t *testing.T) {
	store := openStore(t, "")
	rc := newReceiver(t, func(int, received) int { return http.StatusOK })
	ep, err := store.CreateWebhook(context.Background(), models.WebhookInput{
		URL: strings.Replace(rc.URL, "127.0.0.1", "localhost", 1) + "/hook", Active: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := fastOptions(store)
	opts.AllowPrivate = false
	startWorker(t, opts)
	articleEvent(t, store, 1, "tg")
	waitFor(t, 5*time.Second, "a refused attempt", func() bool {
		ds := deliveries(t, store, ep.ID)
		return len(ds) == 1 && strings.Contains(ds[0].LastError, "refused")
	})
	if n := len(rc.requests()); n != 0 {
		t.Errorf("the receiver behind localhost got %d requests", n)
	}
}
