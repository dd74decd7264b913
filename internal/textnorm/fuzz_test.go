package textnorm

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzSeeds run as ordinary test cases too, so every property below is
// checked by a plain `go test`.
var fuzzSeeds = []string{
	"",
	"آنها می کنند و نمی دانند",
	"کتاب ها، کتابهایی بزرگ تر",
	"میکنندها 00 ها\u200c00",
	"Вохӯрии вазири корҳои хориҷии Тоҷикистон",
	"Министерство иностранных дел",
	"همکاری‌های بین‌المللی ۱۴۰۳",
	"می‌کنند",
	"علي كتاب مُحَمَّـــد",
	"ﮐﺘﺎب ﻻ",
	"2024",
	"۱۴۰۳/۰۵/۱۲",
	"!!! ...",
	"\u202Eevil\u202C \u2067x\u2069 \u200F",
	"ᄀ\u200Eᅡ",
	"И\u0304 \u0301x",
	"\xff\xfe invalid",
	strings.Repeat("Ҳукумати Ҷумҳурии Тоҷикистон ", 10),
	"2024 " + strings.Repeat("ب", 100),
	// More than 30 combining marks in a row make the normaliser insert a
	// combining grapheme joiner (U+034F), which must stay stable.
	"a" + strings.Repeat("\u0301\u0316", 40) + " ب" + strings.Repeat("\u064E", 40),
}

func FuzzSlug(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, style := range []SlugStyle{SlugLatin, SlugUnicode} {
			got := Slug(in, style)
			checkSlug(t, in, got, style)
			if again := Slug(got, style); again != got {
				t.Fatalf("Slug(%q, %v) = %q, but again gives %q", in, style, got, again)
			}
			if got != "" {
				if s := WithSuffix(got, 42); s != "" && !IsValidSlug(s, style) {
					t.Fatalf("WithSuffix(%q, 42) = %q, not a valid %v slug", got, s, style)
				}
			}
		}
	})
}

// checkSlug fails t unless got has the shape Slug promises for style.
func checkSlug(t *testing.T, in, got string, style SlugStyle) {
	t.Helper()
	if got == "" {
		return
	}
	switch {
	case !utf8.ValidString(got), len(got) > MaxSlugBytes:
		t.Fatalf("Slug(%q, %v) = %q: invalid UTF-8 or over %d bytes", in, style, got, MaxSlugBytes)
	case strings.HasPrefix(got, "-"), strings.HasSuffix(got, "-"), strings.Contains(got, "--"):
		t.Fatalf("Slug(%q, %v) = %q: stray hyphen", in, style, got)
	case !hasLetter(got):
		t.Fatalf("Slug(%q, %v) = %q: no letter", in, style, got)
	}
	for _, r := range got {
		if !slugRuneAllowed(r, style) {
			t.Fatalf("Slug(%q, %v) = %q: rune %U not allowed", in, style, got, r)
		}
	}
}

// slugRuneAllowed is the alphabet of each style: ASCII for Latin, and for
// Unicode lower-case letters, digits that are not Persian or Arabic-Indic,
// and hyphens.
func slugRuneAllowed(r rune, style SlugStyle) bool {
	if r == '-' || (r >= '0' && r <= '9') {
		return true
	}
	if style == SlugLatin {
		return r >= 'a' && r <= 'z'
	}
	if _, ok := asciiDigit(r); ok {
		return false
	}
	return (unicode.IsLetter(r) && unicode.ToLower(r) == r && r != tatweel) || unicode.IsDigit(r)
}

func FuzzSearchKey(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := SearchKey(in)
		if !utf8.ValidString(got) {
			t.Fatalf("SearchKey(%q) = %q: invalid UTF-8", in, got)
		}
		if again := SearchKey(got); again != got {
			t.Fatalf("SearchKey(%q) = %q, but again gives %q", in, got, again)
		}
		if got != strings.Join(strings.Fields(got), " ") {
			t.Fatalf("SearchKey(%q) = %q: whitespace not collapsed", in, got)
		}
		for _, r := range got {
			if _, ok := asciiDigit(r); ok || r == zwnj || r == tatweel || isHaraka(r) || isBidiControl(r) || tajikFold[r] != 0 {
				t.Fatalf("SearchKey(%q) = %q: rune %U should be gone", in, got, r)
			}
		}
		// Every word of every spelling is a token as the index holds it.
		for _, spellings := range SearchTerms(in) {
			for _, s := range spellings {
				for _, w := range strings.Fields(s) {
					if SearchKey(w) != w {
						t.Fatalf("SearchTerms(%q) has spelling %q whose word %q is not a normalised token", in, s, w)
					}
				}
				if s == "" {
					t.Fatalf("SearchTerms(%q) has an empty spelling", in)
				}
			}
		}
	})
}
