package textnorm

import "testing"

// TestEveryBMPRuneIsStable feeds every character of the Basic Multilingual
// Plane, alone and beside neighbours it might compose or interact with, to
// Slug and SearchKey and checks their idempotence and alphabet. The fuzzers
// rarely reach most of these characters from random bytes. (Run once over
// all of Unicode while writing this package; the BMP keeps it quick.)
func TestEveryBMPRuneIsStable(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 65,536 characters")
	}
	contexts := []func(string) string{
		func(s string) string { return s },
		func(s string) string { return "a" + s + "b" },
		func(s string) string { return "ᄀ" + s + "ᅡ" },      // Hangul jamo compose once adjacent
		func(s string) string { return "ب" + s + "\u0654" }, // hamza above after a letter
		func(s string) string { return "И" + s + "\u0304" }, // Tajik ӣ written decomposed
		func(s string) string { return "\u0301" + s + s },   // a leading mark, doubled rune
	}
	failures := 0
	for r := rune(0); r <= 0xFFFF && failures < 20; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates are not characters
		}
		for _, context := range contexts {
			in := context(string(r))
			for _, style := range []SlugStyle{SlugLatin, SlugUnicode} {
				got := Slug(in, style)
				if again := Slug(got, style); again != got {
					failures++
					t.Errorf("Slug(%q, %v) = %q, again %q", in, style, got, again)
				}
				for _, c := range got {
					if !slugRuneAllowed(c, style) {
						failures++
						t.Errorf("Slug(%q, %v) = %q has rune %U", in, style, got, c)
						break
					}
				}
			}
			if key := SearchKey(in); SearchKey(key) != key {
				failures++
				t.Errorf("SearchKey(%q) = %q, again %q", in, key, SearchKey(key))
			}
		}
	}
}
