package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// EventWebhookTest is the type of the event "Send test event" sends. It is
// not recorded in the events table: it is no change, so the change feed
// and other endpoints never see it.
const EventWebhookTest = "webhook.test"

// WebhookDelivery is one event on its way to one endpoint, with the state
// of its latest attempt.
type WebhookDelivery struct {
	ID            uint64          `gorm:"column:id;primaryKey;autoIncrement"`
	EndpointID    string          `gorm:"column:endpoint_id"`
	EventPosition *int64          `gorm:"column:event_position"`
	EventID       string          `gorm:"column:event_id"`
	EventType     string          `gorm:"column:event_type"`
	ArticleID     *uint           `gorm:"column:article_id"`
	Payload       json.RawMessage `gorm:"column:payload;type:text"`
	State         string          `gorm:"column:state"`
	Attempts      int             `gorm:"column:attempts"`
	NextAttemptAt time.Time       `gorm:"column:next_attempt_at"`
	LastStatus    int             `gorm:"column:last_status"`
	LastError     string          `gorm:"column:last_error"`
	DurationMS    int64           `gorm:"column:duration_ms"`
	DeliveredAt   *time.Time      `gorm:"column:delivered_at"`
	CreatedAt     time.Time       `gorm:"column:created_at"`
}

// TableName keeps GORM on the migration's table.
func (WebhookDelivery) TableName() string { return "webhook_deliveries" }

// newDelivery builds the pending delivery of ev to endpointID, due at now.
func newDelivery(endpointID string, ev *Event, position *int64, now time.Time) (WebhookDelivery, error) {
	payload, err := json.Marshal(ev)
	if err != nil {
		return WebhookDelivery{}, fmt.Errorf("encode event %s: %w", ev.ID, err)
	}
	return WebhookDelivery{
		EndpointID: endpointID, EventPosition: position, EventID: ev.ID, EventType: ev.Type, ArticleID: ev.ArticleID,
		Payload: payload, State: DeliveryPending, NextAttemptAt: now, CreatedAt: now,
	}, nil
}

// FanOutWebhookEvents hands up to limit events newer than the active
// endpoints' cursors to the endpoints that want them, as pending
// deliveries, and moves the cursors past them, in one transaction: each
// event reaches each endpoint once, whichever instance runs this. Paused
// endpoints keep their cursor and catch up when resumed. It returns how
// many events it read; fewer than limit means it has caught up.
func (s *Store) FanOutWebhookEvents(ctx context.Context, limit int) (int, error) {
	// Looked at first on the read pool: the worker asks every few seconds,
	// and an idle poll must not take the write lock or count as a write.
	var from *int64
	if err := s.reader(ctx).Model(&WebhookEndpoint{}).Where("active = ?", true).Select("MIN(cursor)").Scan(&from).Error; err != nil {
		return 0, fmt.Errorf("fan out webhook events: %w", err)
	}
	if from == nil {
		return 0, nil
	}
	if newest, err := s.LastEventPosition(ctx); err != nil || newest <= *from {
		return 0, err
	}
	read := 0
	err := s.countersTx(ctx, func(tx *gorm.DB) error {
		var eps []WebhookEndpoint
		if err := tx.Where("active = ?", true).Order("id").Find(&eps).Error; err != nil {
			return err
		}
		if len(eps) == 0 {
			return nil
		}
		from := eps[0].Cursor
		for _, ep := range eps {
			from = min(from, ep.Cursor)
		}
		var events []Event
		if err := tx.Where("position > ?", from).Order("position").Limit(limit).Find(&events).Error; err != nil {
			return err
		}
		read = len(events)
		if read == 0 {
			return nil
		}
		last := events[read-1].Position
		now := s.Now()
		var deliveries []WebhookDelivery
		for _, ep := range eps {
			for i := range events {
				if events[i].Position <= ep.Cursor || !ep.Wants(&events[i]) {
					continue
				}
				d, err := newDelivery(ep.ID, &events[i], &events[i].Position, now)
				if err != nil {
					return err
				}
				deliveries = append(deliveries, d)
			}
		}
		if len(deliveries) > 0 {
			if err := tx.CreateInBatches(deliveries, 200).Error; err != nil {
				return err
			}
		}
		return tx.Model(&WebhookEndpoint{}).Where("active = ? AND cursor < ?", true, last).Update("cursor", last).Error
	})
	if err != nil {
		return 0, fmt.Errorf("fan out webhook events: %w", err)
	}
	return read, nil
}

