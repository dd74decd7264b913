package webhook

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

func openStore(t *testing.T, path string) *models.Store {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "payvand.db")
	}
	store, err := models.Open(context.Background(), models.Options{Path: path, Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// fastOptions are worker options for tests: loopback allowed, retries
// within milliseconds.
func fastOptions(store *models.Store) Options {
	return Options{Store: store, AllowPrivate: true, Poll: 100 * time.Millisecond, RetryBase: 50 * time.Millisecond, Timeout: 2 * time.Second}
}

// startWorker runs a worker until the test ends.
func startWorker(t *testing.T, opts Options) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); New(opts).Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

// received is one request a test receiver got.
type received struct {
	ID, Type   string
	Body       []byte
	Header     http.Header
	VerifyErr  error
	At         time.Time
	ArticleID  uint
	StatusSent int
}

// receiver is a loopback endpoint that verifies every request with the
// Standard Webhooks library and answers what answer returns.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	got    []received
	secret string
	answer func(n int, r received) int
}

func newReceiver(t *testing.T, answer func(n int, r received) int) *receiver {
	rc := &receiver{answer: answer}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var ev struct {
			ID   string `json:"id"`
			Type string `json:"type"`
			Data struct {
				ArticleID uint `json:"article_id"`
			} `json:"data"`
		}
		json.Unmarshal(body, &ev)
		got := received{ID: ev.ID, Type: ev.Type, Body: body, Header: r.Header.Clone(), At: time.Now(), ArticleID: ev.Data.ArticleID}
		rc.mu.Lock()
		if wh, err := standardwebhooks.NewWebhook(rc.secret); err != nil {
			got.VerifyErr = err
		} else {
			got.VerifyErr = wh.Verify(body, r.Header)
		}
		n := len(rc.got)
		rc.mu.Unlock()
		status := rc.answer(n, got)
		got.StatusSent = status
		rc.mu.Lock()
		rc.got = append(rc.got, got)
		rc.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) requests() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// addEndpoint registers rc with the store and tells rc its secret.
func addEndpoint(t *testing.T, store *models.Store, rc *receiver, in models.WebhookInput) *models.WebhookEndpoint {
	t.Helper()
	in.URL, in.Active = rc.URL+"/hook", true
	ep, err := store.CreateWebhook(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	rc.mu.Lock()
	rc.secret = ep.Secret
	rc.mu.Unlock()
	return ep
}

// articleEvent records an article.updated event for article id in locale.
func articleEvent(t *testing.T, store *models.Store, id uint, loc string) *models.Event {
	t.Helper()
	ev, err := store.RecordTestEvent(context.Background(), models.EventArticleUpdated, &id, loc,
		models.ArticleEventData{ArticleID: id, Locale: loc, Slug: "s", Section: "news"})
	if err != nil {
		t.Fatal(err)
	}
	return &ev
}

// waitFor polls cond until it holds or the timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func deliveries(t *testing.T, store *models.Store, endpointID string) []models.WebhookDelivery {
	t.Helper()
	ds, err := store.ListWebhookDeliveries(context.Background(), endpointID, 100)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
