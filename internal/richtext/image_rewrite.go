package richtext

import (
	"strings"

	"golang.org/x/net/html"
)

// rewriteImages returns body with each <img> tag replaced by what edit
// makes of its attributes (keep false removes the tag); every other byte
// is copied as it is. A changed tag is written as the sanitiser writes
// tags (html.Token.String), so a tag edit leaves unchanged is byte for
// byte what was stored. Bodies are sanitised, so tag names are lower
// case, and a body with no "<img" is returned untouched.
func rewriteImages(body string, edit func([]html.Attribute) ([]html.Attribute, bool)) string {
	if !strings.Contains(body, "<img") {
		return body
	}
	var out strings.Builder
	out.Grow(len(body) + 256)
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
		raw := z.Raw()
		attrs, isImage := tagAttrs(z, "img")
		if !isImage {
			out.Write(raw)
			continue
		}
		attrs, keep := edit(attrs)
		if !keep {
			continue
		}
		out.WriteString(html.Token{Type: tt, Data: "img", Attr: attrs}.String())
	}
}

// eachTag calls see with the attributes of every name start tag of body.
func eachTag(body, name string, see func([]html.Attribute)) {
	if !strings.Contains(body, "<"+name) {
		return
	}
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			if attrs, ok := tagAttrs(z, name); ok {
				see(attrs)
			}
		}
	}
}

// tagAttrs reads the attributes of the tag z is at when it is a want
// tag; other tags cost no allocation (z.Token would copy every tag).
func tagAttrs(z *html.Tokenizer, want string) ([]html.Attribute, bool) {
	name, more := z.TagName()
	if string(name) != want {
		return nil, false
	}
	var attrs []html.Attribute
	for more {
		var key, val []byte
		key, val, more = z.TagAttr()
		attrs = append(attrs, html.Attribute{Key: string(key), Val: string(val)})
	}
	return attrs, true
}
