package richtext

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// A picture in a body is a figure: the picture, its caption in the body's
// language (prefilled from the media item's caption, then the editor's
// own) and how wide it shows. The editor stores exactly
//
//	<figure data-align="wide"><img data-media-id="12" alt="…"><figcaption dir="auto">…</figcaption></figure>
//
// with data-align left out for the default (the text's width) and the
// figcaption left out when there is no caption. The picture inside is
// stored by media id and answered with its files like any body picture
// (RenderPictures).

// FigureAlignAttr says how a figure is placed; FigureAligns are its values:
// start and end float beside the text (right and left in a Persian body),
// wide goes past the text's width, full takes the page's.
const FigureAlignAttr = "data-align"

// FigureAligns are the values of FigureAlignAttr, in the editor's order.
var FigureAligns = []string{"start", "end", "wide", "full"}

// allowFigures lets the figure markup above through the sanitiser, and no
// other value of data-align.
func allowFigures(p *bluemonday.Policy) {
	p.AllowElements("figure", "figcaption")
	p.AllowAttrs(FigureAlignAttr).Matching(regexp.MustCompile(`^(` + strings.Join(FigureAligns, "|") + `)$`)).OnElements("figure")
}

// dropEmptyFigures removes the picture figures of a rendered body that
// lost their picture (its media item is gone), caption and all: a caption
// under nothing describes a picture nobody can see. Other figures (an
// embed's, which has no <img>) are kept whatever they hold.
func dropEmptyFigures(body string) string {
	if !strings.Contains(body, "<figure") {
		return body
	}
	var out, held strings.Builder
	holding, hasImage, depth := false, false, 0
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if holding { // an unclosed figure: keep what it held
				out.WriteString(held.String())
			}
			return out.String()
		}
		raw := z.Raw()
		name, hasAttr := z.TagName()
		tag := string(name)
		switch {
		case !holding && tt == html.StartTagToken && tag == "figure" && isPictureFigure(z, hasAttr):
			holding, hasImage, depth = true, false, 1
			held.Reset()
			held.Write(raw)
			continue
		case !holding:
			out.Write(raw)
			continue
		}
		held.Write(raw)
		switch {
		case tag == "img" && (tt == html.StartTagToken || tt == html.SelfClosingTagToken):
			hasImage = true
		case tag == "figure" && tt == html.StartTagToken:
			depth++
		case tag == "figure" && tt == html.EndTagToken:
			depth--
			if depth == 0 {
				holding = false
				if hasImage {
					out.WriteString(held.String())
				}
			}
		}
	}
}

// isPictureFigure tells a picture's figure from an embed's, which carries
// data-embed.
func isPictureFigure(z *html.Tokenizer, more bool) bool {
	for more {
		var key []byte
		key, _, more = z.TagAttr()
		if string(key) == "data-embed" {
			return false
		}
	}
	return true
}
