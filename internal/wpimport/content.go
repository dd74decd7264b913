package wpimport

import (
	"regexp"
	"strings"
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
)

// convertContent turns a post's content into a body the write path takes:
// Gutenberg's block comments removed, classic-editor text given paragraphs
// as WordPress's wpautop does, [caption] made a figure with its caption.
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
