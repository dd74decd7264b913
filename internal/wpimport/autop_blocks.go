package wpimport

import "strings"

// WordPress's patterns around block tags, (</?allBlocks[^>]*>)\s*</p> and
// the like, are the busiest of wpautop, and Go's regexp tries such an
// alternation of 45 names at every "<" of the text: on a body of a few
// kilobytes they cost milliseconds, for 100,000 posts minutes. Written out
// here, each finds exactly the matches of its pattern, which stays in
// the comment (and in autop_blocks_test.go, which checks the two agree).

// blocksByFirst lists the block names by their first letter.
var blocksByFirst = func() map[byte][]string {
	m := map[byte][]string{}
	for _, name := range strings.Split(blockNames, "|") {
		m[name[0]] = append(m[name[0]], name)
	}
	return m
}()

// replaceEach is ReplaceAllString for a pattern whose matches all start
// with lead: at each lead, left to right and never inside a match made,
// at says whether a match starts there, where it ends and what it becomes.
func replaceEach(s, lead string, at func(s string, i int) (end int, with string, ok bool)) string {
	var b strings.Builder
	pos := 0
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], lead)
		if j < 0 {
			break
		}
		i += j
		end, with, ok := at(s, i)
		if !ok {
			i++
			continue
		}
		if pos == 0 {
			b.Grow(len(s) + 64)
		}
		b.WriteString(s[pos:i])
		b.WriteString(with)
		pos, i = end, max(end, i+1)
	}
	if pos == 0 {
		return s
	}
	b.WriteString(s[pos:])
	return b.String()
}

// tagEnds finds the ">" that ends the tags of one text. The ">" found is
// kept for the tags before it: replaceEach asks left to right, and a text
// of many block names and no ">" (<p<p<p…, a crafted or broken post)
// would otherwise be read to its end at each "<", in time growing with
// the square of its length (the pattern in Go's regexp takes linear time).
type tagEnds struct {
	s string
	// from and gt: the first ">" at or after from is at gt, -1 for none.
	from, gt int
}

// after is the index of the first ">" at or after i in s, -1 for none.
func (e *tagEnds) after(s string, i int) int {
	// Comparing s with the text before costs nothing while it is the same
	// string, which it is through one replaceEach.
	if s != e.s || i < e.from || (e.gt >= 0 && i > e.gt) {
		e.s, e.from, e.gt = s, i, strings.IndexByte(s[i:], '>')
		if e.gt >= 0 {
			e.gt += i
		}
	}
	return e.gt
}

// blockTagAt matches </?allBlocks[^>]*> at i: an opening or closing tag
// whose name starts with a block's (WordPress's pattern does not end the
// name: <pre> and <param> match "p" as well), up to the first ">".
func (e *tagEnds) blockTagAt(s string, i int) (int, bool) {
	if !strings.HasPrefix(s[i:], "<") {
		return 0, false
	}
	rest := strings.TrimPrefix(s[i+1:], "/")
	if !startsWithBlock(rest, func(string) bool { return true }) {
		return 0, false
	}
	gt := e.after(s, len(s)-len(rest))
	if gt < 0 {
		return 0, false
	}
	return gt + 1, true
}

// startsWithBlock says whether s starts with a block's name that next
// accepts what follows it.
func startsWithBlock(s string, next func(after string) bool) bool {
	if s == "" {
		return false
	}
	for _, name := range blocksByFirst[s[0]] {
		if strings.HasPrefix(s, name) && next(s[len(name):]) {
			return true
		}
	}
	return false
}

// blockOpenAt is (<allBlocks[\s/>]) → "\n\n$1".
func blockOpenAt(s string, i int) (int, string, bool) {
	if strings.HasPrefix(s[i:], "</") {
		return 0, "", false
	}
	name := ""
	ok := startsWithBlock(s[i+1:], func(after string) bool {
		if after == "" || !strings.ContainsRune(" \t\n\f\r/>", rune(after[0])) {
			return false
		}
		name = s[i+1 : len(s)-len(after)]
		return true
	})
	if !ok {
		return 0, "", false
	}
	end := i + 1 + len(name) + 1
	return end, "\n\n" + s[i:end], true
}

// blockCloseAt is (</allBlocks>) → "$1\n\n".
func blockCloseAt(s string, i int) (int, string, bool) {
	name := ""
	ok := startsWithBlock(s[i+2:], func(after string) bool {
		if !strings.HasPrefix(after, ">") {
			return false
		}
		name = s[i+2 : len(s)-len(after)]
		return true
	})
	if !ok {
		return 0, "", false
	}
	end := i + 2 + len(name) + 1
	return end, s[i:end] + "\n\n", true
}

