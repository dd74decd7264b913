// Package textnorm normalises text for machines while people keep the
// original: URL slugs, the key fed to the full-text index, and the clean-up
// of names where invisible characters would mislead.
//
// It knows the habits of the scripts Payvand's sites are written in. Persian
// text arrives typed on Arabic keyboards (ي and ك instead of ی and ک), with
// Persian or Arabic-Indic digits, with harakat and tatweel that readers do
// not search for, and with the zero-width non-joiner (ZWNJ, U+200C) that
// splits "می‌کنند" visually but not as a word. Tajik Cyrillic has six letters
// of its own (ғ ӣ қ ӯ ҳ ҷ) that generic transliteration renders badly.
//
// Every function is pure and safe for concurrent use. None of them is meant
// for stored article text, which must keep every ZWNJ and direction mark.
package textnorm

import "strings"

// Characters the package gives a meaning to, named so the code reads as what
// it does rather than as code points.
const (
	zwsp    = '\u200B' // zero-width space: a word break with no width
	zwnj    = '\u200C' // zero-width non-joiner: a break inside a Persian word
	zwj     = '\u200D' // zero-width joiner: forces letters to connect
	tatweel = '\u0640' // kashida: stretches a word, carries no meaning
)

// isExplicitBidi reports the embedding, override and isolate characters
// (U+202A–U+202E, U+2066–U+2069). Unlike the plain marks they reorder
// whatever follows them, which is how a file name like "invoice‮fdp.exe"
// is made to look like a PDF.
func isExplicitBidi(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// isBidiControl reports every invisible direction character: the explicit
// ones and the marks LRM, RLM and ALM (U+200E, U+200F, U+061C). Editors put
// marks into text to fix how punctuation displays; they never belong to a
// word, so slugs and search keys drop them all.
func isBidiControl(r rune) bool {
	return r == '\u200E' || r == '\u200F' || r == '\u061C' || isExplicitBidi(r)
}

// isHaraka reports the Arabic vowel signs and other marks above and below
// letters (U+064B–U+065F) and the superscript alef (U+0670). Persian writes
// them rarely and inconsistently, so a search or URL must not depend on them.
func isHaraka(r rune) bool {
	return (r >= '\u064B' && r <= '\u065F') || r == '\u0670'
}

// asciiDigit maps an Extended Arabic-Indic (Persian, U+06F0–U+06F9) or an
// Arabic-Indic (U+0660–U+0669) digit to its ASCII digit. Both sets are in
// daily use, and "۱۴۰۳", "١٤٠٣" and "1403" must all mean the same year.
func asciiDigit(r rune) (rune, bool) {
	switch {
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰'), true
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠'), true
	}
	return r, false
}

// StripBidiControls removes the explicit bidi embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069) from s. Use it on user names, file
// names and slugs, where such characters only serve to disguise text. Never
// use it on article text: there they are legitimate layout, as are the
// LRM and RLM marks, which this function keeps.
func StripBidiControls(s string) string {
	if strings.IndexFunc(s, isExplicitBidi) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isExplicitBidi(r) {
			return -1
		}
		return r
	}, s)
}

// ASCIIDigits replaces Persian (۰–۹) and Arabic-Indic (٠–٩) digits in s with
// ASCII digits and leaves everything else as it is. Use it before parsing
// numbers a person typed, such as a page number or a Solar Hijri date.
func ASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		d, _ := asciiDigit(r)
		return d
	}, s)
}
