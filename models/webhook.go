package models

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// PausedFailing is the PausedReason of an endpoint the worker paused after
// WebhookPauseAfter of consecutive failures; admins are shown it.
const PausedFailing = "failing"

// WebhookEndpoint is a URL that receives events, signed with Secret.
type WebhookEndpoint struct {
	ID          string `gorm:"column:id;primaryKey"`
	URL         string `gorm:"column:url"`
	Description string `gorm:"column:description"`
	// EventTypes and Locales are comma-separated filters; empty means all.
	EventTypes   string     `gorm:"column:event_types"`
	Locales      string     `gorm:"column:locales"`
	Active       bool       `gorm:"column:active"`
	PausedReason string     `gorm:"column:paused_reason"`
	Secret       string     `gorm:"column:secret"`
	Cursor       int64      `gorm:"column:cursor"`
	FailingSince *time.Time `gorm:"column:failing_since"`
	CreatedAt    time.Time  `gorm:"column:created_at"`
	UpdatedAt    time.Time  `gorm:"column:updated_at"`
}

// TableName keeps GORM on the migration's table.
func (WebhookEndpoint) TableName() string { return "webhook_endpoints" }

// EventTypeList returns the event type filter; empty means every type.
func (e *WebhookEndpoint) EventTypeList() []string { return splitList(e.EventTypes) }

// LocaleList returns the locale filter; empty means every locale.
func (e *WebhookEndpoint) LocaleList() []string { return splitList(e.Locales) }

// Wants reports whether the endpoint receives ev. The locale filter applies
// to events that carry a locale (article events); section and media events
// concern every locale and pass it.
func (e *WebhookEndpoint) Wants(ev *Event) bool {
	if types := e.EventTypeList(); len(types) > 0 && !slices.Contains(types, ev.Type) {
		return false
	}
	if locales := e.LocaleList(); len(locales) > 0 && ev.Locale != "" && !slices.Contains(locales, ev.Locale) {
		return false
	}
	return true
}

// WebhookInput is what an admin or the command line sets on an endpoint.
type WebhookInput struct {
	URL         string
	Description string
	EventTypes  []string
	Locales     []string
	Active      bool
}

// maxWebhookDescription bounds a description, in characters.
const maxWebhookDescription = 200

// validateWebhook checks in against the known event types and configured locales.
func (s *Store) validateWebhook(in *WebhookInput) error {
	v := validation{}
	in.URL = strings.TrimSpace(in.URL)
	if u, err := url.Parse(in.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		v.add("url", "validation.webhook_url_invalid")
	}
	in.Description = strings.TrimSpace(in.Description)
	if utf8.RuneCountInString(in.Description) > maxWebhookDescription {
		v.add("description", "validation.too_long", "max", maxWebhookDescription)
	}
	for _, t := range in.EventTypes {
		if !slices.Contains(EventTypes, t) {
			v.add("events", "validation.webhook_event_unknown", "type", t, "types", strings.Join(EventTypes, ","))
		}
	}
	for _, l := range in.Locales {
		if !s.locales.Has(l) {
			v.add("locales", "validation.unknown_locale", "locale", l)
		}
	}
	return v.err()
}

// newWebhookSecret returns a Standard Webhooks secret: "whsec_" and the
// base64 of 32 random bytes.
func newWebhookSecret() string {
	var b [32]byte
	rand.Read(b[:])
	return "whsec_" + base64.StdEncoding.EncodeToString(b[:])
}

// newWebhookID returns "wh_" and 20 random base32 characters.
func newWebhookID() string { return "wh_" + newEventID()[len("evt_"):][:20] }

// CreateWebhook adds an endpoint. It starts at the newest event: an
// endpoint receives what happens after it was added, not the history
// (the change feed serves that).
func (s *Store) CreateWebhook(ctx context.Context, in WebhookInput) (*WebhookEndpoint, error) {
	if err := s.validateWebhook(&in); err != nil {
		return nil, err
	}
	now := s.Now()
	ep := &WebhookEndpoint{
		ID: newWebhookID(), URL: in.URL, Description: in.Description, EventTypes: strings.Join(in.EventTypes, ","),
		Locales: strings.Join(in.Locales, ","), Active: in.Active, Secret: newWebhookSecret(), CreatedAt: now, UpdatedAt: now,
	}
	err := s.countersTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Event{}).Select("COALESCE(MAX(position), 0)").Scan(&ep.Cursor).Error; err != nil {
			return err
		}
		return tx.Create(ep).Error
	})
	if err != nil {
		return nil, fmt.Errorf("create webhook: %w", err)
	}
	return ep, nil
}

