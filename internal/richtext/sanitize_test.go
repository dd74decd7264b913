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
