package richtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// lostExcerptRunes is how much of the lost text LostText quotes: enough for
// the editor to find the place in the body.
const lostExcerptRunes = 40

// LostText compares the visible text of the submitted HTML with that of the
// cleaned HTML and returns the visible text from the first character the
// cleaning lost (at most lostExcerptRunes, whitespace collapsed), or ""
// when every non-whitespace character survived. Markup may go; text must
// not: a body whose text would silently vanish (an unclosed <style> makes
// the sanitiser drop everything after it) is refused instead of saved.
func LostText(submitted, cleaned string) string {
	before, after := VisibleText(submitted), VisibleText(cleaned)
	j := 0
	for i, r := range before {
		if r == ' ' {
			continue
		}
		k := strings.IndexRune(after[j:], r)
		if k < 0 {
			return excerpt(before[i:], lostExcerptRunes)
		}
		j += k + utf8.RuneLen(r)
	}
	return ""
}

// excerpt is the first n runes of s.
func excerpt(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// VisibleText is the text a reader sees in an HTML fragment, whitespace
// collapsed: its text outside script, style and template elements, read
// with the same tokenizer the sanitiser uses. One exception: an element of
// those three that is never closed hides nothing, because its start tag
// would otherwise swallow the rest of the body, which is exactly the text
// an editor did not mean to hide.
func VisibleText(fragment string) string {
	var t collapsed
	t.visible(fragment)
	return t.b.String()
}

// collapsed collects text with each run of whitespace written as one space
// and none at either end.
type collapsed struct {
	b     strings.Builder
	space bool
}

func (t *collapsed) write(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			t.space = true
			continue
		}
		if t.space && t.b.Len() > 0 {
			t.b.WriteByte(' ')
		}
		t.space = false
		t.b.WriteRune(r)
	}
}

// visible writes the visible text of fragment. A tag separates words: block
// elements do, and for the comparison a space more changes nothing.
func (t *collapsed) visible(fragment string) {
	z := html.NewTokenizer(strings.NewReader(fragment))
	// raw is the open script or style element and rawText its text; hidden
	// is the text inside open templates.
	var raw string
	var rawText, hidden strings.Builder
	templates := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			// The end of input: what unclosed elements held counts as seen.
			if raw != "" {
				t.visible(rawText.String())
			}
			if templates > 0 {
				t.write(hidden.String())
			}
			return
		case html.TextToken:
			switch {
			case raw != "":
				rawText.Write(z.Raw())
			case templates > 0:
				hidden.Write(z.Text())
				hidden.WriteByte(' ')
			default:
				t.write(string(z.Text()))
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				raw = string(name)
				rawText.Reset()
			case "template":
				templates++
			}
			t.space = true
		case html.EndTagToken:
			name, _ := z.TagName()
			switch {
			case raw != "" && string(name) == raw:
				raw = ""
			case string(name) == "template" && templates > 0:
				if templates--; templates == 0 {
					hidden.Reset()
				}
			}
			t.space = true
		}
	}
}
