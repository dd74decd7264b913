package wpimport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/payvand/payvand/internal/wxr"
	"github.com/payvand/payvand/models"
)

// manyPosts returns site.xml with n more valid published posts before its
// last item, each in the culture category with a tag of its own, so a
// malformation after them comes after many posts the second pass would
// already have written.
func manyPosts(t *testing.T, n int) []byte {
	t.Helper()
	data := fixture(t)
	var more bytes.Buffer
	for i := range n {
		id := 1000 + i
		fmt.Fprintf(&more, `<item>
<title><![CDATA[پست %[1]d]]></title>
<link>https://khabar.example/?p=%[1]d</link>
<dc:creator><![CDATA[maryam]]></dc:creator>
<guid isPermaLink="false">https://khabar.example/?p=%[1]d</guid>
<content:encoded><![CDATA[<p>متن %[1]d</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>%[1]d</wp:post_id>
<wp:post_date><![CDATA[2024-02-01 10:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2024-02-01 06:30:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[post-%[1]d]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="culture"><![CDATA[فرهنگ]]></category>
<category domain="post_tag" nicename="tag-%[1]d"><![CDATA[tag %[1]d]]></category>
</item>
`, id)
	}
	i := bytes.LastIndex(data, []byte("<item>"))
	return joined(data[:i], more.Bytes(), data[i:])
}

func joined(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// assertNothingWritten checks that s holds nothing an import writes:
// no section, tag, article, old address or change event.
func assertNothingWritten(t *testing.T, s *models.Store) {
	t.Helper()
	ctx := context.Background()
	secs, err := s.ListSections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tags, err := s.ListTags(ctx, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	articles, err := s.CountArticlesBySection(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.LastEventPosition(ctx)
	if err != nil {
		t.Fatal(err)
	}
	redirects := 0
	if err := s.EachRedirect(ctx, func(models.RedirectTarget) error { redirects++; return nil }); err != nil {
		t.Fatal(err)
	}
	known, err := s.FindImported(ctx, "https://khabar.example", models.ImportPost, []int64{12, 13, 20, 30, 40, 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) != 0 || len(tags) != 0 || len(articles) != 0 || events != 0 || redirects != 0 || len(known) != 0 {
		t.Errorf("written: %d sections, %d tags, articles %v, events up to %d, %d old addresses, %d import records", len(secs), len(tags), articles, events, redirects, len(known))
	}
}

// A malformed export is refused naming the line, before anything is
// written: when the fault comes after hundreds of valid posts (the first
// pass reads the whole file before the second writes), and when the file
// was cut off — in the middle of an item, or after one.
func TestMalformedExportRefusedBeforeAnyWrite(t *testing.T) {
	many := manyPosts(t, 300)
	lineOf := func(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }
	// The last item's closing tag is mistyped.
	end := bytes.LastIndex(many, []byte("</item>"))
	mistyped := joined(many[:end], []byte("</wp:item>\n</channel>\n</rss>\n"))
	// Cut in the middle of the 200th added post's body, and just after
	// an item, before the channel closes.
	mid := bytes.Index(many, []byte("متن 1199"))
	afterItem := bytes.Index(many, []byte("</item>\n<item>\n<title><![CDATA[پست 1250")) + len("</item>\n")
	for _, c := range []struct {
		name string
		data []byte
		line int
	}{
		{"mistyped tag after 300 posts", mistyped, lineOf(many, end)},
		{"cut mid-item", many[:mid], lineOf(many, mid)},
		{"cut after an item", many[:afterItem], lineOf(many, afterItem)},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			progressed := 0
			rep, err := Run(context.Background(), s, opener(c.data), Options{Progress: func(done, _ int) { progressed = done }})
			var se *wxr.SyntaxError
			if !errors.As(err, &se) || se.Line != c.line {
				t.Fatalf("err = %v, want a syntax error at line %d", err, c.line)
			}
			if progressed != 0 || (rep != nil && rep.Articles != (ArticleCounts{})) {
				t.Errorf("posts were imported before the refusal: %d done, %+v", progressed, rep)
			}
			assertNothingWritten(t, s)
		})
	}
	// The same file whole imports all of it.
	s := newStore(t)
	if rep := run(t, s, many, Options{}); rep.Articles.Created != 304 || rep.Articles.Failed != 0 {
		t.Errorf("the whole file: %+v", rep.Articles)
	}
}