// ClaimWebhookDelivery takes the endpoint's next due delivery, counts the
// attempt and leases the delivery until now+lease, so no other worker (nor
// this one after a kill -9) starts it again before the attempt has had its
// time. Within one article it takes only the oldest pending delivery: a
// later event for an article waits until the earlier one succeeded or was
// given up. It returns the endpoint as it is now (URL and secret may have
// changed) and ErrNotFound when nothing is due or the endpoint is paused.
func (s *Store) ClaimWebhookDelivery(ctx context.Context, endpointID string, lease time.Duration) (*WebhookDelivery, *WebhookEndpoint, error) {
	var d WebhookDelivery
	var ep WebhookEndpoint
	now := s.Now()
	err := s.countersTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("id = ? AND active = ?", endpointID, true).Take(&ep).Error; err != nil {
			return err
		}
		err := tx.Scopes(nextInLine(endpointID)).Where("next_attempt_at <= ?", now).Order("next_attempt_at, id").Take(&d).Error
		if err != nil {
			return err
		}
		d.Attempts++
		d.NextAttemptAt = now.Add(lease)
		return tx.Model(&d).Updates(map[string]any{"attempts": d.Attempts, "next_attempt_at": d.NextAttemptAt}).Error
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, fmt.Errorf("claim webhook delivery: %w", err)
	}
	return &d, &ep, nil
}

// nextInLine selects the endpoint's pending deliveries that may go now
// as far as order goes: the oldest pending one of each article, and every
// pending one that concerns no article.
func nextInLine(endpointID string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB {
		return db.Where("endpoint_id = ? AND state = ?", endpointID, DeliveryPending).
			Where(`NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.endpoint_id = webhook_deliveries.endpoint_id
				AND e.state = ? AND e.article_id = webhook_deliveries.article_id AND e.id < webhook_deliveries.id)`, DeliveryPending)
	}
}

// WebhookAttempt is the outcome of one delivery attempt.
type WebhookAttempt struct {
	// OK is a 2xx answer in time.
	OK       bool
	Status   int // 0 when no answer came
	Error    string
	Duration time.Duration
	// RetryAt is when to try again after a failure; zero gives up.
	RetryAt time.Time
	// PauseAfter pauses the endpoint when its failures have run this long.
	PauseAfter time.Duration
}

