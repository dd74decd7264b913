package textnorm

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Many Tajik writers type on a Russian keyboard, which lacks the six
// letters of Tajik's own: they write х for ҳ, к for қ, у for ӯ, и for ӣ,
// ч for ҷ and г for ғ, so «намоишгохи» stands for «намоишгоҳи». The search
// key folds each Tajik letter onto its Russian one, in the index and in
// queries alike, so either spelling finds both. Stored text keeps its
// letters; ExactWords and ExactCounter let a search rank the letter-for-letter
// matches above the folded ones.

// tajikFold maps each Tajik letter, lower and upper case, to the Russian
// letter typed for it.
var tajikFold = map[rune]rune{
	'ҳ': 'х', 'Ҳ': 'Х',
	'қ': 'к', 'Қ': 'К',
	'ӯ': 'у', 'Ӯ': 'У',
	'ӣ': 'и', 'Ӣ': 'И',
	'ҷ': 'ч', 'Ҷ': 'Ч',
	'ғ': 'г', 'Ғ': 'Г',
}

// combiningMacron is how ӣ and ӯ are written decomposed: и or у followed
// by U+0304.
const combiningMacron = '\u0304'

// isTajikFoldable reports the runes foldTajik may change.
func isTajikFoldable(r rune) bool {
	_, ok := tajikFold[r]
	return ok || r == combiningMacron
}

// hasTajikPair reports the letters of both sides of the fold: a word
// holding none of them reads the same folded or not.
func hasTajikPair(r rune) bool {
	if isTajikFoldable(r) && r != combiningMacron {
		return true
	}
	switch unicode.ToLower(r) {
	case 'х', 'к', 'у', 'и', 'ч', 'г':
		return true
	}
	return false
}

// foldTajik maps the Tajik letters of s to the Russian ones and drops a
// macron over и or у (anywhere among the marks of that letter), which would
// compose it back into ӣ or ӯ.
func foldTajik(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var base rune
	for _, r := range s {
		if f, ok := tajikFold[r]; ok {
			r = f
		}
		if !unicode.IsMark(r) {
			base = r
		} else if r == combiningMacron && strings.ContainsRune("иуИУ", base) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// finishPart normalises one part of a search word: NFKC and, with fold,
// the Tajik fold. Folding can leave marks that NFKC composes anew, so the
// two run until neither changes the part (once or twice in practice; the
// bound is only a guard).
func finishPart(s string, fold bool) string {
	s = norm.NFKC.String(s)
	for range 4 {
		if !fold || !strings.ContainsFunc(s, isTajikFoldable) {
			return s
		}
		s = norm.NFKC.String(foldTajik(s))
	}
	return s
}

// ExactWords returns the words of a search query that the Tajik fold
// could match in another spelling, normalised as SearchKey normalises them
// (lower case, Persian and Arabic forms folded) but with their Tajik or
// Russian letters as typed: "Намоишгоҳи 2024" gives ["намоишгоҳи"]. A query
// with none (Persian, digits, Latin) matches the same whether folded or
// not, and gives nil. NewExactCounter counts them in a text.
func ExactWords(query string) []string {
	var out []string
	for _, w := range searchWords(query, false) {
		for _, p := range w.parts {
			if strings.ContainsFunc(p, hasTajikPair) {
				out = append(out, p)
			}
		}
	}
	return out
}

// ExactCounter counts the words of a query that a text holds letter for
// letter. Make one per query with NewExactCounter.
type ExactCounter struct {
	// spellings are each word in lower case, capitalised and in capitals:
	// how text writes a word, so a text is searched as it is stored,
	// without lower-casing all of it first (which cost twice the
	// searching of the three spellings on a long body).
	spellings [][]string
}

// NewExactCounter prepares the counting of words (from ExactWords).
func NewExactCounter(words []string) *ExactCounter {
	c := &ExactCounter{}
	for _, w := range words {
		if w == "" {
			continue
		}
		first, size := utf8.DecodeRuneInString(w)
		spellings := []string{w, string(unicode.ToTitle(first)) + w[size:], strings.ToUpper(w)}
		c.spellings = append(c.spellings, slices.Compact(spellings))
	}
	return c
}

// Count says how many of the words text holds letter for letter, each at
// the start of a word: as a whole word or as the beginning of a longer one,
// the way the last word of a query matches as a prefix. It reads the text
// as written, so it tells «фарҳанг» from «фарханг» where the search key
// cannot. A word written in mixed case («фарҲанг»), or with a soft hyphen
// or a direction mark inside it, counts as not exact, which only costs
// that match its place among the first.
func (c *ExactCounter) Count(text string) int {
	n := 0
	for _, spellings := range c.spellings {
		if slices.ContainsFunc(spellings, func(w string) bool { return holdsWordStart(text, w) }) {
			n++
		}
	}
	return n
}

// holdsWordStart reports whether w occurs in text where no letter, digit
// or mark comes before it.
func holdsWordStart(text, w string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return false
		}
		i += from
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if i == 0 || !(unicode.IsLetter(prev) || unicode.IsDigit(prev) || unicode.IsMark(prev)) {
			return true
		}
		from = i + len(w)
	}
}
