package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// searchWord is one word of search text, already normalised. ZWNJ splits a
// word into parts without ending it; most words have a single part.
type searchWord struct {
	parts []string
}

// joined spells the word without its ZWNJs. It is normalised again because
// two parts can compose once they touch.
func (w searchWord) joined() string {
	return norm.NFKC.String(strings.Join(w.parts, ""))
}

// searchWords splits text into normalised words; see SearchKey for the
// rules. Combining marks other than harakat stay in the word they follow
// (a mark with nothing before it is dropped, as it decorates nothing).
func searchWords(text string) []searchWord {
	var (
		words []searchWord
		parts []string
		part  strings.Builder
	)
	endPart := func() {
		if part.Len() > 0 {
			parts = append(parts, norm.NFKC.String(part.String()))
			part.Reset()
		}
	}
	endWord := func() {
		endPart()
		if len(parts) > 0 {
			words = append(words, searchWord{parts: parts})
			parts = nil
		}
	}
	for _, r := range norm.NFKC.String(text) {
		r = foldSearchRune(r)
		switch {
		case dropFromSearch(r):
		case r == zwnj:
			endPart()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			part.WriteRune(unicode.ToLower(r))
		case unicode.IsMark(r):
			if part.Len() > 0 {
				part.WriteRune(r)
			}
		default:
			endWord()
		}
	}
	endWord()
	return words
}

// foldSearchRune maps the letters and digits that have several spellings in
// Persian text onto one: Arabic-keyboard yeh and kaf onto the Persian ones,
// teh marbuta and heh with yeh onto heh, the hamza and madda forms of alef
// onto bare alef, and non-ASCII digits onto ASCII.
func foldSearchRune(r rune) rune {
	if d, ok := asciiDigit(r); ok {
		return d
	}
	switch r {
	case 'ي', 'ى':
		return 'ی'
	case 'ك':
		return 'ک'
	case 'ة', 'ۀ':
		return 'ه'
	case 'أ', 'إ', 'ٱ', 'آ':
		return 'ا'
	}
	return r
}

// dropFromSearch reports the characters removed from search text without
// ending the word: harakat, tatweel (tested before letters, since Unicode
// counts it as one), direction marks, and the other invisible format
// characters such as ZWJ and the soft hyphen. ZWNJ and the zero-width space
// are format characters too, but they separate, so they are kept here.
func dropFromSearch(r rune) bool {
	switch {
	case isHaraka(r) || r == tatweel || isBidiControl(r):
		return true
	case r == zwnj || r == zwsp:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}
