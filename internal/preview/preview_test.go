package preview

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

var (
	testNow    = time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC)
	testSecret = []byte("0123456789abcdef0123456789abcdef")
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestSigner(c *clock) *Signer { return New(testSecret, time.Hour, c.now) }

func TestVerify(t *testing.T) {
	c := &clock{t: testNow}
	s := newTestSigner(c)
	token, expires := s.IssueWithExpiry(42)
	if want := testNow.Add(time.Hour); !expires.Equal(want) {
		t.Fatalf("expires %v, want %v", expires, want)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(token)
	flip := func(i int) string {
		b := append([]byte(nil), raw...)
		b[i] ^= 1
		return base64.RawURLEncoding.EncodeToString(b)
	}
	other := New([]byte("another secret of enough length!"), time.Hour, c.now)

	tests := []struct {
		name   string
		token  string
		at     time.Time
		signer *Signer
		wantID uint
		wantOK bool
	}{
		{name: "valid", token: token, at: testNow, wantID: 42, wantOK: true},
		{name: "valid until the last second", token: token, at: expires.Add(-time.Second), wantID: 42, wantOK: true},
		{name: "expired", token: token, at: expires},
		{name: "long expired", token: token, at: expires.Add(24 * time.Hour)},
		{name: "tampered article id", token: flip(7)},
		{name: "tampered expiry", token: flip(15)},
		{name: "tampered MAC", token: flip(20)},
		{name: "other secret", token: token, signer: other},
		{name: "empty", token: ""},
		{name: "garbage", token: "not a token at all"},
		{name: "padded", token: token + "="},
		{name: "truncated", token: token[:len(token)-2]},
		{name: "too long", token: token + "AA"},
		{name: "standard alphabet", token: strings.NewReplacer("-", "+", "_", "/").Replace(token) + "+"},
		{name: "nil signer", token: token, signer: (*Signer)(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.t = testNow
			if !tt.at.IsZero() {
				c.t = tt.at
			}
			signer := s
			if tt.signer != nil || tt.name == "nil signer" {
				signer = tt.signer
			}
			id, ok := signer.Verify(tt.token)
			if id != tt.wantID || ok != tt.wantOK {
				t.Fatalf("Verify = %d, %v; want %d, %v", id, ok, tt.wantID, tt.wantOK)
			}
		})
	}
}

// A token names one article: it never opens another, so a frontend cannot
// turn a preview of one draft into a look at any other.
func TestTokenOpensOnlyItsArticle(t *testing.T) {
	s := newTestSigner(&clock{t: testNow})
	a, b := s.Issue(1), s.Issue(2)
	if a == b {
		t.Fatal("tokens of two articles are equal")
	}
	if id, ok := s.Verify(a); !ok || id != 1 {
		t.Fatalf("token of 1 opens %d, %v", id, ok)
	}
	if id, ok := s.Verify(b); !ok || id != 2 {
		t.Fatalf("token of 2 opens %d, %v", id, ok)
	}
}

func TestNewDefaultsAndRefusals(t *testing.T) {
	if got := New(testSecret, 0, nil).Lifetime(); got != DefaultLifetime {
		t.Errorf("lifetime 0 gives %v, want %v", got, DefaultLifetime)
	}
	defer func() {
		if recover() == nil {
			t.Error("a short secret was accepted")
		}
	}()
	New([]byte("short"), time.Hour, nil)
}

// FuzzVerify checks that no input makes Verify panic or accept a token that
// was not issued.
func FuzzVerify(f *testing.F) {
	s := newTestSigner(&clock{t: testNow})
	valid := s.Issue(42)
	for _, seed := range []string{valid, "", "=", "AAAA", valid[:10], valid + valid, strings.ToUpper(valid), "\x00\xff", strings.Repeat("A", 64), strings.Repeat("_", 64)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		id, ok := s.Verify(token)
		if ok && token != valid {
			t.Fatalf("Verify accepted %q as article %d", token, id)
		}
		if !ok && id != 0 {
			t.Fatalf("refused token with id %d", id)
		}
	})
}
