package password

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCheckStrength(t *testing.T) {
	inputs := UserInputs("zarina.karimova@example.com", "Зарина Каримова", SiteNames("https://akhbor.example.tj")...)
	tests := []struct {
		name, password string
		want           error // nil, ErrTooShort, or a *StrengthError's message id below
		reason         string
	}{
		{"the issue's password", "password", ErrWeak, "password.weak_common"},
		{"the issue's digits", "12345678", ErrWeak, "password.weak_common"},
		{"the issue's repeat", "aaaaaaaa", ErrWeak, "password.weak_pattern"},
		{"keyboard walk", "qwertyuiop", ErrWeak, ""},
		{"the email plus a digit", "zarina.karimova@example.com1", ErrWeak, "password.weak_personal"},
		{"the site's name and a year", "akhbor2024", ErrWeak, "password.weak_personal"},
		{"the product's name", "Payvand123!", ErrWeak, "password.weak_personal"},
		{"the name in Cyrillic and a year", "Каримова2024", ErrWeak, "password.weak_personal"},
		{"the product's name in Persian", "پیوند۱۲۳۴۵", ErrWeak, "password.weak_personal"},
		{"a Cyrillic repeat", "ааааааааааа", ErrWeak, "password.weak_pattern"},
		{"a repeated Cyrillic word", "пароль пароль", ErrWeak, "password.weak_pattern"},
		{"a Cyrillic run", "абвгдежзий", ErrWeak, "password.weak_pattern"},
		{"too short comes first", "short", ErrTooShort, ""},
		{"a pass-phrase", "correct horse battery", nil, ""},
		{"a Tajik pass-phrase", "ҷумҳурии қадимӣ", nil, ""},
		{"a Persian pass-phrase with ZWNJ", "گذرواژه\u200cی بلند", nil, ""},
		{"a Persian sentence", "پسورد بلند فارسی با فاصله", nil, ""},
		{"a generated password", "Q5MZ6XTUDG7KZ3OOQ7ZVFGNO2E", nil, ""},
		{"the name inside a strong phrase", "Зарина loves quiet mountain rivers", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckStrength(tt.password, inputs...)
			if !errors.Is(err, tt.want) && !(err == nil && tt.want == nil) {
				t.Fatalf("CheckStrength(%q) = %v, want %v", tt.password, err, tt.want)
			}
			var weak *StrengthError
			if tt.reason != "" && (!errors.As(err, &weak) || weak.MessageID != tt.reason) {
				t.Errorf("CheckStrength(%q) = %v, want the reason %s", tt.password, err, tt.reason)
			}
		})
	}
}

// TestCheckStrengthBoundsItsWork: a password of the longest accepted length
// is judged on its first characters, so the check stays cheap.
func TestCheckStrengthBoundsItsWork(t *testing.T) {
	long := strings.Repeat("ab c7", MaxLength/5)
	if err := CheckStrength(long); err == nil {
		t.Fatal("a long repeat passed")
	}
	if got := firstRunes("ҷумҳурӣ", 3); got != "ҷум" {
		t.Fatalf("firstRunes = %q", got)
	}
}

func TestSiteNames(t *testing.T) {
	tests := []struct {
		url  string
		want []string
	}{
		{"https://www.akhbor.example.tj", []string{"www.akhbor.example.tj", "akhbor", "example"}},
		{"http://localhost:8080", []string{"localhost"}},
		{"http://127.0.0.1:8080", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := SiteNames(tt.url); !slices.Equal(got, tt.want) {
			t.Errorf("SiteNames(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

// BenchmarkCheckStrength measures one check of a typical pass-phrase and of
// the longest accepted password, judged on its first 100 characters.
func BenchmarkCheckStrength(b *testing.B) {
	inputs := UserInputs("zarina.karimova@example.com", "Зарина Каримова", SiteNames("https://akhbor.example.tj")...)
	for _, bc := range []struct{ name, password string }{
		{"phrase", "ҷумҳурии қадимӣ дар кӯҳҳо"},
		{"longest", strings.Repeat("ab c7", MaxLength/5)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				_ = CheckStrength(bc.password, inputs...)
			}
		})
	}
}
