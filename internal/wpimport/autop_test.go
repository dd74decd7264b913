package wpimport

import (
	"strings"
	"testing"
)

// The expected outputs are WordPress's: checked against its wpautop (the
// JavaScript port @wordpress/autop gives the same for each of these).
func TestAutop(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"single line breaks become <br />, blank lines paragraphs",
			"a\nb\n\n\n\nc", "<p>a<br />\nb</p>\n<p>c</p>\n"},
		{"a line of spaces is a blank line", "a\n \nb", "<p>a</p>\n<p>b</p>\n"},
		{"trailing spaces before a break go", "Line one  \nline two", "<p>Line one<br />\nline two</p>\n"},
		{"text is byte-exact: ZWNJ and Tajik letters",
			"می\u200cخواهم\nسطر دوم ғ ӣ қ ӯ ҳ ҷ", "<p>می\u200cخواهم<br />\nسطر دوم ғ ӣ қ ӯ ҳ ҷ</p>\n"},
		{"a list splits the text around it, without a blank line",
			"Intro\n<ul>\n<li>a</li>\n</ul>\nOutro", "<p>Intro</p>\n<ul>\n<li>a</li>\n</ul>\n<p>Outro</p>\n"},
		{"a line break inside a list item", "<ol>\n<li>one\ncont</li>\n</ol>", "<ol>\n<li>one<br />\ncont</li>\n</ol>\n"},
		{"a quote's text gets its paragraphs inside it",
			"<blockquote>Quote line\nsecond\n\nnext para</blockquote>", "<blockquote><p>Quote line<br />\nsecond</p>\n<p>next para</p></blockquote>\n"},
		{"a quote already in paragraphs", "<blockquote>\n<p>para</p>\n</blockquote>", "<blockquote>\n<p>para</p>\n</blockquote>\n"},
		{"a heading is no paragraph", "<h2>Title</h2>\nText under", "<h2>Title</h2>\n<p>Text under</p>\n"},
		{"headings between paragraphs", "one\n\n<h3>Head</h3>\n\ntwo\nthree\n", "<p>one</p>\n<h3>Head</h3>\n<p>two<br />\nthree</p>\n"},
		{"a table stays a table", "<table>\n<tr>\n<td>a</td>\n</tr>\n</table>", "<table>\n<tr>\n<td>a</td>\n</tr>\n</table>\n"},
		{"pre content untouched",
			"Before\n<pre>code\n\n  indented\nline</pre>\nAfter", "<p>Before</p>\n<pre>code\n\n  indented\nline</pre>\n<p>After</p>\n"},
		{"two pres", "<pre class=\"x\">a\n\nb</pre>\n<pre>c</pre>", "<pre class=\"x\">a\n\nb</pre>\n<pre>c</pre>\n"},
		{"a div's text gets line breaks", "<div>text\nmore</div>", "<div>text<br />\nmore</div>\n"},
		{"nested divs", "<div>\n<div>nested\ntext</div>\n</div>", "<div>\n<div>nested<br />\ntext</div>\n</div>\n"},
		{"a line break inside a tag is no line", "<img src=\"x.jpg\"\nalt=\"y\"> text", "<p><img src=\"x.jpg\"\nalt=\"y\"> text</p>\n"},
		{"a block tag over two lines", "<div class=\"x\"\n id=\"y\">inside</div>", "<div class=\"x\"\n id=\"y\">inside</div>\n"},
		{"two <br> make a new paragraph", "text<br>\n<br>\nnew para", "<p>text</p>\n<p>new para</p>\n"},
		{"a <br /> already there is not doubled", "x<br />\ny", "<p>x<br />\ny</p>\n"},
		{"inline markup across lines", "x <strong>bold\ntext</strong> y", "<p>x <strong>bold<br />\ntext</strong> y</p>\n"},
		{"paragraphs already written", "<p>one\ntwo</p>\n\n<p>three</p>", "<p>one<br />\ntwo</p>\n<p>three</p>\n"},
		{"a figure and its caption", "<figure><img src=\"a.jpg\">\n<figcaption>cap</figcaption>\n</figure>\nafter",
			"<figure><img src=\"a.jpg\"><figcaption>cap</figcaption></figure>\n<p>after</p>\n"},
		{"options are not broken", "<select><option>1</option>\n<option>2</option></select>", "<p><select><option>1</option><option>2</option></select></p>\n"},
		{"a horizontal rule", "<hr>\ntext", "<hr>\n<p>text</p>\n"},
		{"empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := autop(tt.in); got != tt.want {
				t.Errorf("autop(%q)\n got  %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestShortcodeUnautop(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>[gallery ids=\"1,2\"]</p>\n<p>Text</p>\n", "[gallery ids=\"1,2\"]\n<p>Text</p>\n"},
		{"<p>[audio src=\"a.mp3\" /]</p>", "[audio src=\"a.mp3\" /]"},
		{"<p>[box]inside[/box]</p>", "[box]inside[/box]"},
		// Text around it, or two shortcodes: a paragraph of text.
		{"<p>See [gallery] here</p>", "<p>See [gallery] here</p>"},
		{"<p>[a] and [b]</p>", "<p>[a] and [b]</p>"},
		{"<p>[box]one[/box][box]two[/box]</p>", "<p>[box]one[/box][box]two[/box]</p>"},
		{"<p>[1]</p>", "<p>[1]</p>"},
	}
	for _, tt := range tests {
		if got := shortcodeUnautop(tt.in); got != tt.want {
			t.Errorf("shortcodeUnautop(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// BenchmarkConvertClassic is one classic post of about 5.5 KB (30
// paragraphs of Persian with links and line breaks, a list, a quote)
// through convertContent: the text pass pays it for every post.
func BenchmarkConvertClassic(b *testing.B) {
	para := "این یک پاراگراف نمونه است که می\u200cخواهد طولانی باشد و <a href=\"https://x.example/\">پیوند</a> دارد.\nخط دوم همان پاراگراف.\n\n"
	body := strings.Repeat(para, 20) + "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n\n<blockquote>quote\n\nmore</blockquote>\n" + strings.Repeat(para, 10)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		convertContent(body, nil)
	}
}
