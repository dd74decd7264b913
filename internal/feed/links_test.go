package feed

import "testing"

// Site-relative links become absolute on the site URL; absolute,
// protocol-relative, fragment and text-only occurrences stay as they are.
func TestAbsoluteLinksResolvesSitePathsOnly(t *testing.T) {
	const site = "https://news.example.tj"
	tests := []struct{ name, in, want string }{
		{"site link", `<a href="/fa/news/%D9%87">x</a>`, `<a href="https://news.example.tj/fa/news/%D9%87">x</a>`},
		{"root", `<a href="/">x</a>`, `<a href="https://news.example.tj/">x</a>`},
		{"image on the site", `<img src="/static/a.png">`, `<img src="https://news.example.tj/static/a.png">`},
		{"absolute", `<a href="https://other.example/a">x</a>`, `<a href="https://other.example/a">x</a>`},
		{"media made absolute before", `<img src="https://cms.example.tj/media/a.jpg">`, `<img src="https://cms.example.tj/media/a.jpg">`},
		{"protocol-relative", `<a href="//cdn.example/a">x</a>`, `<a href="//cdn.example/a">x</a>`},
		{"fragment", `<a href="#top">x</a>`, `<a href="#top">x</a>`},
		{"text that looks like one", `<p>href=&#34;/x&#34;</p>`, `<p>href=&#34;/x&#34;</p>`},
		{"data attribute", `<img data-src="/x">`, `<img data-src="/x">`},
		{"two links, ZWNJ around", "<p>می\u200cکنند <a href=\"/a\">1</a> و <a href=\"/b\">2</a></p>", "<p>می\u200cکنند <a href=\"https://news.example.tj/a\">1</a> و <a href=\"https://news.example.tj/b\">2</a></p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AbsoluteLinks(tt.in, site); got != tt.want {
				t.Errorf("AbsoluteLinks(%s) =\n %s\nwant\n %s", tt.in, got, tt.want)
			}
		})
	}
}