// UpdateWebhook changes an endpoint's URL, description, filters and active
// flag. Making it active clears a pause for failing.
func (s *Store) UpdateWebhook(ctx context.Context, id string, in WebhookInput) (*WebhookEndpoint, error) {
	if err := s.validateWebhook(&in); err != nil {
		return nil, err
	}
	return s.changeWebhook(ctx, id, map[string]any{
		"url": in.URL, "description": in.Description, "event_types": strings.Join(in.EventTypes, ","),
		"locales": strings.Join(in.Locales, ","), "active": in.Active,
	})
}

// SetWebhookActive pauses or resumes an endpoint by hand. Resuming starts
// a new run of failures; its pending deliveries are tried again at once.
func (s *Store) SetWebhookActive(ctx context.Context, id string, active bool) (*WebhookEndpoint, error) {
	return s.changeWebhook(ctx, id, map[string]any{"active": active})
}

// RotateWebhookSecret gives an endpoint a new secret and returns it; later
// attempts, including retries, are signed with it.
func (s *Store) RotateWebhookSecret(ctx context.Context, id string) (*WebhookEndpoint, error) {
	return s.changeWebhook(ctx, id, map[string]any{"secret": newWebhookSecret()})
}

// changeWebhook applies set to the endpoint id and returns it as saved.
func (s *Store) changeWebhook(ctx context.Context, id string, set map[string]any) (*WebhookEndpoint, error) {
	set["updated_at"] = s.Now()
	if active, ok := set["active"].(bool); ok {
		set["paused_reason"] = ""
		if active {
			set["failing_since"] = nil
		}
	}
	var ep WebhookEndpoint
	err := s.countersTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&WebhookEndpoint{}).Where("id = ?", id).Updates(set)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if active, _ := set["active"].(bool); active {
			// Deliveries waiting out a long back-off are due now.
			if err := tx.Model(&WebhookDelivery{}).Where("endpoint_id = ? AND state = ?", id, DeliveryPending).
				Update("next_attempt_at", s.Now()).Error; err != nil {
				return err
			}
		}
		return tx.Where("id = ?", id).Take(&ep).Error
	})
	if err != nil {
		return nil, fmt.Errorf("change webhook %s: %w", id, err)
	}
	return &ep, nil
}

// DeleteWebhook removes an endpoint and its deliveries.
func (s *Store) DeleteWebhook(ctx context.Context, id string) error {
	return s.countersTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("endpoint_id = ?", id).Delete(&WebhookDelivery{}).Error; err != nil {
			return err
		}
		res := tx.Where("id = ?", id).Delete(&WebhookEndpoint{})
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrNotFound
		}
		return res.Error
	})
}

// FindWebhook returns the endpoint id.
func (s *Store) FindWebhook(ctx context.Context, id string) (*WebhookEndpoint, error) {
	var ep WebhookEndpoint
	err := s.reader(ctx).Where("id = ?", id).Take(&ep).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &ep, err
}

// ListWebhooks returns every endpoint, oldest first.
func (s *Store) ListWebhooks(ctx context.Context) ([]WebhookEndpoint, error) {
	var eps []WebhookEndpoint
	err := s.reader(ctx).Order("created_at, id").Find(&eps).Error
	return eps, err
}

// CountWebhooksPausedFailing counts the endpoints the worker paused for
// failing too long.
func (s *Store) CountWebhooksPausedFailing(ctx context.Context) (int64, error) {
	var n int64
	err := s.reader(ctx).Model(&WebhookEndpoint{}).Where("active = ? AND paused_reason = ?", false, PausedFailing).Count(&n).Error
	return n, err
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
