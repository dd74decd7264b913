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
// <pre> is left exactly as it was. Go's regexp has no look-behind or back
// references; the two steps that need them are written out below.
// shortcodeUnautop follows it, as WordPress runs it after wpautop.
func autop(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	s += "\n"
	s, pres := holdPres(s)
	s = autopDoubleBR.ReplaceAllString(s, "\n\n")
	s = autopBlockOpen.ReplaceAllString(s, "\n\n$1")
	s = autopBlockClose.ReplaceAllString(s, "$1\n\n")
	s = autopHR.ReplaceAllString(s, "$1\n\n")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	// A line break inside a tag (between attributes) or a comment is no
	// line of text: it must make neither a paragraph nor a <br>.
	s = autopTag.ReplaceAllStringFunc(s, func(tag string) string {
		return strings.ReplaceAll(tag, "\n", " "+autopTagNewline+" ")
	})
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
	s = autopManyBreaks.ReplaceAllString(s, "\n\n")
	var b strings.Builder
	for _, part := range autopSplit.Split(s, -1) {
		if part == "" {
			continue
		}
		b.WriteString("<p>" + strings.Trim(part, "\n") + "</p>\n")
	}
	s = b.String()
	s = autopEmptyP.ReplaceAllString(s, "")
	s = autopCloseInDiv.ReplaceAllString(s, "<p>$1</p></$2>")
	s = autopWrappedBlock.ReplaceAllString(s, "$1")
	s = autopWrappedLI.ReplaceAllString(s, "$1")
	s = autopBlockquote.ReplaceAllString(s, "<blockquote$1><p>")
	s = strings.ReplaceAll(s, "</blockquote></p>", "</p></blockquote>")
	s = autopPBeforeBlock.ReplaceAllString(s, "$1")
	s = autopPAfterBlock.ReplaceAllString(s, "$1")
	s = lineBreaks(s)
	s = autopBRAfterBlock.ReplaceAllString(s, "$1")
	s = autopBRBeforeBlock.ReplaceAllString(s, "$1")
	s = autopLastP.ReplaceAllString(s, "</p>$1")
	for i, pre := range pres {
		s = strings.Replace(s, preHolder(i), pre, 1)
	}
	s = strings.ReplaceAll(s, " "+autopTagNewline+" ", "\n")
	s = strings.ReplaceAll(s, autopTagNewline, "\n")
	return s
}

// allBlocks are the elements wpautop never puts inside a paragraph.
const allBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

// autopTagNewline stands for a line break inside a tag until the end.
const autopTagNewline = "<!-- wpnl -->"

var (
	autopDoubleBR   = regexp.MustCompile(`<br\s*/?>\s*<br\s*/?>`)
	autopBlockOpen  = regexp.MustCompile(`(<` + allBlocks + `[\s/>])`)
	autopBlockClose = regexp.MustCompile(`(</` + allBlocks + `>)`)
	autopHR         = regexp.MustCompile(`(<hr\s*?/?>)`)
	// autopTag is an HTML element or comment, as WordPress's
	// get_html_split_regex finds them.
	autopTag             = regexp.MustCompile(`(?s)<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:]]>|$)|<[^>]*>?`)
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
	autopCloseInDiv      = regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`)
	autopWrappedBlock    = regexp.MustCompile(`<p>\s*(</?` + allBlocks + `[^>]*>)\s*</p>`)
	autopWrappedLI       = regexp.MustCompile(`<p>(<li.+?)</p>`)
	autopBlockquote      = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	autopPBeforeBlock    = regexp.MustCompile(`<p>\s*(</?` + allBlocks + `[^>]*>)`)
	autopPAfterBlock     = regexp.MustCompile(`(</?` + allBlocks + `[^>]*>)\s*</p>`)
	autopBRAfterBlock    = regexp.MustCompile(`(</?` + allBlocks + `[^>]*>)\s*<br />`)
	autopBRBeforeBlock   = regexp.MustCompile(`<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
	autopPreStart        = regexp.MustCompile(`<pre`)
	// autopKeepNewlines are the elements whose line breaks are code, not
	// text (WordPress's <(script|style|svg).*?</\1>).
	autopKeepNewlines = []*regexp.Regexp{
		regexp.MustCompile(`(?s)<script.*?</script>`),
		regexp.MustCompile(`(?s)<style.*?</style>`),
		regexp.MustCompile(`(?s)<svg.*?</svg>`),
	}
	autopLineBreak = regexp.MustCompile(`\s*\n`)
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
// WordPress's pattern is (?<!<br />)\s*\n: a match may not start right
// after a <br />, so the search moves on one byte, as PCRE's does.
func lineBreaks(s string) string {
	const keep = "\x00wpnl\x00"
	for _, re := range autopKeepNewlines {
		s = re.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, "\n", keep) })
	}
	s = strings.NewReplacer("<br>", "<br />", "<br/>", "<br />").Replace(s)
	var b strings.Builder
	pos := 0
	for from := 0; from < len(s); {
		loc := autopLineBreak.FindStringIndex(s[from:])
		if loc == nil {
			break
		}
		start, end := from+loc[0], from+loc[1]
		if strings.HasSuffix(s[:start], "<br />") {
			from = start + 1
			continue
		}
		b.WriteString(s[pos:start] + "<br />\n")
		pos, from = end, end
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
