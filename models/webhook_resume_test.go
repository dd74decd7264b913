package models

import (
	"context"
	"errors"
	"testing"
)

// An endpoint resumed skipping what it held receives only the events after
// the resume, and the deliveries it had before the pause; one resumed
// plainly catches up (TestPausedEndpointCatchesUpWhenResumed).
func TestResumeWebhookSkippingHeld(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	ep := mustWebhook(t, s, WebhookInput{})
	before := mustEvent(t, s, EventArticleUpdated, 1, "fa")
	s.FanOutWebhookEvents(ctx, 100)
	if _, err := s.SetWebhookActive(ctx, ep.ID, false); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		mustEvent(t, s, EventArticlePublished, 2, "fa")
	}
	got, err := s.ResumeWebhookSkippingHeld(ctx, ep.ID)
	if err != nil || !got.Active {
		t.Fatalf("resumed: %+v, %v", got, err)
	}
	after := mustEvent(t, s, EventArticleUpdated, 3, "fa")
	s.FanOutWebhookEvents(ctx, 100)
	if ids := eventIDs(t, s, ep.ID); len(ids) != 2 || ids[0] != before.ID || ids[1] != after.ID {
		t.Errorf("deliveries %v, want [%s %s]", ids, before.ID, after.ID)
	}
	if _, err := s.ResumeWebhookSkippingHeld(ctx, "wh_none"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown endpoint: %v", err)
	}
}
