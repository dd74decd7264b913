package models

import (
	"context"

	"gorm.io/gorm"
)

// ResumeWebhookSkippingHeld resumes a paused endpoint without the events
// that happened while it was paused: its cursor moves to the newest event,
// so it receives only what happens from now on. It is for an endpoint
// paused during a large change its receiver will not follow event by event
// (a first WordPress import, after which the site is rebuilt whole);
// SetWebhookActive resumes it with every held event instead. Deliveries
// made before the pause are still sent.
func (s *Store) ResumeWebhookSkippingHeld(ctx context.Context, id string) (*WebhookEndpoint, error) {
	newest := gorm.Expr("(SELECT COALESCE(MAX(position), 0) FROM events)")
	return s.changeWebhook(ctx, id, map[string]any{"active": true, "cursor": newest})
}
