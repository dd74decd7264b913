package wpimport

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// generatedExport writes a Polylang export of n posts in fa/tj pairs,
// each with a few paragraphs of classic text, a category and a tag, as
// a news site's archive has them.
func generatedExport(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ed</wp:author_login><wp:author_display_name><![CDATA[مریم رحیمی]]></wp:author_display_name></wp:author>
`)
	for c := 0; c < 20; c++ {
		fmt.Fprintf(&b, "<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename>cat-%d</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[بخش %d]]></wp:cat_name></wp:category>\n", 1000+c, c, c)
	}
	for g := 0; g < n/2; g++ {
		fmt.Fprintf(&b, `<wp:term><wp:term_id>%d</wp:term_id><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>pll_%d</wp:term_slug><wp:term_name>pll_%d</wp:term_name><wp:term_description><![CDATA[a:2:{s:2:"fa";i:%d;s:2:"tj";i:%d;}]]></wp:term_description></wp:term>`+"\n", 100000+g, g, g, 2*g+1, 2*g+2)
	}
	faPara := strings.Repeat("این یک جمله‌ی آزمایشی برای سنجش سرعت درون‌ریزی است. ", 8)
	tgPara := strings.Repeat("Ин як ҷумлаи озмоишӣ барои санҷиши суръат аст. ", 8)
	for g := 0; g < n/2; g++ {
		for i, lang := range []string{"fa", "tj"} {
			para := faPara
			if lang == "tj" {
				para = tgPara
			}
			id := 2*g + 1 + i
			fmt.Fprintf(&b, `<item><title><![CDATA[خبر %d]]></title><link>https://bench.example/?p=%d</link><dc:creator>ed</dc:creator><guid isPermaLink="false">https://bench.example/?p=%d</guid>
<content:encoded><![CDATA[%s

%s

%s]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>%d</wp:post_id><wp:post_date>2024-01-01 12:00:00</wp:post_date><wp:post_date_gmt>2024-01-01 08:30:00</wp:post_date_gmt><wp:post_name>post-%d</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="cat-%d"><![CDATA[x]]></category><category domain="post_tag" nicename="tag-%d"><![CDATA[Tag %d]]></category><category domain="language" nicename="%s"><![CDATA[x]]></category><category domain="post_translations" nicename="pll_%d"><![CDATA[x]]></category>
</item>
`, id, id, id, para, para, para, id, id, g%20, g%50, g%50, lang, g)
		}
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

// BenchmarkImportText imports 5,000 posts (2,500 bilingual articles) into
// an empty database, then runs the same import again (nothing changed).
// PAYVAND_BENCH_POSTS sets another number of posts (the target is
// 100,000), PAYVAND_BENCH_BATCH the groups saved per transaction. Run
// with -benchtime=1x; see docs/BENCHMARKS.md.
func BenchmarkImportText(b *testing.B) {
	posts := benchKnob(b, "PAYVAND_BENCH_POSTS", 5000)
	saveBatchGroups = benchKnob(b, "PAYVAND_BENCH_BATCH", saveBatchGroups)
	data := generatedExport(posts)
	for b.Loop() {
		b.StopTimer()
		s, err := models.Open(context.Background(), models.Options{Database: testdb.URL(b), Locales: locale.MustParse("fa,tg")})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		rep, err := Run(context.Background(), s, opener(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		first := time.Since(start)
		if rep.Articles.Created != posts/2 || rep.Articles.Failed != 0 {
			b.Fatalf("report %+v %v", rep.Articles, rep.Warnings)
		}
		start = time.Now()
		rep, err = Run(context.Background(), s, opener(data), Options{})
		if err != nil || rep.Articles.Unchanged != posts/2 {
			b.Fatalf("re-run %+v %v", rep.Articles, err)
		}
		again := time.Since(start)
		b.ReportMetric(first.Seconds(), "first-s")
		b.ReportMetric(again.Seconds(), "rerun-s")
		b.ReportMetric(float64(posts)/first.Seconds(), "posts/s")
		b.ReportMetric(float64(posts)/again.Seconds(), "rerun-posts/s")
		b.ReportMetric(float64(len(data))/1e6, "MB")
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// benchKnob reads a positive whole number from the environment variable
// name, or gives def when it is unset.
func benchKnob(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive whole number", name, v)
	}
	return n
}
