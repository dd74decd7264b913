package models

import (
	"context"
	"crypto/rand"
	"fmt"

	"gorm.io/gorm/clause"
)

// Setting is one of the site's own values kept in the database, so every
// instance sharing it uses the same one.
type Setting struct {
	Key   string `gorm:"primaryKey"`
	Value []byte
}

// Names of the signing keys kept as settings.
const (
	settingPreviewSecret = "preview_secret"
	settingCSRFSecret    = "csrf_secret"
	settingDeviceSecret  = "device_secret"
)

// PreviewSecret returns the key preview tokens are signed with.
func (s *Store) PreviewSecret(ctx context.Context) ([]byte, error) {
	return s.secret(ctx, settingPreviewSecret)
}

// CSRFSecret returns the key the admin signs the sign-in form's CSRF cookie
// with, so a cookie set by one instance is accepted by every other.
func (s *Store) CSRFSecret(ctx context.Context) ([]byte, error) {
	return s.secret(ctx, settingCSRFSecret)
}

// DeviceSecret returns the key the admin signs known-device cookies with,
// so a cookie set by one instance is accepted by every other.
func (s *Store) DeviceSecret(ctx context.Context) ([]byte, error) {
	return s.secret(ctx, settingDeviceSecret)
}

// secret returns the signing key stored under key, creating a random
// 32-byte one on first use. Two instances starting at once may both
// generate one; the insert keeps whichever came first and both read it
// back, so they always agree.
func (s *Store) secret(ctx context.Context, key string) ([]byte, error) {
	if secret, ok, err := s.setting(ctx, key); err != nil || ok {
		return secret, err
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("generate %s: %w", key, err)
	}
	err := s.write.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).
		Create(&Setting{Key: key, Value: fresh}).Error
	if err = s.track(err); err != nil {
		return nil, fmt.Errorf("store %s: %w", key, err)
	}
	secret, ok, err := s.setting(ctx, key)
	if err == nil && !ok {
		err = ErrNotFound // another process deleted it between the two statements
	}
	return secret, err
}

// setting reads a setting through the writer, which sees every committed
// write at once; ok is false when it is not set.
func (s *Store) setting(ctx context.Context, key string) (value []byte, ok bool, err error) {
	var rows []Setting
	if err := s.write.WithContext(ctx).Where("key = ?", key).Limit(1).Find(&rows).Error; err != nil {
		return nil, false, fmt.Errorf("read setting %s: %w", key, err)
	}
	if len(rows) == 0 {
		return nil, false, nil
	}
	return rows[0].Value, true, nil
}
