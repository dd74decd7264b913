package richtext

import (
	"strings"
	"unicode"

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
	before, after := []rune(VisibleText(submitted)), []rune(VisibleText(cleaned))
	j := 0
	for i, r := range before {
		if unicode.IsSpace(r) {
			continue
		}
		for j < len(after) && after[j] != r {
			j++
		}
		if j == len(after) {
			return string(before[i:min(len(before), i+lostExcerptRunes)])
		}
		j++
	}
	return ""
}

// VisibleText is the text a reader sees in an HTML fragment, whitespace
// collapsed: its text outside script, style and template elements, read
// with the same tokenizer the sanitiser uses. One exception: an element of
// those three that is never closed hides nothing, because its start tag
// would otherwise swallow the rest of the body, which is exactly the text
// an editor did not mean to hide.
func VisibleText(fragment string) string {
	var b strings.Builder
	writeVisible(&b, fragment)
	return strings.Join(strings.Fields(b.String()), " ")
}

func writeVisible(b *strings.Builder, fragment string) {
	z := html.NewTokenizer(strings.NewReader(fragment))
	// raw is the open script or style element and its text; hidden is the
	// text inside open templates.
	var raw string
	var rawText, hidden strings.Builder
	templates := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			// The end of input: what unclosed elements held counts as seen.
			if raw != "" {
				writeVisible(b, rawText.String())
			}
			if templates > 0 {
				b.WriteString(hidden.String())
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
				b.Write(z.Text())
				b.WriteByte(' ')
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
			b.WriteByte(' ')
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
			b.WriteByte(' ')
		}
	}
}
