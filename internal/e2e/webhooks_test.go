package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/payvand/payvand/internal/webhook"
)

// TestAdminAddsWebhookSeesSecretOnceAndSendsATestEvent adds an endpoint in
// the browser, copies the secret shown once, and checks that a test event
// reaches a loopback receiver signed with exactly that secret.
func TestAdminAddsWebhookSeesSecretOnceAndSendsATestEvent(t *testing.T) {
	s := newSite(t)
	var mu sync.Mutex
	var bodies [][]byte
	var headers []http.Header
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies, headers = append(bodies, body), append(headers, r.Header.Clone())
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(receiver.Close)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		webhook.New(webhook.Options{Store: s.store, AllowPrivate: true, Poll: 200 * time.Millisecond}).Run(ctx)
	}()
	t.Cleanup(func() { cancel(); <-done })

	s.signIn("admin@example.com")
	s.run(
		chromedp.Navigate(s.url+"/admin/webhooks"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="new-webhook-form"]`)),
		chromedp.SendKeys(chromedp.CSS(`[name="url"]`), receiver.URL+"/payvand"),
		chromedp.SendKeys(chromedp.CSS(`[name="description"]`), "Astro site"),
		chromedp.Click(chromedp.CSS(`[data-testid="event-article.published"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="event-article.updated"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="new-webhook-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="webhook-secret"]`)),
	)
	secret := s.text(`[data-testid="webhook-secret"]`)
	if !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("shown secret %q", secret)
	}
	s.screenshot("webhooks")

	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="webhook-test"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="flash"]`)),
	)
	if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="webhook-secret"]').length`)); n != 0 {
		t.Error("the secret is shown again after the page was left")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		n := len(bodies)
		mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the test event never reached the receiver")
		}
		time.Sleep(50 * time.Millisecond)
	}
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if err := wh.Verify(bodies[0], headers[0]); err != nil {
		t.Errorf("the test event does not verify with the secret the page showed: %v", err)
	}
	if !strings.Contains(string(bodies[0]), `"type":"webhook.test"`) {
		t.Errorf("body %s", bodies[0])
	}
}
