package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// SignInCounter names one throttling counter a sign-in try counts against:
// at most Limit tries in a window of Window that starts with the first try.
type SignInCounter struct {
	Scope  string
	Key    string
	Limit  int
	Window time.Duration
}

// errCounterFull rolls back a reservation that one of its counters refused.
var errCounterFull = errors.New("sign-in counter full")

// ReserveSignInTry counts one try against every counter, all or none, in one
// transaction. When a counter is full nothing is counted, ok is false and
// wait is how long until the last full counter's window ends. The upserts
// are conditional, so two instances reserving at once never pass a limit
// between them.
func (s *Store) ReserveSignInTry(ctx context.Context, counters []SignInCounter) (ok bool, wait time.Duration, err error) {
	now := s.Now().Unix()
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		wait = 0 // a rerun starts afresh
		for _, c := range counters {
			res := tx.Exec(`INSERT INTO signin_counters (scope, key, tries, expires_at) VALUES (?, ?, 1, ?)
ON CONFLICT (scope, key) DO UPDATE SET
  tries = CASE WHEN signin_counters.expires_at <= ? THEN 1 ELSE signin_counters.tries + 1 END,
  expires_at = CASE WHEN signin_counters.expires_at <= ? THEN excluded.expires_at ELSE signin_counters.expires_at END
WHERE signin_counters.expires_at <= ? OR signin_counters.tries < ?`,
				c.Scope, counterKey(c.Key), now+int64(c.Window/time.Second), now, now, now, c.Limit)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				var expires int64
				if err := tx.Raw("SELECT expires_at FROM signin_counters WHERE scope = ? AND key = ?", c.Scope, counterKey(c.Key)).Scan(&expires).Error; err != nil {
					return err
				}
				wait = max(wait, time.Duration(expires-now)*time.Second)
			}
		}
		if wait > 0 {
			return errCounterFull
		}
		return nil
	})
	if errors.Is(err, errCounterFull) {
		return false, wait, nil
	}
	err = s.track(err)
	if err != nil {
		return false, 0, fmt.Errorf("reserve sign-in try: %w", err)
	}
	return true, 0, nil
}

// ReleaseSignInTry gives back a try reserved on the counters, as a
// successful sign-in does; a window that has ended meanwhile is left alone.
func (s *Store) ReleaseSignInTry(ctx context.Context, counters []SignInCounter) error {
	now := s.Now().Unix()
	return s.track(s.transaction(ctx, func(tx *gorm.DB) error {
		for _, c := range counters {
			err := tx.Exec("UPDATE signin_counters SET tries = tries - 1 WHERE scope = ? AND key = ? AND tries > 0 AND expires_at > ?",
				c.Scope, counterKey(c.Key), now).Error
			if err != nil {
				return fmt.Errorf("release sign-in try: %w", err)
			}
		}
		return nil
	}))
}

// DeleteExpiredSignInCounters removes counters whose window has ended; the
// server calls it now and then, so the table holds recent tries only.
func (s *Store) DeleteExpiredSignInCounters(ctx context.Context) error {
	err := s.track(s.write.WithContext(ctx).Exec("DELETE FROM signin_counters WHERE expires_at <= ?", s.Now().Unix()).Error)
	if err != nil {
		return fmt.Errorf("delete expired sign-in counters: %w", err)
	}
	return nil
}

// counterKey hashes a key: people sometimes type their password into the
// email field, and the table must not keep it.
func counterKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}
