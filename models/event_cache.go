package models

import (
	"context"

	"gorm.io/gorm"
)

// eventsCoverPublicChanges says whether every write that changes a public
// answer records its events. The write path's event rule does (see
// event_rule.go), so a cache needs nothing else; a store whose writes
// did not would set it false and make caches drop answers whenever
// Generation moves.
const eventsCoverPublicChanges = true

// EventsCoverPublicChanges reports whether events alone tell a cache what
// changed (see eventsCoverPublicChanges). While false, Generation is the
// safety net: it moves with every content write except view counts.
func (s *Store) EventsCoverPublicChanges() bool { return eventsCoverPublicChanges }

// RecordTestEvent records one event in a write transaction of its own, as the
// write path does beside a change, without moving Generation. Production
// writes record their events inside their own transaction; this is for the
// tests of the packages that read events (the response cache, webhooks).
func (s *Store) RecordTestEvent(ctx context.Context, typ string, articleID *uint, locale string, data any) (Event, error) {
	ev, err := newEvent(typ, s.Now(), articleID, locale, data)
	if err != nil {
		return Event{}, err
	}
	err = s.countersTx(ctx, func(tx *gorm.DB) error { return recordEvents(tx, []Event{ev}) })
	return ev, err
}
