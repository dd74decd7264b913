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

// blocked reports whether the account or address has no failures left, and
// how long until it has one.
func (l *loginLimiter) blocked(account, address string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, lim := range l.both(account, address) {
		if lim.TokensAt(now) < 1 {
			wait = max(wait, time.Duration((1-lim.TokensAt(now))*float64(time.Second)/float64(lim.Limit())))
		}
	}
	return wait > 0, wait
}

// failed records one failed sign-in.
func (l *loginLimiter) failed(account, address string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, lim := range l.both(account, address) {
		lim.AllowN(now, 1)
	}
	l.sweep(now)
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
