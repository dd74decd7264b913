package richtext

import (
	"slices"
	"testing"
)

// The sanitiser keeps an internal link's article id, digits only, so a
// stored link can name nothing but an article.
func TestSanitizeKeepsArticleIDDigitsOnly(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"an id", `<a data-article-id="12" href="/admin/articles/12">x</a>`, `<a data-article-id="12" href="/admin/articles/12" rel="nofollow noreferrer">x</a>`},
		{"not digits", `<a data-article-id="12 onclick" href="/y">x</a>`, `<a href="/y" rel="nofollow noreferrer">x</a>`},
		{"on another element", `<p data-article-id="12">x</p>`, `<p>x</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// Stored, an internal link points at the admin's page of its article
// whatever href the editor sent, so no slug is ever stored.
func TestReferenceArticleLinksStoresNoSlug(t *testing.T) {
	in := `<p>пеш <a data-article-id="7" href="https://news.example.tj/tg/news/kuhna">Кӯҳна</a> <a href="https://example.org/">берун</a></p>`
	want := `<p>пеш <a data-article-id="7" href="/admin/articles/7">Кӯҳна</a> <a href="https://example.org/">берун</a></p>`
	if got := ReferenceArticleLinks(in); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestRenderArticleLinks(t *testing.T) {
	urls := map[uint]string{7: "https://news.example.tj/fa/news/%D8%AE%D8%A8%D8%B1?x=1&y=2"}
	urlOf := func(id uint) string { return urls[id] }
	tests := []struct{ name, in, want string }{
		{"a public article: its site URL, no nofollow",
			`<p>بخوانید <a data-article-id="7" href="/admin/articles/7" rel="nofollow noreferrer">این خبر</a>.</p>`,
			`<p>بخوانید <a data-article-id="7" href="https://news.example.tj/fa/news/%D8%AE%D8%A8%D8%B1?x=1&amp;y=2">این خبر</a>.</p>`},
		{"not public: the text, byte for byte",
			"<p>پیش <a data-article-id=\"8\" href=\"/admin/articles/8\" rel=\"nofollow noreferrer\">می\u200cخوانیم &amp; <strong>\u200fپر</strong></a> پس</p>",
			"<p>پیش می\u200cخوانیم &amp; <strong>\u200fپر</strong> پس</p>"},
		{"other links untouched",
			`<p><a href="https://example.org/" rel="nofollow noreferrer">x</a> <a data-article-id="8" href="/admin/articles/8">y</a> <a href="/z">z</a></p>`,
			`<p><a href="https://example.org/" rel="nofollow noreferrer">x</a> y <a href="/z">z</a></p>`},
		{"no internal link: untouched", `<p>a <b>b</b></p>`, `<p>a <b>b</b></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RenderArticleLinks(tt.in, urlOf); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestArticleLinkIDs(t *testing.T) {
	body := `<p><a data-article-id="9" href="/admin/articles/9">a</a><a data-article-id="3">b</a><a data-article-id="9">c</a><a href="/x">d</a><a data-article-id="0">e</a></p>`
	if got := ArticleLinkIDs(body); !slices.Equal(got, []uint{9, 3}) {
		t.Errorf("ArticleLinkIDs = %v, want [9 3]", got)
	}
	if got := ArticleLinkIDs(`<p>none</p>`); got != nil {
		t.Errorf("ArticleLinkIDs of a body without links = %v", got)
	}
}
