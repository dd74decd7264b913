package models

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSoftLocks(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1))
	ali, err := s.CreateUser(ctx, UserInput{Email: "ali@example.com", DisplayName: "Алӣ", Role: RoleEditor, Password: "long enough"})
	must(t, err)
	zahra, err := s.CreateUser(ctx, UserInput{Email: "zahra@example.com", Role: RoleEditor, Password: "long enough"})
	must(t, err)
	generation := s.Generation()

	check := func(t *testing.T, got LockState, holder *User, since time.Time, mine bool) {
		t.Helper()
		name := holder.DisplayName
		if name == "" {
			name = holder.Email
		}
		if got.HolderID != holder.ID || got.HolderName != name || !got.Since.Equal(since) || got.Mine != mine {
			t.Fatalf("lock = %+v, want holder %d %q since %v mine %v", got, holder.ID, name, since, mine)
		}
	}

	t.Run("free lock is taken", func(t *testing.T) {
		st, err := s.AcquireLock(ctx, a.ID, ali.ID, false)
		must(t, err)
		check(t, st, ali, testNow, true)
	})
	t.Run("another editor sees the holder", func(t *testing.T) {
		c.t = testNow.Add(time.Minute)
		st, err := s.AcquireLock(ctx, a.ID, zahra.ID, false)
		must(t, err)
		check(t, st, ali, testNow, false)
	})
	t.Run("heartbeat keeps the lock and its start", func(t *testing.T) {
		c.t = testNow.Add(90 * time.Second)
		st, err := s.RefreshLock(ctx, a.ID, ali.ID)
		must(t, err)
		check(t, st, ali, testNow, true)
		// Two minutes after the first lock, but only 30 s after the beat.
		c.t = testNow.Add(2*time.Minute + 30*time.Second)
		st, err = s.AcquireLock(ctx, a.ID, zahra.ID, false)
		must(t, err)
		check(t, st, ali, testNow, false)
	})
	t.Run("take over", func(t *testing.T) {
		st, err := s.AcquireLock(ctx, a.ID, zahra.ID, true)
		must(t, err)
		check(t, st, zahra, c.t, true)
		// The former holder's next heartbeat learns of it.
		st, err = s.RefreshLock(ctx, a.ID, ali.ID)
		must(t, err)
		check(t, st, zahra, c.t, false)
	})
	t.Run("stale lock is taken", func(t *testing.T) {
		taken := c.t
		c.t = taken.Add(LockStaleAfter + time.Second)
		st, err := s.AcquireLock(ctx, a.ID, ali.ID, false)
		must(t, err)
		check(t, st, ali, c.t, true)
	})
	t.Run("release frees it, only for its holder", func(t *testing.T) {
		must(t, s.ReleaseLock(ctx, a.ID, zahra.ID)) // not hers: nothing happens
		st, err := s.AcquireLock(ctx, a.ID, zahra.ID, false)
		must(t, err)
		check(t, st, ali, c.t, false)
		must(t, s.ReleaseLock(ctx, a.ID, ali.ID))
		st, err = s.AcquireLock(ctx, a.ID, zahra.ID, false)
		must(t, err)
		check(t, st, zahra, c.t, true)
	})
	t.Run("unknown or trashed article", func(t *testing.T) {
		if _, err := s.AcquireLock(ctx, 9999, ali.ID, false); !errors.Is(err, ErrNotFound) {
			t.Fatalf("lock of an unknown article: %v", err)
		}
	})
	if s.Generation() != generation {
		t.Errorf("locks moved the content generation from %d to %d; the API cache would be dropped for nothing", generation, s.Generation())
	}
	must(t, s.TrashArticle(ctx, a.ID))
	if _, err := s.AcquireLock(ctx, a.ID, ali.ID, false); !errors.Is(err, ErrNotFound) {
		t.Fatalf("lock of a trashed article: %v", err)
	}
}
