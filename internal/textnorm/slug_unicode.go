package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// unicodeSlug keeps the letters and digits of text in their own script and
// turns everything between them into hyphens:
// "همکاری‌های بین‌المللی ۱۴۰۳" becomes "همکاری-های-بین-المللی-1403".
//
// The text is NFKC-normalised rather than only NFC so that Arabic
// presentation forms (ﻻ, ﮐ), which titles pasted from PDFs carry, become
// the letters a person types; otherwise the same title would give two
// different slugs. NFKC output is also NFC.
func unicodeSlug(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range norm.NFKC.String(text) {
		if d, ok := asciiDigit(r); ok {
			b.WriteRune(d)
			continue
		}
		switch {
		case dropFromSlug(r):
			// Invisible or decorative: removing it must not split a word.
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			// Spaces, ZWNJ, ZWJ, punctuation and symbols separate words.
			b.WriteByte('-')
		}
	}
	// Dropping a character can bring together two that compose (Hangul jamo
	// around a direction mark, say). Normalising again keeps the slug in
	// normal form, which is what makes Slug idempotent.
	return tidySlug(norm.NFKC.String(b.String()))
}

// dropFromSlug reports the characters a slug leaves out without putting a
// hyphen in their place. Tatweel is tested first because Unicode counts it
// as a letter. All combining marks go, harakat among them: they only make
// the same word look different in a URL. Format characters (soft hyphen,
// word joiner, byte-order mark, direction marks) are invisible, except the
// zero-width joiners and spaces, which do separate words.
func dropFromSlug(r rune) bool {
	switch {
	case r == tatweel || unicode.IsMark(r) || isBidiControl(r):
		return true
	case r == zwnj || r == zwj || r == zwsp:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}