// RecordWebhookAttempt stores the outcome of an attempt at delivery id. A
// success ends the endpoint's run of failures; a failure starts or extends
// it and pauses the endpoint (PausedFailing) once it has lasted PauseAfter.
// It reports whether the endpoint was paused.
func (s *Store) RecordWebhookAttempt(ctx context.Context, id uint64, a WebhookAttempt) (paused bool, err error) {
	now := s.Now()
	set := map[string]any{"last_status": a.Status, "last_error": a.Error, "duration_ms": a.Duration.Milliseconds()}
	switch {
	case a.OK:
		set["state"], set["delivered_at"], set["last_error"] = DeliveryDelivered, now, ""
	case a.RetryAt.IsZero():
		set["state"] = DeliveryFailed
	default:
		set["next_attempt_at"] = a.RetryAt
	}
	err = s.countersTx(ctx, func(tx *gorm.DB) error {
		var d WebhookDelivery
		if err := tx.Where("id = ?", id).Take(&d).Error; err != nil {
			return err
		}
		if err := tx.Model(&d).Updates(set).Error; err != nil {
			return err
		}
		var ep WebhookEndpoint
		if err := tx.Where("id = ?", d.EndpointID).Take(&ep).Error; err != nil {
			return err
		}
		if a.OK {
			return tx.Model(&ep).Update("failing_since", nil).Error
		}
		since := now
		if ep.FailingSince != nil {
			since = *ep.FailingSince
		}
		epSet := map[string]any{"failing_since": since}
		if ep.Active && a.PauseAfter > 0 && now.Sub(since) >= a.PauseAfter {
			epSet["active"], epSet["paused_reason"], epSet["updated_at"] = false, PausedFailing, now
			paused = true
		}
		return tx.Model(&ep).Updates(epSet).Error
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		// The endpoint was deleted while the attempt was in flight.
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("record webhook attempt %d: %w", id, err)
	}
	return paused, nil
}

// NextWebhookAttempt returns when the endpoint's earliest pending delivery
// that may go (see ClaimWebhookDelivery) is due; ok is false when it has
// none.
func (s *Store) NextWebhookAttempt(ctx context.Context, endpointID string) (at time.Time, ok bool, err error) {
	var d WebhookDelivery
	err = s.reader(ctx).Select("next_attempt_at").Scopes(nextInLine(endpointID)).Order("next_attempt_at").Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return time.Time{}, false, nil
	}
	return d.NextAttemptAt, err == nil, err
}

// ListWebhookDeliveries returns an endpoint's newest deliveries first.
func (s *Store) ListWebhookDeliveries(ctx context.Context, endpointID string, limit int) ([]WebhookDelivery, error) {
	var ds []WebhookDelivery
	err := s.reader(ctx).Where("endpoint_id = ?", endpointID).Order("id DESC").Limit(limit).Find(&ds).Error
	return ds, err
}

// RedeliverWebhook queues delivery id of endpointID again as a new
// delivery with the same event id and body, due now; the old row keeps
// its history.
func (s *Store) RedeliverWebhook(ctx context.Context, endpointID string, id uint64) (*WebhookDelivery, error) {
	var again WebhookDelivery
	err := s.countersTx(ctx, func(tx *gorm.DB) error {
		var d WebhookDelivery
		if err := tx.Where("id = ? AND endpoint_id = ?", id, endpointID).Take(&d).Error; err != nil {
			return err
		}
		now := s.Now()
		again = WebhookDelivery{
			EndpointID: d.EndpointID, EventPosition: d.EventPosition, EventID: d.EventID, EventType: d.EventType,
			ArticleID: d.ArticleID, Payload: d.Payload, State: DeliveryPending, NextAttemptAt: now, CreatedAt: now,
		}
		return tx.Create(&again).Error
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("redeliver %d: %w", id, err)
	}
	return &again, nil
}

// SendWebhookTestEvent queues a webhook.test event for endpointID alone.
func (s *Store) SendWebhookTestEvent(ctx context.Context, endpointID string) (*WebhookDelivery, error) {
	ev, err := newEvent(EventWebhookTest, s.Now(), nil, "", map[string]string{"endpoint_id": endpointID})
	if err != nil {
		return nil, err
	}
	d, err := newDelivery(endpointID, &ev, nil, s.Now())
	if err != nil {
		return nil, err
	}
	err = s.countersTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("id = ?", endpointID).Take(&WebhookEndpoint{}).Error; err != nil {
			return err
		}
		return tx.Create(&d).Error
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("send test event: %w", err)
	}
	return &d, nil
}

// PruneWebhookDeliveries deletes finished deliveries created before
// before and returns how many.
func (s *Store) PruneWebhookDeliveries(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.countersTx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("state <> ? AND created_at < ?", DeliveryPending, before).Delete(&WebhookDelivery{})
		n = res.RowsAffected
		return res.Error
	})
	return n, err
}
