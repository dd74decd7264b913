package wpimport

import (
	"html"
	"regexp"
	"strings"

	"github.com/payvand/payvand/internal/embed"
)

var (
	// blockComment is a Gutenberg block delimiter: <!-- wp:name {json} -->,
	// <!-- /wp:name --> or the self-closing <!-- wp:name /-->.
	blockComment = regexp.MustCompile(`(?s)<!--\s*/?wp:.*?-->`)
	caption      = regexp.MustCompile(`(?s)\[caption(?:\s[^\]]*)?\](.*?)\[/caption\]`)
	// captionImage is the picture a caption shortcode starts with, maybe
	// inside a link; the rest is the caption's text.
	captionImage = regexp.MustCompile(`(?s)^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$`)
	shortcode    = regexp.MustCompile(`\[([a-zA-Z][a-zA-Z0-9_-]*)(?:\s[^\]]*)?/?\]`)
	// blockStart is a chunk of classic text that already is a block and
	// gets no <p> around it, as wpautop leaves them.
	blockStart = regexp.MustCompile(`(?i)^<(?:p|div|figure|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|hr|section|article|aside|iframe|form|dl|dd|dt|address|fieldset|details|summary|style|script|object|embed|video|audio)[\s>/]`)
	paraBreak  = regexp.MustCompile(`\n[ \t]*\n+`)

	// embedShortcode is [embed]URL[/embed], maybe with a size.
	embedShortcode = regexp.MustCompile(`(?s)\[embed(?:\s[^\]]*)?\]\s*([^\s\[<]+)\s*\[/embed\]`)
	// embedBlock is what Gutenberg's embed block saves: the address alone
	// in a wrapper, maybe with a caption (which the placeholder has no
	// place for).
	embedBlock = regexp.MustCompile(`(?s)<figure\s[^>]*class="[^"]*wp-block-embed[^>]*>\s*<div\s[^>]*class="[^"]*wp-block-embed__wrapper[^>]*>\s*([^\s<]+)\s*</div>.*?</figure>`)
	// urlParagraph is a paragraph holding nothing but an address.
	urlParagraph = regexp.MustCompile(`<p>\s*(https?://[^\s<>"]+)\s*</p>`)
	// urlLine is an address alone on a line, as WordPress's autoembed
	// finds them.
	urlLine = regexp.MustCompile(`(?m)^[ \t]*(https?://[^\s<>"\[\]]+)[ \t]*$`)
	// placeholderParagraph is a placeholder left alone in a paragraph
	// (an [embed] a Gutenberg paragraph held): a figure is no paragraph's.
	placeholderParagraph = regexp.MustCompile(`<p>\s*(<figure data-embed="[^>]*><a [^>]*>[^<]*</a></figure>)\s*</p>`)
)

// convertContent turns a post's content into a body the write path takes:
// Gutenberg's block comments removed, classic-editor text given paragraphs
// as WordPress's wpautop does, [caption] made a figure with its caption.
// An address of a provider internal/embed knows, alone on a line or in a
// paragraph, in [embed] or in Gutenberg's embed block, becomes the
// editor's embed placeholder, as WordPress's autoembed would have shown it.
// It returns the names of the other shortcodes, left as text, in order.
func convertContent(s string) (string, []string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	blocks := blockComment.MatchString(s)
	s = blockComment.ReplaceAllString(s, "")
	s = caption.ReplaceAllStringFunc(s, func(m string) string {
		inner := caption.FindStringSubmatch(m)[1]
		parts := captionImage.FindStringSubmatch(inner)
		if parts == nil {
			return m
		}
		text := strings.TrimSpace(parts[2])
		fig := "<figure>" + strings.TrimSpace(parts[1])
		if text != "" {
			fig += "<figcaption>" + text + "</figcaption>"
		}
		return fig + "</figure>"
	})
	s = embeds(s, !blocks)
	if !blocks {
		s = autop(s)
	}
	var names []string
	for _, m := range shortcode.FindAllStringSubmatch(s, -1) {
		names = append(names, strings.ToLower(m[1]))
	}
	return strings.TrimSpace(s), names
}

// autop gives classic-editor text its paragraphs: a blank line ends one,
// a single line break inside one is a <br>. Chunks that already are
// blocks (a figure, a list, a heading) stay as they are.
func autop(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, chunk := range paraBreak.Split(s, -1) {
		chunk = strings.TrimSpace(chunk)
		if chunk == "" {
			continue
		}
		if blockStart.MatchString(chunk) {
			b.WriteString(chunk)
			b.WriteString("\n")
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(chunk, "\n", "<br>\n"))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// embeds replaces the addresses WordPress would have embedded with the
// placeholder embed.Embed.HTML writes; one not recognised stays as it was
// (an [embed] then is listed as a shortcode left). In classic text
// (ownBlock) an address alone on a line gets blank lines around it, so
// autop makes it a block of its own and not part of a paragraph.
func embeds(s string, ownBlock bool) string {
	replace := func(re *regexp.Regexp, s string, wrap bool) string {
		return re.ReplaceAllStringFunc(s, func(m string) string {
			e, ok := embed.Parse(html.UnescapeString(re.FindStringSubmatch(m)[1]))
			if !ok {
				return m
			}
			if wrap {
				return "\n\n" + e.HTML() + "\n\n"
			}
			return e.HTML()
		})
	}
	s = replace(embedShortcode, s, ownBlock)
	s = replace(embedBlock, s, false)
	s = replace(urlParagraph, s, false)
	s = replace(urlLine, s, ownBlock)
	return placeholderParagraph.ReplaceAllString(s, "$1")
}