// skipSpace is the end of the \s* run at i.
func skipSpace(s string, i int) int {
	for i < len(s) && strings.IndexByte(" \t\n\f\r", s[i]) >= 0 {
		i++
	}
	return i
}

// blockThen is (</?allBlocks[^>]*>)\s*NEXT → "$1".
func blockThen(next string) func(string, int) (int, string, bool) {
	var ends tagEnds
	return func(s string, i int) (int, string, bool) {
		end, ok := ends.blockTagAt(s, i)
		if !ok {
			return 0, "", false
		}
		k := skipSpace(s, end)
		if !strings.HasPrefix(s[k:], next) {
			return 0, "", false
		}
		return k + len(next), s[i:end], true
	}
}

// pBeforeBlock is <p>\s*(</?allBlocks[^>]*>) → "$1".
func pBeforeBlock() func(string, int) (int, string, bool) {
	var ends tagEnds
	return func(s string, i int) (int, string, bool) {
		k := skipSpace(s, i+len("<p>"))
		end, ok := ends.blockTagAt(s, k)
		if !ok {
			return 0, "", false
		}
		return end, s[k:end], true
	}
}

// wrappedBlock is <p>\s*(</?allBlocks[^>]*>)\s*</p> → "$1".
func wrappedBlock() func(string, int) (int, string, bool) {
	var ends tagEnds
	return func(s string, i int) (int, string, bool) {
		k := skipSpace(s, i+len("<p>"))
		end, ok := ends.blockTagAt(s, k)
		if !ok {
			return 0, "", false
		}
		after := skipSpace(s, end)
		if !strings.HasPrefix(s[after:], "</p>") {
			return 0, "", false
		}
		return after + len("</p>"), s[k:end], true
	}
}

// tagNewlinesAt is WordPress's wp_replace_in_html_tags(…, "\n" → " <!--
// wpnl --> "): a comment, a CDATA section or a tag up to its first ">" (or
// the end of the text), as get_html_split_regex finds them, with its line
// breaks replaced. It always matches, so the search goes on after the tag.
func tagNewlinesAt(s string, i int) (int, string, bool) {
	end := len(s)
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		if k := strings.Index(rest[4:], "-->"); k >= 0 {
			end = i + 4 + k + 3
		}
	case strings.HasPrefix(rest, "<![CDATA["):
		if k := strings.Index(rest[9:], "]]>"); k >= 0 {
			end = i + 9 + k + 3
		}
	default:
		if k := strings.IndexByte(rest, '>'); k >= 0 {
			end = i + k + 1
		}
	}
	return end, strings.ReplaceAll(s[i:end], "\n", " "+autopTagNewline+" "), true
}

// closeInDivAt is <p>([^<]+)</(div|address|form)> → "<p>$1</p></$2>".
func closeInDivAt(s string, i int) (int, string, bool) {
	text := i + len("<p>")
	k := strings.IndexByte(s[text:], '<')
	if k <= 0 {
		return 0, "", false
	}
	k += text
	for _, closing := range []string{"</div>", "</address>", "</form>"} {
		if strings.HasPrefix(s[k:], closing) {
			return k + len(closing), s[i:k] + "</p>" + closing, true
		}
	}
	return 0, "", false
}

// lineBreakAt finds WordPress's (?<!<br />)\s*\n around the "\n" at i:
// a match runs from the start of the spaces before it to the last line
// break of the spaces after it. One that would start right after a
// <br /> starts a byte later, as PCRE retries, if a line break is left.
// Called left to right, a match never starts inside the one before: the
// spaces before a line break not yet matched follow a byte that is no
// space.
func lineBreakAt(s string, i int) (start, end int, ok bool) {
	start = i
	for start > 0 && isSpaceByte(s[start-1]) {
		start--
	}
	last := i
	for k := i; k < len(s) && isSpaceByte(s[k]); k++ {
		if s[k] == '\n' {
			last = k
		}
	}
	if strings.HasSuffix(s[:start], "<br />") {
		start++
		if start > last {
			return 0, 0, false
		}
	}
	return start, last + 1, true
}

func isSpaceByte(c byte) bool { return strings.IndexByte(" \t\n\f\r", c) >= 0 }
