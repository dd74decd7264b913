package feed

import (
	"regexp"
	"strings"
)

// siteRelative finds href and src attributes (after the space that ends
// the previous attribute or the tag name, so data-src is not one) whose value is a path on the
// current host ("/fa/news/…"), not a protocol-relative URL ("//host/…").
// Sanitised bodies always quote attributes with double quotes and write
// a quote inside text as &#34;, so this form is found only in attributes.
var siteRelative = regexp.MustCompile(`\s(href|src)="/([^/"][^"]*)?"`)

// AbsoluteLinks makes the site-relative links of a sanitised body absolute
// on siteBase (the site URL, no trailing slash): a feed reader shows the
// body away from the site, where "/fa/news/…" would point at the reader's
// own host. Media paths must be made absolute first, on the address that
// serves them; what is already absolute is left alone.
func AbsoluteLinks(body, siteBase string) string {
	if !strings.Contains(body, `="/`) {
		return body
	}
	return siteRelative.ReplaceAllStringFunc(body, func(attr string) string {
		name, value, _ := strings.Cut(attr, `="`)
		return name + `="` + siteBase + value
	})
}
