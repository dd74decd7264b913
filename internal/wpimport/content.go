package wpimport

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/payvand/payvand/internal/embed"
	"github.com/payvand/payvand/internal/richtext"
	"github.com/payvand/payvand/models"
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
	// htmlComment is any comment: <!--more-->, <!--nextpage-->, notes.
	// The sanitiser would drop them anyway; taken out before wpautop, a
	// comment on a line of its own leaves no empty paragraph behind.
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)

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
// gallery, when not nil, is what a [gallery] with those attributes
// becomes; ok false leaves it as text. It returns the names of the other
// shortcodes, left as text, in order. The <!--more--> mark and other
// comments go: a body has no teaser break.
func convertContent(s string, gallery func(attrs string) (string, bool)) (string, []string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	blocks := blockComment.MatchString(s)
	s = htmlComment.ReplaceAllString(s, "")
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
	s = flattenGalleryBlocks(s)
	s = embeds(s, !blocks)
	if gallery != nil {
		s = galleryShortcode.ReplaceAllStringFunc(s, func(m string) string {
			figures, ok := gallery(galleryShortcode.FindStringSubmatch(m)[1])
			if !ok {
				return m
			}
			if !blocks {
				return "\n\n" + figures + "\n\n" // blocks of their own, as an embed
			}
			return figures
		})
	}
	if !blocks {
		s = shortcodeUnautop(autop(s))
	}
	var names []string
	for _, m := range shortcode.FindAllStringSubmatch(s, -1) {
		names = append(names, strings.ToLower(m[1]))
	}
	return strings.TrimSpace(s), names
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

var (
	moreMark = regexp.MustCompile(`<!--more(?:\s[^>]*)?-->`)
	// textSpaces are the line breaks and spaces markup leaves between
	// paragraphs; a no-break space is text and stays.
	textSpaces = regexp.MustCompile(`[ \t\r\n]+`)
)

// teaser is the text before a post's <!--more-->, which WordPress's
// lists showed for a post without an excerpt: the summary it stood for.
// Empty when there is no mark, or when the text is longer than a summary
// may be (a teaser cut in the middle would say less than none).
func teaser(content string) string {
	loc := moreMark.FindStringIndex(content)
	if loc == nil {
		return ""
	}
	text := richtext.PlainText(htmlComment.ReplaceAllString(content[:loc[0]], " "))
	text = strings.TrimSpace(textSpaces.ReplaceAllString(text, " "))
	if utf8.RuneCountInString(text) > models.SummaryMaxRunes {
		return ""
	}
	return text
}
