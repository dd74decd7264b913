package password

import (
	"strings"
	"testing"
)

func TestHashAndVerify(t *testing.T) {
	// 64 Persian letters: bcrypt would have looked at only the first 36.
	persian := strings.Repeat("سلام", 16)
	tests := []struct {
		name, password, attempt string
		want                    bool
	}{
		{"ascii right", "correct horse", "correct horse", true},
		{"ascii wrong", "correct horse", "correct horsf", false},
		{"tajik right", "ҷумҳурии қадимӣ", "ҷумҳурии қадимӣ", true},
		{"persian 64 right", persian, persian, true},
		{"persian differs only at letter 60", persian, persian[:len(persian)-2] + "ب", false},
		{"zwnj matters", "می\u200cکنند-۱۲۳۴", "میکنند-۱۲۳۴", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hash, err := Hash(tt.password)
			if err != nil {
				t.Fatal(err)
			}
			ok, err := Verify(hash, tt.attempt)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.want {
				t.Errorf("Verify = %v, want %v", ok, tt.want)
			}
		})
	}
}

func TestValidateCountsCharacters(t *testing.T) {
	if err := Validate("سلامسلا"); err != ErrTooShort {
		t.Errorf("7 Persian letters (14 bytes): got %v, want ErrTooShort", err)
	}
	if err := Validate("سلامسلام"); err != nil {
		t.Errorf("8 Persian letters: got %v", err)
	}
	if _, err := Hash("short"); err != ErrTooShort {
		t.Errorf("Hash(short) error = %v", err)
	}
}

func TestVerifyRejectsMalformedHash(t *testing.T) {
	for _, h := range []string{"", "$2a$10$abc", "$argon2id$v=19$m=x$a$b", "$argon2id$v=19$m=1,t=1,p=1$!!$!!"} {
		if ok, err := Verify(h, "whatever1"); ok || err == nil {
			t.Errorf("Verify(%q) = %v, %v; want false and an error", h, ok, err)
		}
	}
}
