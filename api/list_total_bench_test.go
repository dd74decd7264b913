package api

import (
	"context"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/readingtime"
	"github.com/payvand/payvand/models"
)

// BenchmarkListTotal times the count behind a list's total over the
// 10,000-article dataset, on its own: the whole tg list (10,000 entries of
// the listing key), a section with its subsections, and a filtered one.
// What a list page costs more than before is this count.
func BenchmarkListTotal(b *testing.B) {
	d := loadBenchDataset(b)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		q    models.ListQuery
	}{
		{"all", models.ListQuery{Locale: "tg"}},
		{"section", models.ListQuery{Locale: "tg", SectionID: 2}},
		{"section-own-dated", models.ListQuery{Locale: "tg", SectionID: 1, OwnSectionOnly: true, PublishedFrom: benchEnd.AddDate(-1, 0, 0), Exclude: []uint{1, 2, 3}}},
	} {
		n, err := d.store.CountPublicArticles(ctx, c.q)
		if err != nil || n == 0 {
			b.Fatalf("%s: count %d, %v", c.name, n, err)
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := d.store.CountPublicArticles(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "items")
		})
	}
}

// BenchmarkSearchTotal times the count behind a search's total for a
// common word of the dataset.
func BenchmarkSearchTotal(b *testing.B) {
	d := loadBenchDataset(b)
	q := models.SearchQuery{Locale: "tg", Text: "ва"}
	n, err := d.store.CountPublicSearch(context.Background(), q)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := d.store.CountPublicSearch(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "items")
}

// BenchmarkBodyWords counts the words of a 1,000-word Persian body, what
// each save now adds and what a list would pay per item if the count were
// not stored.
func BenchmarkBodyWords(b *testing.B) {
	var body []byte
	for i := range 100 {
		body = append(body, "<p>کتاب‌خوانی در دوشنبه می‌خوانند و شهروندان تاجیکستان "+time.Duration(i).String()+" روز</p>"...)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		readingtime.BodyWords(string(body))
	}
}

// BenchmarkSearchCommonWord ranks a word in nearly every tg article (ва)
// and counts its total, as a search request does: compare with
// BenchmarkSearchTotal for the count's share.
func BenchmarkSearchCommonWord(b *testing.B) {
	d := loadBenchDataset(b)
	q := models.SearchQuery{Locale: "tg", Text: "ва", Limit: 20}
	for b.Loop() {
		if _, _, err := d.store.SearchPublic(context.Background(), q); err != nil {
			b.Fatal(err)
		}
		if _, err := d.store.CountPublicSearch(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}
