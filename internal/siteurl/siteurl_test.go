package siteurl

import (
	"strings"
	"testing"
)

func defaults() Patterns {
	return Patterns{Article: DefaultArticlePath, Section: DefaultSectionPath, Tag: DefaultTagPath, Preview: "/{locale}/preview/{id}?token={token}"}
}

// Each placeholder is percent-encoded where it lands: as a path segment
// before "?", as a query value after it. Letters are kept, never
// transliterated or normalised (ZWNJ stays, encoded as %E2%80%8C).
func TestBuilderEncodesEachPlaceholderWhereItLands(t *testing.T) {
	b, err := New("https://news.example.tj/", defaults())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  *string
		want string
	}{
		{"Persian slug with ZWNJ", b.Article("fa", "می\u200cخواهد", 7), "https://news.example.tj/fa/news/%D9%85%DB%8C%E2%80%8C%D8%AE%D9%88%D8%A7%D9%87%D8%AF"},
		{"Tajik slug", b.Article("tg", "ҷаласаи-ҳукумат", 7), "https://news.example.tj/tg/news/%D2%B7%D0%B0%D0%BB%D0%B0%D1%81%D0%B0%D0%B8-%D2%B3%D1%83%D0%BA%D1%83%D0%BC%D0%B0%D1%82"},
		{"Latin slug", b.Article("en", "budget-2027", 7), "https://news.example.tj/en/news/budget-2027"},
		{"space and slash stay inside one segment", b.Section("tg", "a b/c"), "https://news.example.tj/tg/section/a%20b%2Fc"},
		{"tag", b.Tag("fa", "اقتصاد"), "https://news.example.tj/fa/tag/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF"},
		{"token in the query", b.Preview("fa", "", 12, "v1.12.abc+/=&x y"), "https://news.example.tj/fa/preview/12?token=v1.12.abc%2B%2F%3D%26x+y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got == nil || *tt.got != tt.want {
				t.Fatalf("got %v, want %s", deref(tt.got), tt.want)
			}
		})
	}
}

func TestBuilderWithIDPatternAndPathPrefix(t *testing.T) {
	b, err := New("https://example.tj/news", Patterns{Article: "/{locale}/{id}/{slug}", Section: "/s/{section}", Tag: "/t/{tag}"})
	if err != nil {
		t.Fatal(err)
	}
	if got := deref(b.Article("tg", "салом", 42)); got != "https://example.tj/news/tg/42/%D1%81%D0%B0%D0%BB%D0%BE%D0%BC" {
		t.Fatalf("got %s", got)
	}
	if got := b.Preview("tg", "салом", 42, "t"); got != nil {
		t.Fatalf("no preview pattern must give no preview URL, got %s", *got)
	}
}

// Without a site URL the builder is nil and every URL is nil (JSON null).
func TestNilBuilderAnswersNil(t *testing.T) {
	var b *Builder
	if b.Article("tg", "x", 1) != nil || b.Section("tg", "x") != nil || b.Tag("tg", "x") != nil || b.Preview("tg", "x", 1, "t") != nil || b.Base() != "" {
		t.Fatal("a nil builder must answer nil everywhere")
	}
}

func TestNewRefusesBadSettings(t *testing.T) {
	good := defaults()
	tests := []struct {
		name    string
		base    string
		edit    func(*Patterns)
		wantErr string
	}{
		{"relative site URL", "news.example.tj", nil, "not an absolute http(s) URL"},
		{"ftp site URL", "ftp://news.example.tj", nil, "not an absolute http(s) URL"},
		{"site URL with query", "https://news.example.tj/?a=1", nil, "not an absolute http(s) URL"},
		{"unknown placeholder", "https://x.tj", func(p *Patterns) { p.Article = "/{locale}/news/{slgu}" }, "--article-path"},
		{"article without slug or id", "https://x.tj", func(p *Patterns) { p.Article = "/{locale}/news" }, "must contain {slug} or {id}"},
		{"section without section", "https://x.tj", func(p *Patterns) { p.Section = "/{locale}/s" }, "--section-path"},
		{"tag placeholder in section", "https://x.tj", func(p *Patterns) { p.Section = "/{section}/{tag}" }, "may use only"},
		{"unbalanced brace", "https://x.tj", func(p *Patterns) { p.Tag = "/{locale/{tag}" }, "--tag-path"},
		{"closing brace alone", "https://x.tj", func(p *Patterns) { p.Tag = "/locale}/{tag}" }, "without its {"},
		{"no leading slash", "https://x.tj", func(p *Patterns) { p.Tag = "{locale}/{tag}" }, "must start with /"},
		{"preview without token", "https://x.tj", func(p *Patterns) { p.Preview = "/{locale}/preview/{id}" }, "must contain {token}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := good
			if tt.edit != nil {
				tt.edit(&p)
			}
			_, err := New(tt.base, p)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
	if _, err := New("http://localhost:3000", Patterns{Article: DefaultArticlePath, Section: DefaultSectionPath, Tag: DefaultTagPath}); err != nil {
		t.Fatalf("defaults without a preview pattern must be accepted: %v", err)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
