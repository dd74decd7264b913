package wpimport

import (
	stdhtml "html"
	"strings"

	"golang.org/x/net/html"
)

// flattenGalleryBlocks turns Gutenberg's gallery block, a figure of
// figures (since WordPress 5.9) or of a list of them (before), into the
// editor's figures one after another: the editor knows a figure of one
// picture only, and would keep the first picture of a nested gallery and
// lose the others on the first save. Each picture keeps its src (made the
// library's by rewriteUploads), alt text and caption; the gallery's own
// caption becomes a paragraph after it.
func flattenGalleryBlocks(s string) string {
	if !strings.Contains(s, "wp-block-gallery") {
		return s
	}
	var out strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.String()
		}
		raw := string(z.Raw())
		if tt == html.StartTagToken {
			if tok := z.Token(); tok.Data == "figure" && hasClass(tok, "wp-block-gallery") {
				out.WriteString(readGalleryBlock(z))
				continue
			}
		}
		out.WriteString(raw)
	}
}

// galleryPicture is one picture of a gallery block.
type galleryPicture struct {
	src, alt string
	caption  strings.Builder
}

// readGalleryBlock reads z up to the end of the gallery figure it is in,
// and returns its pictures as the editor's figures.
func readGalleryBlock(z *html.Tokenizer) string {
	var pics []*galleryPicture
	var cur *galleryPicture
	var caption strings.Builder // the gallery's own
	inCaption := false
	for depth := 1; depth > 0; {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch {
		case tt == html.StartTagToken && tok.Data == "figure":
			depth++
			cur = &galleryPicture{}
			pics = append(pics, cur)
		case tt == html.EndTagToken && tok.Data == "figure":
			depth--
			cur = nil
		case (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && tok.Data == "img":
			if cur == nil || cur.src != "" { // a picture with no figure of its own
				cur = &galleryPicture{}
				pics = append(pics, cur)
			}
			cur.src, cur.alt = attr(tok, "src"), attr(tok, "alt")
		case tt == html.StartTagToken && tok.Data == "figcaption":
			inCaption = true
		case tt == html.EndTagToken && tok.Data == "figcaption":
			inCaption = false
		case tt == html.TextToken && inCaption:
			if cur != nil {
				cur.caption.WriteString(tok.Data)
			} else {
				caption.WriteString(tok.Data)
			}
		}
	}
	var b strings.Builder
	for _, p := range pics {
		if p.src == "" {
			continue
		}
		b.WriteString(`<figure><img src="` + stdhtml.EscapeString(p.src) + `" alt="` + stdhtml.EscapeString(p.alt) + `">`)
		if c := strings.TrimSpace(p.caption.String()); c != "" {
			b.WriteString(`<figcaption dir="auto">` + stdhtml.EscapeString(c) + `</figcaption>`)
		}
		b.WriteString("</figure>\n")
	}
	if c := strings.TrimSpace(caption.String()); c != "" {
		b.WriteString("<p>" + stdhtml.EscapeString(c) + "</p>\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(tok html.Token, class string) bool {
	return strings.Contains(" "+attr(tok, "class")+" ", " "+class+" ")
}
