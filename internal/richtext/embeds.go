package richtext

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/payvand/payvand/internal/embed"
)

// Embeds are stored as a placeholder (embed.Embed.HTML), never as an
// <iframe>. The editor writes placeholders itself; embedPlaceholders makes
// the server hold the same line whatever is posted: an iframe of an allowed
// provider becomes its placeholder, and a placeholder is rewritten from its
// data-url alone, so a hand-made one cannot carry another provider, id or
// content. Everything else (another provider's iframe) is left to the
// sanitiser, which drops it.

// These patterns only restate what embedPlaceholders writes, for the policy.
var (
	embedProvider = regexp.MustCompile(`^(` + strings.Join(embed.Providers, "|") + `)$`)
	embedID       = regexp.MustCompile(`^[A-Za-z0-9_/-]{1,100}$`)
	embedURL      = regexp.MustCompile(`^https://[^\s"'<>]+$`)
)

// embedPlaceholders rewrites the iframes and embed placeholders of an
// unsanitised body as described above; every other byte is copied.
func embedPlaceholders(body string) string {
	lower := strings.ToLower(body)
	if !strings.Contains(lower, "<iframe") && !strings.Contains(lower, "data-embed") {
		return body
	}
	var out strings.Builder
	out.Grow(len(body))
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		raw := string(z.Raw())
		tok := z.Token()
		switch {
		case tok.Data == "iframe":
			if e, ok := embed.FromFrame(attr(tok.Attr, "src")); ok {
				out.WriteString(e.HTML())
			}
			// An iframe is raw text to its end tag; an unknown one goes
			// with it (the sanitiser would drop it anyway).
			if tt == html.StartTagToken {
				skipTo(z, "iframe")
			}
		case tok.Data == "figure" && hasAttr(tok.Attr, "data-embed"):
			e, ok := embed.Parse(attr(tok.Attr, "data-url"))
			if !ok {
				// Not a placeholder the server can vouch for: a plain
				// figure holding whatever it held.
				tok.Attr = nil
				out.WriteString(tok.String())
				continue
			}
			out.WriteString(e.HTML())
			if tt == html.StartTagToken {
				skipTo(z, "figure")
			}
		default:
			out.WriteString(raw)
		}
	}
}

// skipTo reads past the end tag of the element z has just opened (name),
// counting nested elements of the same name.
func skipTo(z *html.Tokenizer, name string) {
	depth := 1
	for depth > 0 {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == name {
				depth++
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); string(n) == name {
				depth--
			}
		}
	}
}

func attr(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(attrs []html.Attribute, key string) bool {
	for _, a := range attrs {
		if a.Key == key {
			return true
		}
	}
	return false
}
