package wpimport

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// blockPatterns are WordPress's patterns that autop_blocks.go writes out,
// with what each match becomes, beside the written-out version.
var blockPatterns = []struct {
	name, lead string
	re         *regexp.Regexp
	repl       string
	at         func(string, int) (int, string, bool)
}{
	{"open", "<", regexp.MustCompile(`(<` + allBlocks + `[\s/>])`), "\n\n$1", blockOpenAt},
	{"close", "</", regexp.MustCompile(`(</` + allBlocks + `>)`), "$1\n\n", blockCloseAt},
	{"wrapped", "<p>", regexp.MustCompile(`<p>\s*(</?` + allBlocks + `[^>]*>)\s*</p>`), "$1", wrappedBlock()},
	{"p before", "<p>", regexp.MustCompile(`<p>\s*(</?` + allBlocks + `[^>]*>)`), "$1", pBeforeBlock()},
	{"p after", "<", regexp.MustCompile(`(</?` + allBlocks + `[^>]*>)\s*</p>`), "$1", blockThen("</p>")},
	{"br after", "<", regexp.MustCompile(`(</?` + allBlocks + `[^>]*>)\s*<br />`), "$1", blockThen("<br />")},
	{"close in div", "<p>", regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`), "<p>$1</p></$2>", closeInDivAt},
}

// htmlSplit is WordPress's get_html_split_regex, for tagNewlinesAt.
var htmlSplit = regexp.MustCompile(`(?s)<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:]]>|$)|<[^>]*>?`)

// lineBreaksRef is (?<!<br />)\s*\n → "<br />\n" with PCRE's retry a
// byte later where the look-behind fails.
func lineBreaksRef(s string) string {
	re := regexp.MustCompile(`\s*\n`)
	var b strings.Builder
	pos := 0
	for from := 0; from < len(s); {
		loc := re.FindStringIndex(s[from:])
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
	return b.String()
}

// checkWrittenOut compares each written-out pattern with WordPress's.
func checkWrittenOut(t *testing.T, s string) {
	t.Helper()
	for _, p := range blockPatterns {
		if got, want := replaceEach(s, p.lead, p.at), p.re.ReplaceAllString(s, p.repl); got != want {
			t.Errorf("%s on %q:\n got  %q\nwant %q", p.name, s, got, want)
		}
	}
	want := htmlSplit.ReplaceAllStringFunc(s, func(tag string) string { return strings.ReplaceAll(tag, "\n", " "+autopTagNewline+" ") })
	if got := replaceEach(s, "<", tagNewlinesAt); got != want {
		t.Errorf("tag newlines on %q:\n got  %q\nwant %q", s, got, want)
	}
	if !strings.Contains(s, "<script") && !strings.Contains(s, "<style") && !strings.Contains(s, "<svg") && !strings.Contains(s, "<br>") && !strings.Contains(s, "<br/>") && !strings.Contains(s, "\x00") {
		if got, want := lineBreaks(s), lineBreaksRef(s); got != want {
			t.Errorf("line breaks on %q:\n got  %q\nwant %q", s, got, want)
		}
	}
}

var blockSamples = []string{
	"<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n<p>c<br />\nd</p>",
	"<p> <div class=\"x\"> </p><p></div></p><p>\n<h2>t</h2>\n</p>",
	"<pre>x</pre><param name=a><colgroup><col><thead><track src=x></p>",
	"<x<p> <br /></p></p></p><p><p><p></p></p>",
	"</table\n> </p><table/><table\t><tablex><hr/><br /><h7>",
	"<blockquote><p>متن\u200cها</p></blockquote><br />  <br />",
	"<div", "<p>", "</", "<", "", "<p>\n", "<li>a<br /></li><br />",
	"<p>text</div><p></div><p>x</address><p>y</form><p>z</span>",
	"<a\nhref=x>t</a><!-- a\n<b> -->\n<![CDATA[\n]]><x\n",
	"a<br />\nb<br /> \n c \n\n \n d\n<br />\n\n\ne\t\n",
}

func TestBlockPatternsWrittenOut(t *testing.T) {
	for _, s := range blockSamples {
		checkWrittenOut(t, s)
	}
}

func FuzzBlockPatternsWrittenOut(f *testing.F) {
	for _, s := range blockSamples {
		f.Add(s)
	}
	f.Fuzz(checkWrittenOut)
}

// tagEnds answers as strings.IndexByte would, whatever order it is asked
// in and whichever text: what it keeps only spares reading again.
func TestTagEndsAnswerAsASearchWould(t *testing.T) {
	texts := []string{"<p<p<p>x<div<div", "<p>>", "", "no tag", "<p<p<p>x<div<dix"}
	var ends tagEnds
	for _, s := range texts {
		for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {16, 9, 3, 0, 7, 6, 12}} {
			for _, i := range order {
				if i > len(s) {
					continue
				}
				want := strings.IndexByte(s[i:], '>')
				if want >= 0 {
					want += i
				}
				if got := ends.after(s, i); got != want {
					t.Errorf("after(%q, %d) = %d, want %d", s, i, got, want)
				}
			}
		}
	}
}

// BenchmarkAutopOpenTags is a post of block names with no ">" (<p<p<p…):
// each "<" once read to the end of the text, the time grew with the
// square of the length. docs/BENCHMARKS.md has the numbers.
func BenchmarkAutopOpenTags(b *testing.B) {
	for _, kb := range []int{64, 256, 1024} {
		body := strings.Repeat("<p", kb<<9)
		b.Run(strconv.Itoa(kb)+"KB", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				convertContent(body, nil)
			}
		})
	}
}
