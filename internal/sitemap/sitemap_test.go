package sitemap

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

// Text is escaped for XML and kept as typed: ZWNJ and Tajik letters stay,
// markup characters are escaped, and a control character XML cannot
// carry becomes U+FFFD instead of breaking the document.
func TestTextIsEscapedAndKept(t *testing.T) {
	var sb strings.Builder
	err := WriteNews(&sb, []NewsURL{{
		Loc: "https://news.example.tj/fa/news/a?x=1&y=2", Publication: "وزارت فرهنگ", Language: "fa",
		Published: time.Date(2026, 12, 4, 16, 0, 0, 0, time.FixedZone("TJT", 5*3600)),
		Title:     "می\u200cخواهد <b>ҳамкорӣ</b> & \"x\"\x01",
	}})
	if err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	for _, want := range []string{
		"<loc>https://news.example.tj/fa/news/a?x=1&amp;y=2</loc>",
		"<news:title>می\u200cخواهد &lt;b&gt;ҳамкорӣ&lt;/b&gt; &amp; &#34;x&#34;\uFFFD</news:title>",
		"<news:publication_date>2026-12-04T11:00:00Z</news:publication_date>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v", err)
	}
}

// An index entry without a lastmod leaves the element out, as the schema
// allows, rather than writing an empty one.
func TestIndexLeavesOutAnUnknownLastmod(t *testing.T) {
	var sb strings.Builder
	err := WriteIndex(&sb, []IndexEntry{{Loc: "https://x.tj/sitemaps/tg-1.xml", LastMod: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, {Loc: "https://x.tj/sitemaps/news.xml"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `<sitemap><loc>https://x.tj/sitemaps/tg-1.xml</loc><lastmod>2026-01-02T03:04:05Z</lastmod></sitemap>` + "\n" +
		`<sitemap><loc>https://x.tj/sitemaps/news.xml</loc></sitemap>`
	if !strings.Contains(sb.String(), want) {
		t.Fatalf("index\n%s\nwant it to contain\n%s", sb.String(), want)
	}
}

// A news sitemap never lists more than Google reads.
func TestNewsSitemapStopsAtItsLimit(t *testing.T) {
	urls := make([]NewsURL, MaxNewsURLs+5)
	for i := range urls {
		urls[i] = NewsURL{Loc: "https://x.tj/a", Title: "t"}
	}
	var sb strings.Builder
	if err := WriteNews(&sb, urls); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(sb.String(), "<url>"); n != MaxNewsURLs {
		t.Fatalf("%d urls, want %d", n, MaxNewsURLs)
	}
}
