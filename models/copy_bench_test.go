package models

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
)

// BenchmarkCopy copies a SQLite site of PAYVAND_BENCH_COPY_ARTICLES
// articles (default 500, each in two locales with two tags), saved
// through the write path, into a fresh database of the engine testdb.URL
// hands out: SQLite, or PostgreSQL with PAYVAND_TEST_POSTGRES set. It
// reports the rows copied per second and the search rebuild's seconds.
func BenchmarkCopy(b *testing.B) {
	n := 500
	if v, err := strconv.Atoi(os.Getenv("PAYVAND_BENCH_COPY_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	sourceURL := "sqlite:" + filepath.Join(b.TempDir(), "source.db")
	opts := Options{Locales: locale.MustParse("tg,fa"), Now: (&clock{t: testNow}).now}
	opts.Database = sourceURL
	source, err := Open(ctx, opts)
	if err != nil {
		b.Fatal(err)
	}
	if err := seedCopyBench(ctx, source, n); err != nil {
		b.Fatal(err)
	}
	source.Close()
	var rows int64
	var rowsTook, searchTook time.Duration
	for b.Loop() {
		b.StopTimer()
		opts.Database = testdb.URL(b)
		target, err := Open(ctx, opts)
		if err != nil {
			b.Fatal(err)
		}
		src, err := OpenCopySource(ctx, sourceURL)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		report, err := target.CopyFrom(ctx, src, CopyOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		src.Close()
		target.Close()
		rows += report.Rows
		rowsTook += report.RowsTook
		searchTook += report.SearchTook
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/rowsTook.Seconds(), "rows/s")
	b.ReportMetric(searchTook.Seconds()/float64(b.N), "search-s/op")
}

// seedCopyBench saves n articles in two locales, each with two of twenty
// tags, through the write path.
func seedCopyBench(ctx context.Context, s *Store, n int) error {
	sec, err := s.SaveSection(ctx, SectionInput{Slug: "news", Names: map[string]string{"tg": "Ахбор", "fa": "اخبار"}})
	if err != nil {
		return err
	}
	var tags []uint
	for i := range 20 {
		tag, err := s.SaveTag(ctx, TagInput{Slug: fmt.Sprintf("tag-%d", i), Names: map[string]string{"tg": fmt.Sprintf("Барчасп %d", i), "fa": fmt.Sprintf("برچسب %d", i)}})
		if err != nil {
			return err
		}
		tags = append(tags, tag.ID)
	}
	for i := range n {
		tg, fa := published("tg", fmt.Sprintf("Хабари %d %s", i, copyTajik), i), published("fa", fmt.Sprintf("خبر %d %s", i, copyPersian), i)
		tg.BodyHTML = "<p>" + copyTajik + " " + copyTajik + "</p>"
		_, err := s.SaveArticle(ctx, ArticleInput{Shared: &SharedInput{SectionID: sec.ID, Tags: []uint{tags[i%20], tags[(i+7)%20]}}, Translations: []TranslationInput{tg, fa}})
		if err != nil {
			return err
		}
	}
	return nil
}
