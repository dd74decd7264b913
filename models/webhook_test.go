package models

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

func mustWebhook(t *testing.T, s *Store, in WebhookInput) *WebhookEndpoint {
	t.Helper()
	if in.URL == "" {
		in.URL = "https://example.com/hook"
	}
	in.Active = true
	ep, err := s.CreateWebhook(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return ep
}

func mustEvent(t *testing.T, s *Store, typ string, articleID uint, loc string) *Event {
	t.Helper()
	var id *uint
	if articleID != 0 {
		id = &articleID
	}
	ev, err := s.RecordTestEvent(context.Background(), typ, id, loc, map[string]any{"article_id": articleID})
	if err != nil {
		t.Fatal(err)
	}
	return &ev
}

func eventIDs(t *testing.T, s *Store, endpointID string) []string {
	t.Helper()
	ds, err := s.ListWebhookDeliveries(context.Background(), endpointID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := len(ds) - 1; i >= 0; i-- {
		ids = append(ids, ds[i].EventID)
	}
	return ids
}

func TestWebhookSecretIsStandardWebhooksShaped(t *testing.T) {
	s, _ := newTestStore(t)
	ep := mustWebhook(t, s, WebhookInput{})
	if !strings.HasPrefix(ep.ID, "wh_") {
		t.Errorf("id %q", ep.ID)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(ep.Secret, "whsec_"))
	if !strings.HasPrefix(ep.Secret, "whsec_") || err != nil || len(raw) < 24 || len(raw) > 64 {
		t.Errorf("secret %q: want whsec_ and base64 of 24–64 random bytes (%v)", ep.Secret, err)
	}
	rotated, err := s.RotateWebhookSecret(context.Background(), ep.ID)
	if err != nil || rotated.Secret == ep.Secret {
		t.Errorf("rotate: %v, same secret %v", err, rotated != nil && rotated.Secret == ep.Secret)
	}
}

func TestWebhookInputIsValidated(t *testing.T) {
	s, _ := newTestStore(t)
	for _, in := range []WebhookInput{
		{URL: "ftp://example.com"}, {URL: "example.com/hook"}, {URL: "https://user:pw@example.com/"},
		{URL: "https://example.com", EventTypes: []string{"article.exploded"}},
		{URL: "https://example.com", Locales: []string{"de"}},
	} {
		var verr *ValidationError
		if _, err := s.CreateWebhook(context.Background(), in); !errors.As(err, &verr) {
			t.Errorf("%+v: %v, want a validation error", in, err)
		}
	}
}

func TestFanOutFollowsFiltersAndStartsAtCreation(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	before := mustEvent(t, s, EventArticleUpdated, 1, "fa")
	all := mustWebhook(t, s, WebhookInput{})
	fa := mustWebhook(t, s, WebhookInput{Locales: []string{"fa"}})
	published := mustWebhook(t, s, WebhookInput{EventTypes: []string{EventArticlePublished, EventSectionUpdated}})
	e1 := mustEvent(t, s, EventArticleUpdated, 1, "fa")
	e2 := mustEvent(t, s, EventArticlePublished, 2, "tg")
	e3 := mustEvent(t, s, EventSectionUpdated, 0, "")
	if _, err := s.FanOutWebhookEvents(ctx, 100); err != nil {
		t.Fatal(err)
	}
	// A second fan-out hands nothing out twice.
	if _, err := s.FanOutWebhookEvents(ctx, 100); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ep   *WebhookEndpoint
		want []string
	}{
		{all, []string{e1.ID, e2.ID, e3.ID}},
		{fa, []string{e1.ID, e3.ID}},
		{published, []string{e2.ID, e3.ID}},
	} {
		if got := eventIDs(t, s, c.ep.ID); strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: got %v, want %v (the event before it, %s, never)", c.ep.Description+c.ep.Locales+c.ep.EventTypes, got, c.want, before.ID)
		}
	}
}

func TestPausedEndpointCatchesUpWhenResumed(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	ep := mustWebhook(t, s, WebhookInput{})
	if _, err := s.SetWebhookActive(ctx, ep.ID, false); err != nil {
		t.Fatal(err)
	}
	ev := mustEvent(t, s, EventArticleUpdated, 1, "fa")
	s.FanOutWebhookEvents(ctx, 100)
	if got := eventIDs(t, s, ep.ID); len(got) != 0 {
		t.Fatalf("a paused endpoint got deliveries %v", got)
	}
	if _, err := s.SetWebhookActive(ctx, ep.ID, true); err != nil {
		t.Fatal(err)
	}
	s.FanOutWebhookEvents(ctx, 100)
	if got := eventIDs(t, s, ep.ID); len(got) != 1 || got[0] != ev.ID {
		t.Errorf("after resuming: %v, want [%s]", got, ev.ID)
	}
}

func TestRedeliverKeepsTheEventID(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	ep := mustWebhook(t, s, WebhookInput{})
	ev := mustEvent(t, s, EventArticleUpdated, 1, "fa")
	s.FanOutWebhookEvents(ctx, 100)
	ds, _ := s.ListWebhookDeliveries(ctx, ep.ID, 10)
	again, err := s.RedeliverWebhook(ctx, ep.ID, ds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.EventID != ev.ID || string(again.Payload) != string(ds[0].Payload) || again.ID == ds[0].ID {
		t.Errorf("redelivery %+v of %+v", again, ds[0])
	}
	if _, err := s.RedeliverWebhook(ctx, "wh_other", ds[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("redeliver through another endpoint: %v, want ErrNotFound", err)
	}
}

func TestPruneDeletesOnlyOldFinishedDeliveries(t *testing.T) {
	s, clk := newTestStore(t)
	ctx := context.Background()
	ep := mustWebhook(t, s, WebhookInput{})
	mustEvent(t, s, EventArticleUpdated, 1, "fa")
	mustEvent(t, s, EventArticleUpdated, 2, "fa")
	s.FanOutWebhookEvents(ctx, 100)
	d, _, err := s.ClaimWebhookDelivery(ctx, ep.ID, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordWebhookAttempt(ctx, d.ID, WebhookAttempt{OK: true, Status: 200}); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(31 * 24 * time.Hour)
	n, err := s.PruneWebhookDeliveries(ctx, s.Now().Add(-30*24*time.Hour))
	if err != nil || n != 1 {
		t.Errorf("pruned %d (%v), want the one delivered; the pending one stays", n, err)
	}
}

func TestWebhookBookkeepingLeavesTheContentGenerationAlone(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	before := s.Generation()
	ep := mustWebhook(t, s, WebhookInput{})
	mustEvent(t, s, EventArticleUpdated, 1, "fa")
	for range 2 { // the second one is idle
		if _, err := s.FanOutWebhookEvents(ctx, 100); err != nil {
			t.Fatal(err)
		}
	}
	d, _, err := s.ClaimWebhookDelivery(ctx, ep.ID, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordWebhookAttempt(ctx, d.ID, WebhookAttempt{Status: 500, RetryAt: s.Now().Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	s.RotateWebhookSecret(ctx, ep.ID)
	s.SendWebhookTestEvent(ctx, ep.ID)
	if s.Generation() != before {
		t.Errorf("webhook bookkeeping moved the content generation (%d → %d): every delivery would empty the response cache", before, s.Generation())
	}
}
