package admin

import (
	"strings"
	"testing"
	"time"
)

// TestCSRFSignerRefusesWhatItDidNotIssue checks the visitor tokens: one
// this key issued works until it expires; a changed one, one made with
// another key, and garbage never do.
func TestCSRFSignerRefusesWhatItDidNotIssue(t *testing.T) {
	now := time.Date(2026, 3, 21, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	signer := csrfSigner{key: []byte("0123456789abcdef0123456789abcdef"), now: clock}
	token := signer.issue()
	payload, mac, _ := strings.Cut(token, ".")
	flipped := []byte(payload)
	flipped[0] ^= 1
	tests := []struct {
		name  string
		token string
		after time.Duration
		want  bool
	}{
		{"fresh", token, 0, true},
		{"just before expiry", token, csrfCookieLifetime - time.Second, true},
		{"expired", token, csrfCookieLifetime, false},
		{"changed payload", string(flipped) + "." + mac, 0, false},
		{"another key's", csrfSigner{key: []byte("fedcba9876543210fedcba9876543210"), now: clock}.issue(), 0, false},
		{"no signature", payload, 0, false},
		{"empty", "", 0, false},
		{"garbage", "not.a token", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := csrfSigner{key: signer.key, now: func() time.Time { return now.Add(tt.after) }}
			if got := s.valid(tt.token); got != tt.want {
				t.Fatalf("valid(%q) = %v, want %v", tt.token, got, tt.want)
			}
		})
	}
	if signer.issue() == token {
		t.Fatal("two tokens are the same")
	}
}
