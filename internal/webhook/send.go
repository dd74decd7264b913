package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/payvand/payvand/internal/netguard"
	"github.com/payvand/payvand/models"
)

// newClient returns the HTTP client deliveries go through: the SSRF guard
// at dial time, no proxy from the environment (a proxy would connect on
// our behalf past the guard), no redirects (a 3xx is a failure recorded
// with its status, or a receiver could bounce us to a private address),
// and the whole attempt bounded by timeout.
func newClient(allowPrivate bool, timeout time.Duration) *http.Client {
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           netguard.Dialer(5*time.Second, allowPrivate).DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport:     transport,
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// userAgent names the sender to receivers and in their logs.
const userAgent = "Payvand-Webhooks/1"

// send makes one attempt at delivering d to ep, signed as the Standard
// Webhooks specification says: webhook-id is the event's id, the same on
// every attempt, so a receiver can drop a repeat.
func (w *Worker) send(ctx context.Context, ep *models.WebhookEndpoint, d *models.WebhookDelivery) models.WebhookAttempt {
	start := time.Now()
	status, err := w.post(ctx, ep, d)
	a := models.WebhookAttempt{Status: status, Duration: time.Since(start)}
	switch {
	case err != nil:
		a.Error = err.Error()
	case status < 200 || status > 299:
		a.Error = "HTTP " + strconv.Itoa(status)
	default:
		a.OK = true
	}
	return a
}

func (w *Worker) post(ctx context.Context, ep *models.WebhookEndpoint, d *models.WebhookDelivery) (int, error) {
	signer, err := standardwebhooks.NewWebhook(ep.Secret)
	if err != nil {
		return 0, fmt.Errorf("secret: %w", err)
	}
	ts := w.now()
	signature, err := signer.Sign(d.EventID, ts, d.Payload)
	if err != nil {
		return 0, fmt.Errorf("sign: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.URL, bytes.NewReader(d.Payload))
	if err != nil {
		return 0, fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set(standardwebhooks.HeaderWebhookID, d.EventID)
	req.Header.Set(standardwebhooks.HeaderWebhookTimestamp, strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set(standardwebhooks.HeaderWebhookSignature, signature)
	resp, err := w.client.Do(req)
	if err != nil {
		// The guard's refusal alone, without the request around it,
		// with the setting that would allow it.
		var refused *netguard.RefusedError
		if errors.As(err, &refused) {
			return 0, fmt.Errorf("%w (start with --webhook-allow-private to allow it)", refused)
		}
		return 0, err
	}
	defer resp.Body.Close()
	// Read a little of the answer so the connection can be reused; what a
	// receiver says is not kept.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, nil
}
