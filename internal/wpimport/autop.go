package wpimport

import (
	"fmt"
	"regexp"
	"strings"
)

// autop is WordPress's wpautop (wp-includes/formatting.php), step for step,
// so classic-editor text reads as it did on the old site: a blank line
// ends a paragraph, a single line break inside one is a <br>, block
// elements (lists, headings, quotes, tables, figures…) are never inside a
// <p> and split the text around them into paragraphs of their own, the
// text inside a <blockquote> or a <div> gets its paragraphs too, and a
// <pre> is left exactly as it was. The steps that need look-behind or
// back references, which Go's regexp lacks, and the busiest patterns are
// written out (lineBreaks, autop_blocks.go). shortcodeUnautop follows it,
// as WordPress runs it after wpautop.
func autop(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	s, pres := holdPres(s + "\n")
	s = paragraphs(blocksApart(s))
	s = tidyParagraphs(s)
	for i, pre := range pres {
		s = strings.Replace(s, preHolder(i), pre, 1)
	}
	s = strings.ReplaceAll(s, " "+autopTagNewline+" ", "\n")
	s = strings.ReplaceAll(s, autopTagNewline, "\n")
	return s
}

// blocksApart puts blank lines around block tags, so each is a paragraph
// of its own to begin with, and keeps the line breaks that are no text
// (inside tags, around <option>, <param>, <source>, <figcaption>) from
// making paragraphs.
func blocksApart(s string) string {
	if strings.Contains(s, "<br") {
		s = autopDoubleBR.ReplaceAllString(s, "\n\n")
	}
	s = replaceEach(s, "<", blockOpenAt)
	s = replaceEach(s, "</", blockCloseAt)
	if strings.Contains(s, "<hr") {
		s = autopHR.ReplaceAllString(s, "$1\n\n")
	}
	s = crlf.Replace(s)
	// A line break inside a tag (between attributes) or a comment is no
	// line of text: it must make neither a paragraph nor a <br>.
	s = replaceEach(s, "<", tagNewlinesAt)
	if strings.Contains(s, "<option") {
		s = autopOptionBefore.ReplaceAllString(s, "<option")
		s = autopOptionAfter.ReplaceAllString(s, "</option>")
	}
	if strings.Contains(s, "</object>") {
		s = autopObjectOpen.ReplaceAllString(s, "$1")
		s = autopObjectClose.ReplaceAllString(s, "</object>")
		s = autopParam.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<source") || strings.Contains(s, "<track") {
		s = autopMediaOpen.ReplaceAllString(s, "$1")
		s = autopMediaClose.ReplaceAllString(s, "$1")
		s = autopSource.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<figcaption") {
		s = autopFigcaptionOpen.ReplaceAllString(s, "$1")
		s = autopFigcaptionClose.ReplaceAllString(s, "</figcaption>")
	}
	return autopManyBreaks.ReplaceAllString(s, "\n\n")
}

// paragraphs wraps each run of text between blank lines in a <p>.
func paragraphs(s string) string {
	var b strings.Builder
	for _, part := range autopSplit.Split(s, -1) {
		if part == "" {
			continue
		}
		b.WriteString("<p>" + strings.Trim(part, "\n") + "</p>\n")
	}
	return b.String()
}

// tidyParagraphs takes the <p> off block tags, puts paragraphs inside
// quotes, and turns the line breaks left into <br />.
func tidyParagraphs(s string) string {
	s = autopEmptyP.ReplaceAllString(s, "")
	s = replaceEach(s, "<p>", closeInDivAt)
	s = replaceEach(s, "<p>", wrappedBlock())
	if strings.Contains(s, "<p><") || strings.Contains(s, "<P><") {
		s = autopWrappedLI.ReplaceAllString(s, "$1")
		s = autopBlockquote.ReplaceAllString(s, "<blockquote$1><p>")
	}
	s = strings.ReplaceAll(s, "</blockquote></p>", "</p></blockquote>")
	s = replaceEach(s, "<p>", pBeforeBlock())
	s = replaceEach(s, "<", blockThen("</p>"))
	s = lineBreaks(s)
	s = replaceEach(s, "<", blockThen("<br />"))
	s = autopBRBeforeBlock.ReplaceAllString(s, "$1")
	return autopLastP.ReplaceAllString(s, "</p>$1")
}

// allBlocks are the elements wpautop never puts inside a paragraph, as a
// pattern and as a list (blocks.go writes the busiest patterns out).
const allBlocks = `(?:` + blockNames + `)`

const blockNames = `table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h1|h2|h3|h4|h5|h6|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary`

// autopTagNewline stands for a line break inside a tag until the end.
const autopTagNewline = "<!-- wpnl -->"

