// Package preview issues and checks preview tokens: signed, expiring
// passes with which a site frontend fetches one draft article through the
// public API, so editors see drafts in the real site design. A token names
// its article and its expiry and carries an HMAC-SHA256 over both, so it
// opens only that article, only until then, and cannot be made without the
// site's secret.
package preview

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"math"
	"time"
)

// DefaultLifetime is how long a token works when no lifetime is configured.
const DefaultLifetime = time.Hour

// MinSecretLen is the shortest secret New accepts: a short key would make
// tokens guessable.
const MinSecretLen = 16

const (
	payloadLen = 16 // article id, expiry: 8 bytes each, big-endian
	macLen     = sha256.Size
	tokenLen   = payloadLen + macLen
)

// domain separates this use of the secret from any other: a MAC made for
// something else can never pass as a preview token.
var domain = []byte("payvand preview token v1\x00")

// encoding is strict so a token has exactly one spelling.
var encoding = base64.RawURLEncoding.Strict()

// Signer issues and verifies preview tokens. It is safe for concurrent use.
type Signer struct {
	secret   []byte
	lifetime time.Duration
	now      func() time.Time
}

// New returns a Signer over secret, issuing tokens that last lifetime
// (DefaultLifetime when not positive), reading the time from now (time.Now
// when nil). A secret shorter than MinSecretLen is a programming error and
// panics: the store generates 32 random bytes.
func New(secret []byte, lifetime time.Duration, now func() time.Time) *Signer {
	if len(secret) < MinSecretLen {
		panic("preview: the signing secret is too short")
	}
	if lifetime <= 0 {
		lifetime = DefaultLifetime
	}
	if now == nil {
		now = time.Now
	}
	return &Signer{secret: append([]byte(nil), secret...), lifetime: lifetime, now: now}
}

// Lifetime is how long the tokens this Signer issues last.
func (s *Signer) Lifetime() time.Duration { return s.lifetime }

// Issue returns a token that opens the article until the lifetime passes.
func (s *Signer) Issue(articleID uint) string {
	token, _ := s.IssueWithExpiry(articleID)
	return token
}

// IssueWithExpiry is Issue that also says when the token stops working,
// for the admin to show. Expiry is kept to the second.
func (s *Signer) IssueWithExpiry(articleID uint) (token string, expires time.Time) {
	expires = s.now().Add(s.lifetime).Truncate(time.Second).UTC()
	buf := make([]byte, payloadLen, tokenLen)
	binary.BigEndian.PutUint64(buf[0:8], uint64(articleID))
	binary.BigEndian.PutUint64(buf[8:16], uint64(expires.Unix()))
	buf = append(buf, s.mac(buf)...)
	return encoding.EncodeToString(buf), expires
}

// Verify returns the article a token opens. ok is false for anything but
// an untampered, unexpired token made with this secret; Verify never
// panics, whatever it is given.
func (s *Signer) Verify(token string) (articleID uint, ok bool) {
	if s == nil || encoding.DecodedLen(len(token)) != tokenLen {
		return 0, false
	}
	raw, err := encoding.DecodeString(token)
	if err != nil || len(raw) != tokenLen {
		return 0, false
	}
	payload, mac := raw[:payloadLen], raw[payloadLen:]
	if !hmac.Equal(mac, s.mac(payload)) {
		return 0, false
	}
	id := binary.BigEndian.Uint64(payload[0:8])
	expires := binary.BigEndian.Uint64(payload[8:16])
	if id == 0 || id > math.MaxUint || expires > math.MaxInt64 || s.now().Unix() >= int64(expires) {
		return 0, false
	}
	return uint(id), true
}

func (s *Signer) mac(payload []byte) []byte {
	h := hmac.New(sha256.New, s.secret)
	h.Write(domain)
	h.Write(payload)
	return h.Sum(nil)
}
