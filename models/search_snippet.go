package models

import (
	"html"
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
}

func newSnippetMatcher(terms [][]string) *snippetMatcher {
	m := &snippetMatcher{exact: map[string]bool{}}
	for i, spellings := range terms {
		for _, s := range spellings {
			words := strings.Fields(s)
			for _, w := range words {
				// As in matchExpression: only a one-word spelling of the
				// last term matches as a prefix.
				if i == len(terms)-1 && len(words) == 1 && len([]rune(w)) >= 2 {
					m.prefixes = append(m.prefixes, w)
				} else {
					m.exact[w] = true
				}
			}
		}
	}
	return m
}

// matches reports whether one word of original text matched.
func (m *snippetMatcher) matches(word string) bool {
	for _, k := range strings.Fields(textnorm.SearchKey(word)) {
		if m.exact[k] {
			return true
		}
		for _, p := range m.prefixes {
			if strings.HasPrefix(k, p) {
				return true
			}
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
		for i, w := range words {
			if m.matches(w) {
				return m.render(words, max(0, i-snippetWords/4))
			}
		}
	}
	return m.render(fallback, 0)
}

func (m *snippetMatcher) render(words []string, from int) string {
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
		if m.matches(w) {
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
