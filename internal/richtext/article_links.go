package richtext

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// ArticleIDAttr is the attribute by which a stored body links to another
// article of the site: <a data-article-id="12" href="/admin/articles/12">.
// The link names the article, never its slug or its address on the site:
// the address is made when answering (RenderArticleLinks), so a slug
// change, a rename or a new --site-url never breaks it.
const ArticleIDAttr = "data-article-id"

// ArticleLinkHref is the href an internal link is stored with: the linked
// article's page in the admin, which depends on nothing but its id. It is
// what the editor follows and what a revision view shows; public answers
// never carry it (RenderArticleLinks replaces it).
func ArticleLinkHref(id uint) string {
	return "/admin/articles/" + strconv.FormatUint(uint64(id), 10)
}

// ArticleLinkIDs returns the article ids the internal links of a stored
// body name, each once, in order of appearance.
func ArticleLinkIDs(body string) []uint {
	if !strings.Contains(body, ArticleIDAttr) {
		return nil
	}
	var ids []uint
	eachTag(body, "a", func(attrs []html.Attribute) {
		if id, ok := linkedArticleID(attrs); ok && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	})
	return ids
}

// ReferenceArticleLinks is how a sanitised body is stored: every internal
// link gets ArticleLinkHref as its href, whatever address the editor's
// HTML had beside the id, so the stored form never depends on a slug.
func ReferenceArticleLinks(body string) string {
	return rewriteArticleLinks(body, func(id uint) (string, bool) { return ArticleLinkHref(id), true }, true)
}

// RenderArticleLinks is how a stored body is answered: each internal link
// points at urlOf(id), the linked article's page on the site in the
// answer's locale, without the rel="nofollow" user links carry (it is the
// site's own page). When urlOf answers "" (the article is not public in
// that locale, or no site URL is configured) the link is left out and its
// contents stay, byte for byte, as the plain text a reader sees.
func RenderArticleLinks(body string, urlOf func(id uint) string) string {
	return rewriteArticleLinks(body, func(id uint) (string, bool) {
		u := urlOf(id)
		return u, u != ""
	}, false)
}

// rewriteArticleLinks copies body, replacing the start tag of each internal
// link by one whose href is target(id), or dropping the tag and its end tag
// when target says no. keepRel keeps the tag's rel attribute. Every other
// byte is copied as it is, and a body without internal links is returned
// untouched.
func rewriteArticleLinks(body string, target func(id uint) (string, bool), keepRel bool) string {
	if !strings.Contains(body, ArticleIDAttr) {
		return body
	}
	var out strings.Builder
	out.Grow(len(body) + 128)
	// dropped remembers, for each open <a>, whether its end tag goes too.
	var dropped []bool
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken:
			raw := z.Raw() // valid until the next token
			attrs, isAnchor := tagAttrs(z, "a")
			if !isAnchor {
				out.Write(raw)
				continue
			}
			id, internal := linkedArticleID(attrs)
			if !internal {
				dropped = append(dropped, false)
				out.Write(raw)
				continue
			}
			href, ok := target(id)
			dropped = append(dropped, !ok)
			if ok {
				out.WriteString(html.Token{Type: tt, Data: "a", Attr: withHref(attrs, href, keepRel)}.String())
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "a" && len(dropped) > 0 {
				drop := dropped[len(dropped)-1]
				dropped = dropped[:len(dropped)-1]
				if drop {
					continue
				}
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
}

// withHref returns attrs with href set to href, after the id, and without
// rel unless keepRel.
func withHref(attrs []html.Attribute, href string, keepRel bool) []html.Attribute {
	out := make([]html.Attribute, 0, len(attrs)+1)
	for _, a := range attrs {
		switch a.Key {
		case "href":
		case "rel":
			if keepRel {
				out = append(out, a)
			}
		case ArticleIDAttr:
			out = append(out, a, html.Attribute{Key: "href", Val: href})
		default:
			out = append(out, a)
		}
	}
	return out
}

// linkedArticleID reads an anchor's data-article-id.
func linkedArticleID(attrs []html.Attribute) (uint, bool) { return idAttr(attrs, ArticleIDAttr) }
