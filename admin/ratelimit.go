package admin

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// LoginLimits bounds failed sign-ins. Each key (an account, a client
// address) may fail Burst times in a row, then once per Every.
type LoginLimits struct {
	AccountBurst int
	AccountEvery time.Duration
	AddressBurst int
	AddressEvery time.Duration
}

func (l LoginLimits) withDefaults() LoginLimits {
	if l.AccountBurst == 0 {
		l.AccountBurst, l.AccountEvery = 5, 3*time.Minute
	}
	if l.AddressBurst == 0 {
		l.AddressBurst, l.AddressEvery = 20, 30*time.Second
	}
	return l
}

// loginLimiter counts failed sign-ins per account and per client address,
// in memory: it is a cache that may be lost with the process, and on
// several instances each throttles on its own.
type loginLimiter struct {
	limits LoginLimits
	mu     sync.Mutex
	keys   map[string]*rate.Limiter
	swept  time.Time
}

func newLoginLimiter(l LoginLimits) *loginLimiter {
	return &loginLimiter{limits: l.withDefaults(), keys: map[string]*rate.Limiter{}}
}

func (l *loginLimiter) limiter(key string, every time.Duration, burst int) *rate.Limiter {
	lim, ok := l.keys[key]
	if !ok {
		lim = rate.NewLimiter(rate.Every(every), burst)
		l.keys[key] = lim
	}
	return lim
}

// attempt reserves one sign-in try of the account and of the address
// before the password is checked, so parallel guesses cannot all pass a
// check that has not yet counted the others. ok is false, with the wait,
// when either has no try left. A successful sign-in gives its try back
// through release; a failed one keeps it spent.
func (l *loginLimiter) attempt(account, address string, now time.Time) (release func(), ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	var taken []*rate.Reservation
	for _, lim := range l.both(account, address) {
		r := lim.ReserveN(now, 1)
		if delay := r.DelayFrom(now); delay > 0 {
			r.CancelAt(now)
			for _, t := range taken {
				t.CancelAt(now)
			}
			return nil, false, delay
		}
		taken = append(taken, r)
	}
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		for _, r := range taken {
			r.CancelAt(now)
		}
	}, true, 0
}

func (l *loginLimiter) both(account, address string) []*rate.Limiter {
	return []*rate.Limiter{
		l.limiter("account:"+account, l.limits.AccountEvery, l.limits.AccountBurst),
		l.limiter("address:"+address, l.limits.AddressEvery, l.limits.AddressBurst),
	}
}

// sweep forgets keys that have fully recovered, so memory follows recent
// failures rather than every address ever seen.
func (l *loginLimiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	for key, lim := range l.keys {
		if lim.TokensAt(now) >= float64(lim.Burst()) {
			delete(l.keys, key)
		}
	}
}