var (
	crlf    = strings.NewReplacer("\r\n", "\n", "\r", "\n")
	brForms = strings.NewReplacer("<br>", "<br />", "<br/>", "<br />")

	autopDoubleBR        = regexp.MustCompile(`<br\s*/?>\s*<br\s*/?>`)
	autopHR              = regexp.MustCompile(`(<hr\s*?/?>)`)
	autopOptionBefore    = regexp.MustCompile(`\s*<option`)
	autopOptionAfter     = regexp.MustCompile(`</option>\s*`)
	autopObjectOpen      = regexp.MustCompile(`(<object[^>]*>)\s*`)
	autopObjectClose     = regexp.MustCompile(`\s*</object>`)
	autopParam           = regexp.MustCompile(`\s*(</?(?:param|embed)[^>]*>)\s*`)
	autopMediaOpen       = regexp.MustCompile(`([<\[](?:audio|video)[^>\]]*[>\]])\s*`)
	autopMediaClose      = regexp.MustCompile(`\s*([<\[]/(?:audio|video)[>\]])`)
	autopSource          = regexp.MustCompile(`\s*(<(?:source|track)[^>]*>)\s*`)
	autopFigcaptionOpen  = regexp.MustCompile(`\s*(<figcaption[^>]*>)`)
	autopFigcaptionClose = regexp.MustCompile(`</figcaption>\s*`)
	autopManyBreaks      = regexp.MustCompile(`\n\n+`)
	autopSplit           = regexp.MustCompile(`\n\s*\n`)
	autopEmptyP          = regexp.MustCompile(`<p>\s*</p>`)
	autopWrappedLI       = regexp.MustCompile(`<p>(<li.+?)</p>`)
	autopBlockquote      = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	autopBRBeforeBlock   = regexp.MustCompile(`<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
	autopPreStart        = regexp.MustCompile(`<pre`)
	// autopKeepNewlines are the elements whose line breaks are code, not
	// text (WordPress's <(script|style|svg).*?</\1>).
	autopKeepNewlines = []*regexp.Regexp{
		regexp.MustCompile(`(?s)<script.*?</script>`),
		regexp.MustCompile(`(?s)<style.*?</style>`),
		regexp.MustCompile(`(?s)<svg.*?</svg>`),
	}
	// autopLastP is PHP's |\n</p>$|, whose $ also matches before a last
	// line break.
	autopLastP = regexp.MustCompile(`\n</p>(\n?)$`)
)

// holdPres takes each <pre>…</pre> out of s, in WordPress's way (split at
// </pre>, a part with no <pre> is kept as it is), leaving a placeholder
// that autop treats as a block and puts back untouched at the end.
func holdPres(s string) (string, []string) {
	if !strings.Contains(s, "<pre") {
		return s, nil
	}
	parts := strings.Split(s, "</pre>")
	last := parts[len(parts)-1]
	var b strings.Builder
	var pres []string
	for _, part := range parts[:len(parts)-1] {
		loc := autopPreStart.FindStringIndex(part)
		if loc == nil {
			b.WriteString(part) // malformed: a </pre> with no <pre>
			continue
		}
		b.WriteString(part[:loc[0]] + preHolder(len(pres)))
		pres = append(pres, part[loc[0]:]+"</pre>")
	}
	b.WriteString(last)
	return b.String(), pres
}

func preHolder(i int) string { return fmt.Sprintf("<pre wp-pre-tag-%d></pre>", i) }

// lineBreaks turns each remaining line break into a <br /> (one already
// after a <br /> stays), except inside <script>, <style> and <svg>.
func lineBreaks(s string) string {
	const keep = "\x00wpnl\x00"
	for _, re := range autopKeepNewlines {
		s = re.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, "\n", keep) })
	}
	s = brForms.Replace(s)
	var b strings.Builder
	pos := 0
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			break
		}
		i += j
		start, end, ok := lineBreakAt(s, i)
		if !ok {
			i++
			continue
		}
		b.WriteString(s[pos:start] + "<br />\n")
		pos, i = end, end
	}
	b.WriteString(s[pos:])
	return strings.ReplaceAll(b.String(), keep, "\n")
}

// shortcodeUnautop takes a shortcode that is alone in its paragraph out of
// the <p> autop put it in, as WordPress's shortcode_unautop does: what it
// stands for (a gallery, a form) is no line of text.
func shortcodeUnautop(s string) string {
	return loneShortcodeParagraph.ReplaceAllStringFunc(s, func(m string) string {
		inner := loneShortcodeParagraph.FindStringSubmatch(m)[1]
		if !isOneShortcode(inner) {
			return m
		}
		return inner
	})
}

var loneShortcodeParagraph = regexp.MustCompile(`(?s)<p>\s*(\[[a-zA-Z][^\]]*\].*?)\s*</p>`)

// isOneShortcode tells whether s is exactly one shortcode: [name …],
// [name …/] or [name …]…[/name].
func isOneShortcode(s string) bool {
	open := shortcode.FindStringSubmatchIndex(s)
	if open == nil || open[0] != 0 {
		return false
	}
	if open[1] == len(s) {
		return true
	}
	name := s[open[2]:open[3]]
	rest := s[open[1]:]
	return strings.HasSuffix(rest, "[/"+name+"]") && !strings.Contains(strings.TrimSuffix(rest, "[/"+name+"]"), "[/"+name+"]")
}
