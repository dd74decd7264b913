package api

import (
	"context"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"encoding/json"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// Views added to a copy of the benchmark dataset for the most-read lists:
// on each of the last 30 days, this many articles read in tg, in fa and
// without a locale.
const (
	benchViewDays     = 30
	benchViewedTg     = 4000
	benchViewedFa     = 2000
	benchViewedNoLocl = 1000
)

// BenchmarkMostRead fetches most-read lists (day, week, month, a section, a
// later page) over a copy of the 10,000-article dataset with 30 days of
// daily view rows, cache off and on.
func BenchmarkMostRead(b *testing.B) {
	if testing.Short() {
		b.Skip("the benchmark dataset is large; not built under -short")
	}
	store := mostReadBenchStore(b)
	d := &benchDataset{store: store}
	urls := []string{
		"/api/v1/tg/articles?sort=most_read&period=day",
		"/api/v1/tg/articles?sort=most_read",
		"/api/v1/fa/articles?sort=most_read",
		"/api/v1/tg/articles?sort=most_read&period=month",
		"/api/v1/tg/articles?sort=most_read&section=culture",
	}
	// Page 5 (articles 81–100) through the cursors the API gives out.
	h := d.router(0)
	next := urls[1]
	for range 4 {
		var page mostReadPage
		if err := json.Unmarshal(benchGET(h, next).Body.Bytes(), &page); err != nil || page.NextCursor == nil {
			b.Fatalf("walk %s: %v", next, err)
		}
		next = urls[1] + "&cursor=" + url.QueryEscape(*page.NextCursor)
	}
	urls = append(urls, next)
	for _, u := range urls {
		u := u
		name := u[len("/api/v1/"):]
		if u == next {
			name = "tg week page 5"
		}
		b.Run(name, func(b *testing.B) { benchURLs(b, d, []string{u}, nil) })
	}
}

// mostReadBenchStore copies the benchmark dataset into a temporary folder
// and adds benchViewDays days of views ending today, through the store's
// own AddViews.
func mostReadBenchStore(b *testing.B) *models.Store {
	b.Helper()
	src, err := cachedBenchDB("dataset-", benchGeneratorVersion, benchArticles, seedBenchSite)
	if err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(b.TempDir(), "payvand.db")
	copyBenchFile(b, src, dst)
	tz, err := time.LoadLocation("Asia/Dushanbe")
	if err != nil {
		b.Fatal(err)
	}
	store, err := models.Open(context.Background(), models.Options{Path: dst, Locales: locale.MustParse("tg,fa"), TimeZone: tz})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	start := time.Now()
	r := rand.New(rand.NewPCG(11, 30))
	rows := 0
	for day := range benchViewDays {
		counts := map[viewcount.Key]int64{}
		for loc, n := range map[string]int{"tg": benchViewedTg, "fa": benchViewedFa, "": benchViewedNoLocl} {
			for range n {
				// Skewed towards recent ids, as readers favour new stories.
				id := uint(benchArticles - int(float64(benchArticles)*r.Float64()*r.Float64()))
				counts[viewcount.Key{Article: id, Locale: loc}] += 1 + int64(r.IntN(200))
			}
		}
		rows += len(counts)
		if err := store.AddViews(context.Background(), counts, time.Now().Add(-time.Duration(day)*24*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("added %d daily view rows over %d days in %.1f s", rows, benchViewDays, time.Since(start).Seconds())
	return store
}

func copyBenchFile(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
