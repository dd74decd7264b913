package admin

import (
	"context"
	"time"

	"github.com/payvand/payvand/models"
)

// Limit allows Tries sign-in tries in a window of Window that starts with
// the first of them. A successful try is given back, so only failures use
// the allowance up.
type Limit struct {
	Tries  int
	Window time.Duration
}

// LoginLimits is the sign-in throttling rule. A browser that has not signed
// in to the account before counts against three limits at once:
//
//   - Pair, per (account, client address): a few guesses, then a wait.
//     Failures from one address never slow another address down.
//   - Address, per client address over all accounts: stops one address
//     from trying a password against many accounts (spraying).
//   - Account, per account over all addresses: a much higher ceiling for
//     guessing spread over many addresses.
//
// A browser with a valid known-device cookie for the account (see
// known_device.go) counts against Device only, per (account, device): no
// one else's failures, from any address, can keep it out.
type LoginLimits struct {
	Pair    Limit
	Address Limit
	Account Limit
	Device  Limit
}

// DefaultLoginLimits is the rule the README documents.
var DefaultLoginLimits = LoginLimits{
	Pair:    Limit{Tries: 5, Window: 15 * time.Minute},
	Address: Limit{Tries: 50, Window: time.Hour},
	Account: Limit{Tries: 100, Window: time.Hour},
	Device:  Limit{Tries: 10, Window: 15 * time.Minute},
}

// withDefaults fills each limit left zero (or half set) from
// DefaultLoginLimits.
func (l LoginLimits) withDefaults() LoginLimits {
	d := DefaultLoginLimits
	return LoginLimits{Pair: l.Pair.or(d.Pair), Address: l.Address.or(d.Address), Account: l.Account.or(d.Account), Device: l.Device.or(d.Device)}
}

func (l Limit) or(fallback Limit) Limit {
	if l.Tries <= 0 || l.Window <= 0 {
		return fallback
	}
	return l
}

// signInTry is who tries to sign in: the email as typed (normalised), the
// client address and, when the browser is known to that account, its
// device id.
type signInTry struct {
	account string
	address string
	device  string
}

// loginThrottle applies LoginLimits with counters in the database, so every
// instance sharing it counts the same tries.
type loginThrottle struct {
	store  *models.Store
	limits LoginLimits
}

func newLoginThrottle(store *models.Store, l LoginLimits) *loginThrottle {
	return &loginThrottle{store: store, limits: l.withDefaults()}
}

// counters lists the counters a try counts against. Unknown emails count
// like real ones, so a refusal never tells whether an account exists.
func (t *loginThrottle) counters(try signInTry) []models.SignInCounter {
	counter := func(scope, key string, l Limit) models.SignInCounter {
		return models.SignInCounter{Scope: scope, Key: key, Limit: l.Tries, Window: l.Window}
	}
	if try.device != "" {
		return []models.SignInCounter{counter("device", try.account+"\x00"+try.device, t.limits.Device)}
	}
	return []models.SignInCounter{
		counter("pair", try.account+"\x00"+try.address, t.limits.Pair),
		counter("address", try.address, t.limits.Address),
		counter("account", try.account, t.limits.Account),
	}
}

// attempt reserves the try before the password is checked, so parallel
// guesses cannot all pass a check that has not yet counted the others. ok
// is false, with the wait, when a counter has no try left. A successful
// sign-in gives its try back through release; a failed one keeps it spent.
func (t *loginThrottle) attempt(ctx context.Context, try signInTry) (release func(context.Context) error, ok bool, wait time.Duration, err error) {
	counters := t.counters(try)
	ok, wait, err = t.store.ReserveSignInTry(ctx, counters)
	if err != nil || !ok {
		return nil, ok, wait, err
	}
	return func(ctx context.Context) error { return t.store.ReleaseSignInTry(ctx, counters) }, true, 0, nil
}
