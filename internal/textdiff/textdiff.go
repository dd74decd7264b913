// Package textdiff shows what changed between two versions of a text,
// word by word, for the admin's revision view. The diff itself is
// diffmatchpatch's; this package feeds it words instead of characters, so
// a changed word shows as one word replaced rather than a scatter of
// letters, which matters in Persian, where letters join.
package textdiff

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/payvand/payvand/internal/richtext"
)

// Kind says what an Op does to the old text.
type Kind string

// The kinds of Op.
const (
	Equal  Kind = "equal"
	Insert Kind = "insert"
	Delete Kind = "delete"
)

// Op is one piece of the diff: text both versions share, or text only the
// new one has (Insert) or only the old one had (Delete).
type Op struct {
	Kind Kind
	Text string
}

// HTML diffs the text of two HTML fragments, markup left out. Block ends
// become line breaks first: the markup is all that separates the last word
// of one paragraph from the first of the next.
func HTML(from, to string) []Op {
	return Words(plain(from), plain(to))
}

var blockEnd = regexp.MustCompile(`(?i)</(p|h[1-6]|li|blockquote|figcaption|figure|pre|div|tr)>|<br\s*/?>`)

func plain(html string) string {
	return strings.TrimSpace(richtext.PlainText(blockEnd.ReplaceAllString(html, "$0\n")))
}

// Words diffs two plain texts word by word: the old text is from, the new
// one to. Concatenating the Equal and Delete texts gives from; the Equal
// and Insert texts give to.
func Words(from, to string) []Op {
	a, b := tokenize(from), tokenize(to)
	codes := map[string]rune{}
	var vocabulary []string
	encode := func(tokens []string) []rune {
		out := make([]rune, len(tokens))
		for i, tok := range tokens {
			r, ok := codes[tok]
			if !ok {
				r = codeOf(len(vocabulary))
				codes[tok] = r
				vocabulary = append(vocabulary, tok)
			}
			out[i] = r
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	if len(vocabulary) > maxVocabulary {
		return wholesale(from, to)
	}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	index := make(map[rune]int, len(vocabulary))
	for i := range vocabulary {
		index[codeOf(i)] = i
	}
	ops := make([]Op, 0, len(diffs))
	for _, d := range diffs {
		var sb strings.Builder
		for _, r := range d.Text {
			sb.WriteString(vocabulary[index[r]])
		}
		ops = append(ops, Op{Kind: kindOf(d.Type), Text: sb.String()})
	}
	return ops
}

// Each distinct token becomes one rune for diffmatchpatch to compare. The
// runes skip the UTF-16 surrogates, which do not survive the library's
// conversions to string, and stop at the last code point.
const (
	surrogateStart = 0xD800
	surrogateCount = 0x800
	maxVocabulary  = unicode.MaxRune - surrogateCount
)

func codeOf(i int) rune {
	r := rune(i + 1)
	if r >= surrogateStart {
		r += surrogateCount
	}
	return r
}

// wholesale is the diff of texts too varied to code word by word.
func wholesale(from, to string) []Op {
	if from == to {
		return []Op{{Kind: Equal, Text: from}}
	}
	return []Op{{Kind: Delete, Text: from}, {Kind: Insert, Text: to}}
}

func kindOf(op diffmatchpatch.Operation) Kind {
	switch op {
	case diffmatchpatch.DiffInsert:
		return Insert
	case diffmatchpatch.DiffDelete:
		return Delete
	default:
		return Equal
	}
}

// tokenize splits text into words, runs of white space, and single other
// characters (punctuation). The zero-width non-joiner and joiner belong to
// words: Persian writes "می‌شود" as one word with a ZWNJ inside.
func tokenize(text string) []string {
	var out []string
	start, class := 0, classNone
	for i, r := range text {
		c := classify(r)
		if c != class || c == classOther {
			if i > start {
				out = append(out, text[start:i])
			}
			start, class = i, c
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

type charClass int

const (
	classNone charClass = iota
	classWord
	classSpace
	classOther
)

func classify(r rune) charClass {
	switch {
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r), r == '\u200c', r == '\u200d':
		return classWord
	case unicode.IsSpace(r):
		return classSpace
	default:
		return classOther
	}
}
