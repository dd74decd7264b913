package richtext

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"keeps zwnj and bidi marks", "<p>می\u200cکنند \u200fو\u200e ok</p>", "<p>می\u200cکنند \u200fو\u200e ok</p>"},
		{"keeps tajik letters", "<p>Ҷумҳурии ғ ӣ қ ӯ ҳ ҷ</p>", "<p>Ҷумҳурии ғ ӣ қ ӯ ҳ ҷ</p>"},
		{"keeps dir auto", `<p dir="auto">سلام</p>`, `<p dir="auto">سلام</p>`},
		{"keeps dir ltr and lang", `<p dir="ltr" lang="en">Hello</p>`, `<p dir="ltr" lang="en">Hello</p>`},
		{"drops bad dir", `<p dir="sideways">x</p>`, `<p>x</p>`},
		{"drops script", `<p>a</p><script>alert(1)</script>`, `<p>a</p>`},
		{"drops event handlers", `<img src="/media/ab/x.jpg" onerror="alert(1)">`, `<img src="/media/ab/x.jpg">`},
		{"drops javascript urls", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"keeps alt text as typed", "<img src=\"/media/ab/x.jpg\" alt=\"کوه\u200cها: «پامیر» &amp; Ӯ\">", "<img src=\"/media/ab/x.jpg\" alt=\"کوه\u200cها: «پامیر» &amp; Ӯ\">"},
		{"keeps figure", `<figure><img src="/media/ab/x.jpg" alt="y"><figcaption>z</figcaption></figure>`, `<figure><img src="/media/ab/x.jpg" alt="y"><figcaption>z</figcaption></figure>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeLinksGetNoReferrer(t *testing.T) {
	got := Sanitize(`<a href="https://example.org/">x</a>`)
	if !strings.Contains(got, "noreferrer") {
		t.Errorf("link lost its noreferrer: %s", got)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>می\u200cکنند &amp; Ҷ</p>", "می\u200cکنند & Ҷ"},
		{"<p><br></p>", ""},
		{`<img src="/media/ab/x.jpg">`, ""},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSanitizeEmbedsAndTables(t *testing.T) {
	const yt = `<figure data-embed="youtube" data-id="dQw4w9WgXcQ" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s">` +
		`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s" rel="nofollow noreferrer">https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s</a></figure>`
	const ytCanonical = `<figure data-embed="youtube" data-id="dQw4w9WgXcQ" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ">` +
		`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="nofollow noreferrer">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></figure>`
	tests := []struct{ name, in, want string }{
		{"keeps the editor's placeholder", `<p>a</p><figure data-embed="youtube" data-id="dQw4w9WgXcQ" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s">https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s</a></figure>`, `<p>a</p>` + yt},
		{"stored placeholder stays byte-exact", yt, yt},
		{"iframe of an allowed provider becomes the placeholder", `<p>a</p><iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=x" title="YouTube video player" frameborder="0" allowfullscreen></iframe><p>b</p>`, `<p>a</p>` + ytCanonical + `<p>b</p>`},
		{"iframe in upper case too", `<IFRAME SRC="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></IFRAME>`, ytCanonical},
		{"unknown iframe dropped", `<p>a</p><iframe src="https://evil.example/x"></iframe><p>b</p>`, `<p>a</p><p>b</p>`},
		{"self-closed iframe dropped", `<p>a</p><iframe src="https://evil.example/x"/><p>b</p>`, `<p>a</p><p>b</p>`},
		{"forged placeholder rewritten from its url", `<figure data-embed="vimeo" data-id="1" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" onclick="x()"><a href="https://evil.example/">click</a><img src="x"></figure>`, ytCanonical},
		{"placeholder of another host loses its data", `<figure data-embed="youtube" data-id="x" data-url="https://evil.example/v"><a href="https://evil.example/v">https://evil.example/v</a></figure>`, `<figure><a href="https://evil.example/v" rel="nofollow noreferrer">https://evil.example/v</a></figure>`},
		{"unknown providers' links stay links", `<p><a href="https://example.org/v">https://example.org/v</a></p>`, `<p><a href="https://example.org/v" rel="nofollow noreferrer">https://example.org/v</a></p>`},
		{"keeps a table with header, spans and zwnj", "<table><tbody><tr><th><p dir=\"auto\">سال\u200cها</p></th><th colspan=\"2\"><p>B</p></th></tr><tr><td rowspan=\"2\"><p>1</p></td><td><p>2</p></td><td><p>3</p></td></tr></tbody></table>", "<table><tbody><tr><th><p dir=\"auto\">سال\u200cها</p></th><th colspan=\"2\"><p>B</p></th></tr><tr><td rowspan=\"2\"><p>1</p></td><td><p>2</p></td><td><p>3</p></td></tr></tbody></table>"},
		{"keeps thead", `<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>`, `<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>`},
		{"drops table styles and classes", `<table style="min-width: 75px" class="x"><colgroup><col style="min-width: 25px"></colgroup><tbody><tr><td style="text-align: right" class="MsoNormal"><p style="color:red">a</p></td></tr></tbody></table>`, `<table><colgroup><col></colgroup><tbody><tr><td><p>a</p></td></tr></tbody></table>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}
