// Package readingtime estimates how long an article takes to read, from the
// words of its visible text. Words are counted, never bytes: a Persian or
// Tajik word takes two bytes a letter, which would triple a byte estimate.
package readingtime

import (
	"unicode"

	"github.com/payvand/payvand/internal/richtext"
)

// WordsPerMinute is the reading speed the estimate assumes, documented in
// the README's API section.
const WordsPerMinute = 200

// Minutes is the reading time of words, rounded to the nearest minute and
// at least 1: a short brief still takes a moment.
func Minutes(words int) int {
	return max(1, (words+WordsPerMinute/2)/WordsPerMinute)
}

// BodyWords counts the words a reader sees in a sanitised HTML body.
func BodyWords(bodyHTML string) int {
	return Words(richtext.VisibleText(bodyHTML))
}

// Words counts the words of text, following Unicode's word boundaries
// (UAX #29) where prose needs them: a word is a run of letters, marks and
// digits. ZWNJ (U+200C) and ZWJ are format characters that UAX #29 keeps
// inside a word, so «می‌خواهم» is one word as a Persian reader reads it; an
// apostrophe or full stop between letters («don't», «3.5») does not split
// either. Everything else (spaces, punctuation, symbols) separates words.
func Words(text string) int {
	runes := []rune(text)
	count, inWord := 0, false
	for i, r := range runes {
		switch {
		case isWordRune(r):
			if !inWord {
				count++
			}
			inWord = true
		case inWord && joinsWord(r) && i+1 < len(runes) && isWordRune(runes[i+1]):
			// stays inside the word
		default:
			inWord = false
		}
	}
	return count
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// joinsWord says whether r, between two word characters, keeps them one
// word: the joiners, and UAX #29's MidLetter and MidNum characters.
func joinsWord(r rune) bool {
	switch r {
	case '\u200c', '\u200d', '\'', '\u2019', '.', ',', ':', '\u00b7', '\u066b', '\u066c':
		return true
	}
	return false
}
