package admin

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestParallelGuessesCannotPassTheLimit sends many tries at once: only the
// burst gets through, because each try is reserved before the (slow)
// password check, not counted after it.
func TestParallelGuessesCannotPassTheLimit(t *testing.T) {
	l := newLoginLimiter(LoginLimits{AccountBurst: 3, AccountEvery: time.Hour, AddressBurst: 1000, AddressEvery: time.Second})
	now := time.Unix(1_700_000_000, 0)
	var passed atomic.Int32
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok, _ := l.attempt("admin@example.com", string(rune('a'+i%26)), now); ok {
				passed.Add(1)
			}
		}()
	}
	wg.Wait()
	if got := passed.Load(); got != 3 {
		t.Fatalf("%d of 50 parallel tries passed, want the burst of 3", got)
	}
}

func TestSuccessfulSignInGivesItsTryBack(t *testing.T) {
	l := newLoginLimiter(LoginLimits{AccountBurst: 1, AccountEvery: time.Hour, AddressBurst: 1, AddressEvery: time.Hour})
	now := time.Unix(1_700_000_000, 0)
	release, ok, _ := l.attempt("a@example.com", "10.0.0.1", now)
	if !ok {
		t.Fatal("first try refused")
	}
	release()
	if _, ok, _ := l.attempt("a@example.com", "10.0.0.1", now); !ok {
		t.Fatal("a released try was not given back")
	}
	if _, ok, wait := l.attempt("a@example.com", "10.0.0.1", now); ok || wait <= 0 {
		t.Fatalf("a spent try: ok %v wait %v, want refused with a wait", ok, wait)
	}
}
