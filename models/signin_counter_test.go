package models

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
)

// TestSignInCounterWindow: a counter allows Limit tries in its window,
// refuses the next with the time left, and starts afresh when the window
// ends; a released try is given back.
func TestSignInCounterWindow(t *testing.T) {
	s, clock := newTestStore(t)
	ctx := context.Background()
	pair := []SignInCounter{{Scope: "pair", Key: "admin@example.com\x00203.0.113.1", Limit: 2, Window: 15 * time.Minute}}
	steps := []struct {
		name     string
		advance  time.Duration
		release  bool
		wantOK   bool
		wantWait time.Duration
	}{
		{"first try", 0, false, true, 0},
		{"second try", time.Minute, false, true, 0},
		{"third try waits for the window's end", time.Minute, false, false, 13 * time.Minute},
		{"still waiting", 12 * time.Minute, false, false, time.Minute},
		{"new window", time.Minute, false, true, 0},
		{"second try of the new window, given back", 0, true, true, 0},
		{"the given-back try", 0, false, true, 0},
		{"then full", 0, false, false, 15 * time.Minute},
	}
	for _, st := range steps {
		clock.t = clock.t.Add(st.advance)
		ok, wait, err := s.ReserveSignInTry(ctx, pair)
		if err != nil {
			t.Fatal(err)
		}
		if ok != st.wantOK || wait != st.wantWait {
			t.Fatalf("%s: ok %v wait %v, want %v %v", st.name, ok, wait, st.wantOK, st.wantWait)
		}
		if st.release {
			if err := s.ReleaseSignInTry(ctx, pair); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSignInTryIsAllOrNothing: when one counter is full, the others are
// not counted either.
func TestSignInTryIsAllOrNothing(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	address := SignInCounter{Scope: "address", Key: "203.0.113.1", Limit: 1, Window: time.Hour}
	account := SignInCounter{Scope: "account", Key: "admin@example.com", Limit: 2, Window: time.Hour}
	for i, want := range []bool{true, false, false} {
		if ok, _, _ := s.ReserveSignInTry(ctx, []SignInCounter{account, address}); ok != want {
			t.Fatalf("try %d: ok %v, want %v", i+1, ok, want)
		}
	}
	// The refused tries did not count on the account: one try is left.
	if ok, _, _ := s.ReserveSignInTry(ctx, []SignInCounter{account}); !ok {
		t.Fatal("refused tries were counted on the account")
	}
}

// TestParallelGuessesCannotPassTheLimit sends many tries at once: only the
// limit gets through, because each try is reserved before the (slow)
// password check, atomically in the database, not counted after it.
func TestParallelGuessesCannotPassTheLimit(t *testing.T) {
	s, _ := newTestStore(t)
	account := []SignInCounter{{Scope: "account", Key: "admin@example.com", Limit: 3, Window: time.Hour}}
	var passed atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			ok, _, err := s.ReserveSignInTry(context.Background(), account)
			if err != nil {
				t.Error(err)
			}
			if ok {
				passed.Add(1)
			}
		})
	}
	wg.Wait()
	if got := passed.Load(); got != 3 {
		t.Fatalf("%d of 50 parallel tries passed, want the limit of 3", got)
	}
}

// TestExpiredSignInCountersAreDeleted: housekeeping deletes the counters
// whose window has ended and keeps the open ones.
func TestExpiredSignInCountersAreDeleted(t *testing.T) {
	s, clock := newTestStore(t)
	ctx := context.Background()
	short := SignInCounter{Scope: "pair", Key: "a", Limit: 1, Window: time.Minute}
	long := SignInCounter{Scope: "pair", Key: "b", Limit: 1, Window: time.Hour}
	for _, c := range []SignInCounter{short, long} {
		if _, _, err := s.ReserveSignInTry(ctx, []SignInCounter{c}); err != nil {
			t.Fatal(err)
		}
	}
	clock.t = clock.t.Add(2 * time.Minute)
	if err := s.DeleteExpiredSignInCounters(ctx); err != nil {
		t.Fatal(err)
	}
	var keys []string
	if err := s.write.Raw("SELECT key FROM signin_counters").Scan(&keys).Error; err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0] != counterKey("b") {
		t.Fatalf("counters left %v, want only the open one", keys)
	}
}

// BenchmarkReserveSignInTry measures the reservation a failed sign-in makes:
// three conditional upserts in one transaction.
func BenchmarkReserveSignInTry(b *testing.B) {
	s, err := Open(context.Background(), Options{Path: b.TempDir() + "/payvand.db", Locales: locale.MustParse("tg,fa")})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	i := 0
	for b.Loop() {
		i++
		address := fmt.Sprintf("203.0.113.%d", i%250)
		_, _, err := s.ReserveSignInTry(context.Background(), []SignInCounter{
			{Scope: "pair", Key: "admin@example.com\x00" + address, Limit: 5, Window: 15 * time.Minute},
			{Scope: "address", Key: address, Limit: 50, Window: time.Hour},
			{Scope: "account", Key: "admin@example.com", Limit: 1 << 30, Window: time.Hour},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
