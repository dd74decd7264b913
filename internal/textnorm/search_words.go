package textnorm

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// searchWord is one word of search text, already normalised. ZWNJ splits a
// word into parts without ending it; most words have a single part.
type searchWord struct {
	parts []string
}

// joined spells the word without its ZWNJs. It is normalised again because
// two parts can compose once they touch.
func (w searchWord) joined(fold bool) string {
	return finishPart(strings.Join(w.parts, ""), fold)
}

// searchWords splits text into normalised words; see SearchKey for the
// rules. Combining marks other than harakat stay in the word they follow
// (a mark with nothing before it is dropped, as it decorates nothing).
// fold applies the Russian-keyboard fold of Tajik letters (foldTajik);
// only ExactWords asks for the letters as written.
func searchWords(text string, fold bool) []searchWord {
	var (
		words []searchWord
		parts []string
		part  strings.Builder
	)
	endPart := func() {
		if part.Len() > 0 {
			parts = append(parts, finishPart(part.String(), fold))
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

// The Persian affixes that are written attached, with ZWNJ or with a space
// (see SearchTerms), longest first where one ends another. The lists hold
// only forms that are seldom words of their own.
var (
	searchPrefixes = []string{"نمی", "می"}
	searchSuffixes = []string{"هایی", "های", "ها", "ترین", "تر"}
	// splitSuffixes are the suffixes a joined word is split from. تر and
	// ترین end too many plain words (دختر, دفتر, بهتر) to guess at.
	splitSuffixes = []string{"هایی", "های", "ها"}
)

// minSplitStem is the shortest stem splitAffixes leaves: a shorter one
// ("میز", a table) is more likely a word of its own than an affix's stem.
const minSplitStem = 3

func isSearchAffix(w searchWord, affixes []string) bool {
	return len(w.parts) == 1 && slices.Contains(affixes, w.parts[0])
}

// joinAffixes merges each affix standing alone in a query into its
// neighbour, making one word of several parts: what ZWNJ between them
// would have made.
func joinAffixes(words []searchWord) []searchWord {
	out := make([]searchWord, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		if isSearchAffix(w, searchPrefixes) && i+1 < len(words) && !isSearchAffix(words[i+1], searchPrefixes) {
			i++
			w = searchWord{parts: slices.Concat(w.parts, words[i].parts)}
		}
		if i+1 < len(words) && isSearchAffix(words[i+1], searchSuffixes) {
			i++
			w = searchWord{parts: slices.Concat(w.parts, words[i].parts)}
		}
		out = append(out, w)
	}
	return out
}

// splitAffixes splits a normalised word typed joined into its prefix, stem
// and suffix where it has them: "میکنند" → [می کنند]. Each piece must be a
// search token of its own, so a split never lands inside a letter and its
// marks.
func splitAffixes(word string) []string {
	var head, tail string
	rest := word
	for _, p := range searchPrefixes {
		if stem, ok := strings.CutPrefix(rest, p); ok && utf8.RuneCountInString(stem) >= minSplitStem {
			head, rest = p, stem
			break
		}
	}
	for _, sfx := range splitSuffixes {
		if stem, ok := strings.CutSuffix(rest, sfx); ok && utf8.RuneCountInString(stem) >= minSplitStem {
			rest, tail = stem, sfx
			break
		}
	}
	pieces := make([]string, 0, 3)
	for _, piece := range []string{head, rest, tail} {
		if piece == "" {
			continue
		}
		if SearchKey(piece) != piece {
			return []string{word}
		}
		pieces = append(pieces, piece)
	}
	return pieces
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
