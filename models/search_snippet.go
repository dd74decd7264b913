package models

import (
	"html"
	"slices"
	"strings"

	"github.com/payvand/payvand/internal/textnorm"
)

// snippetWords is how many words of text a snippet shows.
const snippetWords = 30

// snippetMatcher recognises the words of a text that a search matched. The
// index holds normalised text, so snippets are cut from the original text
// instead, word by word, normalising each word to compare it.
type snippetMatcher struct {
	exact    map[string]bool
	prefixes []string
	// phrases are the spellings of more than one word: a ZWNJ word's parts
	// («می کنند» for «می‌کنند») or a guessed split. They match as a whole,
	// never word by word, or every «می» of the text would light up.
	phrases [][]string
}

func newSnippetMatcher(terms [][]string) *snippetMatcher {
	m := &snippetMatcher{exact: map[string]bool{}}
	for i, spellings := range terms {
		for _, s := range spellings {
			words := strings.Fields(s)
			switch {
			case len(words) > 1:
				m.phrases = append(m.phrases, words)
			case len(words) == 0:
			// As in matchExpression: only a one-word spelling of the last
			// term matches as a prefix.
			case i == len(terms)-1 && len([]rune(words[0])) >= 2:
				m.prefixes = append(m.prefixes, words[0])
			default:
				m.exact[words[0]] = true
			}
		}
	}
	return m
}

func (m *snippetMatcher) matchesKey(k string) bool {
	if m.exact[k] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// textMarks says which words of one original text matched, computing each
// word's normalised key once and only when asked: a snippet stops at the
// first match.
type textMarks struct {
	m     *snippetMatcher
	words []string
	keys  [][]string
	known []bool
}

func (m *snippetMatcher) marksOf(words []string) *textMarks {
	return &textMarks{m: m, words: words, keys: make([][]string, len(words)), known: make([]bool, len(words))}
}

func (t *textMarks) key(i int) []string {
	if !t.known[i] {
		t.keys[i], t.known[i] = strings.Fields(textnorm.SearchKey(t.words[i])), true
	}
	return t.keys[i]
}

// marked reports whether word i matched: through its own key, through a
// phrase its key holds whole (a word written with ZWNJ), or as part of a
// phrase written out over several words.
func (t *textMarks) marked(i int) bool {
	own := t.key(i)
	if slices.ContainsFunc(own, t.m.matchesKey) {
		return true
	}
	for _, p := range t.m.phrases {
		if containsRun(own, p) {
			return true
		}
		for k := range p {
			if t.spells(i-k, p) {
				return true
			}
		}
	}
	return false
}

// spells reports whether the words from start on are the phrase, one
// one-token word per phrase word.
func (t *textMarks) spells(start int, phrase []string) bool {
	if start < 0 || start+len(phrase) > len(t.words) {
		return false
	}
	for j, w := range phrase {
		k := t.key(start + j)
		if len(k) != 1 || k[0] != w {
			return false
		}
	}
	return true
}

// containsRun reports whether phrase occurs in tokens, in order, adjacent.
func containsRun(tokens, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(tokens); i++ {
		if slices.Equal(tokens[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}

// snippet returns up to snippetWords words around the first match in the
// first of texts that has one (or the start of the first non-empty text),
// HTML-escaped, with matched words in <mark>.
func (m *snippetMatcher) snippet(texts ...string) string {
	var fallback []string
	for _, text := range texts {
		words := strings.Fields(text)
		if len(words) == 0 {
			continue
		}
		if fallback == nil {
			fallback = words
		}
		marks := m.marksOf(words)
		for i := range words {
			if marks.marked(i) {
				return marks.render(max(0, i-snippetWords/4))
			}
		}
	}
	return m.marksOf(fallback).render(0)
}

func (t *textMarks) render(from int) string {
	words := t.words
	if len(words) == 0 {
		return ""
	}
	to := min(len(words), from+snippetWords)
	var b strings.Builder
	if from > 0 {
		b.WriteString("… ")
	}
	for i, w := range words[from:to] {
		if i > 0 {
			b.WriteByte(' ')
		}
		if t.marked(from + i) {
			b.WriteString("<mark>" + html.EscapeString(w) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(w))
		}
	}
	if to < len(words) {
		b.WriteString(" …")
	}
	return b.String()
}
