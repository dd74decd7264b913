package textnorm

import (
	"strings"
	"testing"
)

func TestWithSuffix(t *testing.T) {
	long := strings.Repeat("کتاب-", 30) + "پایان" // well over MaxSlugBytes
	longSlug := Slug(long, SlugUnicode)
	tests := []struct {
		name string
		slug string
		n    int
		want string
	}{
		{"second owner", "tojikiston", 2, "tojikiston-2"},
		{"persian", "همکاری-های", 3, "همکاری-های-3"},
		{"first owner keeps bare slug", "tojikiston", 1, "tojikiston"},
		{"nonsense n keeps bare slug", "tojikiston", -5, "tojikiston"},
		{"empty needs a fallback first", "", 2, ""},
		// 13 words of 8 bytes and their hyphens fill 116 of the 117 bytes left.
		{"long slug shortened at a word", longSlug, 12, strings.Repeat("کتاب-", 13) + "12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WithSuffix(tt.slug, tt.n)
			if got != tt.want {
				t.Errorf("WithSuffix(%q, %d) = %q, want %q", tt.slug, tt.n, got, tt.want)
			}
			if len(got) > MaxSlugBytes {
				t.Errorf("WithSuffix gave %d bytes, over MaxSlugBytes", len(got))
			}
		})
	}
}

func TestWithSuffixGivesValidSlug(t *testing.T) {
	for _, tt := range []struct {
		title string
		style SlugStyle
	}{
		{"Ҳукумати Ҷумҳурии Тоҷикистон", SlugLatin},
		{strings.Repeat("همکاری‌های بین‌المللی ", 20), SlugUnicode},
		{"2024 " + strings.Repeat("ж", 200), SlugLatin},
	} {
		s := WithSuffix(Slug(tt.title, tt.style), 1234567)
		if !IsValidSlug(s, tt.style) {
			t.Errorf("WithSuffix of %q gave %q, which is not a valid %v slug", tt.title, s, tt.style)
		}
	}
}

func TestIsValidSlug(t *testing.T) {
	tests := []struct {
		s     string
		style SlugStyle
		want  bool
	}{
		{"tojikiston-2", SlugLatin, true},
		{"همکاری-های", SlugUnicode, true},
		{"tojikiston", SlugUnicode, true},
		{"همکاری-های", SlugLatin, false},
		{"Tojikiston", SlugLatin, false},
		{"-tojikiston", SlugLatin, false},
		{"a--b", SlugUnicode, false},
		{"همکاری\u200Cهای", SlugUnicode, false},
		{"سال-۱۴۰۳", SlugUnicode, false},
		{"2024", SlugLatin, false},
		{"", SlugLatin, false},
	}
	for _, tt := range tests {
		if got := IsValidSlug(tt.s, tt.style); got != tt.want {
			t.Errorf("IsValidSlug(%q, %v) = %v, want %v", tt.s, tt.style, got, tt.want)
		}
	}
}
