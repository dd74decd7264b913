package richtext

import (
	"strings"
	"testing"
)

// TestLostText is the table of bodies a save must refuse (the sanitiser
// would drop text the editor can see) and those it must accept (only markup,
// or text nobody sees, goes).
func TestLostText(t *testing.T) {
	tests := []struct {
		name, in string
		lost     bool
		excerpt  string
	}{
		{"unclosed style inside select loses everything", `<select><style><p>The whole article</p>`, true, "The whole article"},
		{"unclosed style after text loses the rest", "<p>kept</p><style><p>می\u200cرود</p>", true, "می\u200cرود"},
		{"unclosed script hides nothing either", `<p>a</p><script><p>b c</p>`, true, "b c"},
		{"unclosed template hides nothing", `<p>a</p><template><p>Ҷумҳурӣ</p>`, false, ""},
		{"plain markup losing only tags", `<div onclick="x()"><span style="color:red">Hello</span> <select><option>world</option></select></div>`, false, ""},
		{"script text is not visible", `<p>a</p><script>alert("hi")</script><p>b</p>`, false, ""},
		{"closed style text is not visible", `<style>p{color:red}</style><p>ok</p>`, false, ""},
		{"closed template text is not visible", `<template><p>x</p></template><p>ok</p>`, false, ""},
		{"zwnj and bidi marks survive", "<p>می\u200cکنند \u200fو\u200e</p>", false, ""},
		{"whitespace differences do not count", "<p>a\n\n   b</p>", false, ""},
		{"entities are text", `<p>&lt;b&gt; &amp; ok</p>`, false, ""},
		{"empty body", ``, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LostText(tt.in, Sanitize(tt.in))
			if (got != "") != tt.lost {
				t.Fatalf("LostText(%q) = %q (sanitised %q), want lost=%v", tt.in, got, Sanitize(tt.in), tt.lost)
			}
			if tt.excerpt != "" && got != tt.excerpt {
				t.Errorf("excerpt = %q, want %q", got, tt.excerpt)
			}
		})
	}
}

// BenchmarkSanitizeAndCheck measures what a save of the largest accepted
// body costs: sanitising it and comparing the visible text before and after.
func BenchmarkSanitizeAndCheck(b *testing.B) {
	para := "<p dir=\"auto\">همکاری\u200cهای تازهٔ <b>Тоҷикистон</b> ва Эрон дар соҳаи фарҳанг.</p>\n"
	body := strings.Repeat(para, (1<<20)/len(para))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if lost := LostText(body, Sanitize(body)); lost != "" {
			b.Fatal(lost)
		}
	}
}
