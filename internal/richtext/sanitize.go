// Package richtext cleans the HTML an editor submits before it is stored.
package richtext

import (
	stdhtml "html"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// policy is built once: bluemonday policies are safe for concurrent use and
// building one compiles many regular expressions.
var policy = newPolicy()

func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// UGCPolicy drops dir="auto", which the editor writes on every paragraph
	// whose direction follows its first strong letter; mixed Persian and
	// Tajik bodies need it, and lang for the same reason.
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(rtl|ltr|auto)$`)).Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)).Globally()
	p.AllowElements("bdi")
	allowFigures(p)
	p.AllowAttrs("width", "height").Matching(bluemonday.Integer).OnElements("img")
	// UGCPolicy keeps an alt text only when it matches bluemonday.Paragraph,
	// which has no ZWNJ, "&", ":" or quotes: most Persian alt texts lost
	// their alt. Alt text is text, escaped on the way out like any other.
	p.AllowAttrs("alt").OnElements("img")
	// A body names a library picture by its id (see pictures.go); digits
	// only, so the attribute can carry nothing else.
	p.AllowAttrs(MediaIDAttr).Matching(regexp.MustCompile(`^[0-9]{1,18}$`)).OnElements("img")
	// Embeds are stored as a placeholder (embeds.go); UGCPolicy already
	// allows tables (cells with colspan and rowspan, never a style).
	p.AllowAttrs("data-embed").Matching(embedProvider).OnElements("figure")
	p.AllowAttrs("data-id").Matching(embedID).OnElements("figure")
	p.AllowAttrs("data-url").Matching(embedURL).OnElements("figure")
	// An internal link names the article it points at by id (see
	// article_links.go); digits only, like a picture's media id.
	p.AllowAttrs(ArticleIDAttr).Matching(regexp.MustCompile(`^[0-9]{1,18}$`)).OnElements("a")
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}

// Sanitize returns html with everything unsafe removed. Text content,
// including zero-width non-joiners and bidi marks, passes through unchanged.
// Embeds of allowed providers, iframes included, become their placeholder
// (see embeds.go); no iframe is ever kept.
func Sanitize(html string) string {
	return policy.Sanitize(embedPlaceholders(html))
}

// strict removes every tag; it is used to see the text inside HTML.
var strict = bluemonday.StrictPolicy()

// PlainText returns the text of an HTML fragment without its markup, with
// entities decoded. It is for checks such as "is the body empty", and for
// search indexes; stored bodies keep their markup.
func PlainText(html string) string {
	return stdhtml.UnescapeString(strict.Sanitize(html))
}
