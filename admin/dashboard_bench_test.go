//go:build unix

package admin

// The dashboard benchmark: GET /admin, signed in, over the article list's
// 10,000-article dataset (article_list_bench_test.go) with a newsroom's
// month on top: daily views for 30 days (about 1,100 articles read a day),
// 300 Tajik edits by an editor that leave their Persian outdated, and the
// dataset's own scheduled and Tajik-only articles. The goal is under
// 100 ms; see docs/BENCHMARKS.md ("Admin dashboard").
//
// The month is added to a copy of the list's dataset, cached beside it,
// under a fixed clock (dashboardBenchNow), so a cached copy reads the same
// days whenever it is run.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// dashboardBenchVersion names the month's generator; change it when the
// generated month changes so a cached copy is rebuilt.
const dashboardBenchVersion = "dashboard-v1"

// dashboardBenchNow is the benchmark's today: two days after the list
// dataset's last save.
var dashboardBenchNow = time.Date(2024, 1, 10, 12, 0, 0, 0, time.UTC)

var (
	dashboardBenchOnce  sync.Once
	dashboardBenchStore *models.Store
	dashboardBenchErr   error
)

// BenchmarkDashboard renders GET /admin through the admin's router with a
// signed-in session ("page"), and times the dashboard's queries alone
// ("queries").
func BenchmarkDashboard(b *testing.B) {
	if testing.Short() {
		b.Skip("the 10,000-article dataset is not built under -short")
	}
	dashboardBenchOnce.Do(func() { dashboardBenchStore, dashboardBenchErr = openDashboardBenchDataset() })
	if dashboardBenchErr != nil {
		b.Fatal(dashboardBenchErr)
	}
	h, cookie, err := listBenchRouter(dashboardBenchStore)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("page", func(b *testing.B) {
		if rec := listBenchGET(h, cookie, "/admin"); rec.Code != http.StatusOK || !dashboardFilled(rec.Body.String()) {
			b.Fatalf("GET /admin = %d, or a block is empty", rec.Code)
		}
		b.ReportAllocs()
		cpu := processCPU()
		for b.Loop() {
			listBenchGET(h, cookie, "/admin")
		}
		b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
	})
	b.Run("queries", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := dashboardBenchStore.LoadDashboard(context.Background(), models.DashboardQuery{Days: dashboardDays, Limit: dashboardLimit}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDashboardBenchSmall adds the month to the list benchmark's site of
// 80 articles and checks that every block of the dashboard shows it.
func TestDashboardBenchSmall(t *testing.T) {
	ctx := context.Background()
	now := dashboardBenchNow
	store, err := models.Open(ctx, models.Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa"), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := seedListBench(ctx, store, 80); err != nil {
		t.Fatal(err)
	}
	if err := seedDashboardMonth(ctx, store, 80); err != nil {
		t.Fatal(err)
	}
	h, cookie, err := listBenchRouter(store)
	if err != nil {
		t.Fatal(err)
	}
	if rec := listBenchGET(h, cookie, "/admin"); rec.Code != http.StatusOK || !dashboardFilled(rec.Body.String()) {
		t.Errorf("GET /admin = %d, or a block is empty:\n%s", rec.Code, rec.Body.String())
	}
}

// dashboardFilled reports whether the page lists something in each block.
func dashboardFilled(body string) bool {
	for _, id := range []string{`data-testid="read-day-`, `data-testid="read-week-`, `data-testid="waiting-`, `data-testid="scheduled-`, `data-testid="edit-`, `data-testid="series-fa"`} {
		if !strings.Contains(body, id) {
			return false
		}
	}
	return true
}

// openDashboardBenchDataset opens the list's dataset with the month added,
// making the copy first when there is none.
func openDashboardBenchDataset() (*models.Store, error) {
	list, err := listBenchDataset()
	if err != nil {
		return nil, err
	}
	path := strings.TrimSuffix(list, ".db") + "-" + dashboardBenchVersion + ".db"
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := buildDashboardBench(list, path); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	return models.Open(context.Background(), models.Options{Path: path, Locales: locale.MustParse("tg,fa"), Now: func() time.Time { return dashboardBenchNow }})
}

func buildDashboardBench(list, path string) error {
	tmp := fmt.Sprintf("%s.tmp-%d", path, os.Getpid())
	if err := copyFile(list, tmp); err != nil {
		return err
	}
	store, err := models.Open(context.Background(), models.Options{Path: tmp, Locales: locale.MustParse("tg,fa"), Now: func() time.Time { return dashboardBenchNow }})
	if err != nil {
		return err
	}
	err = seedDashboardMonth(context.Background(), store, listBenchArticles)
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// seedDashboardMonth adds a month of views and an editor's day of Tajik
// edits to a site of n articles (ids 1 to n).
func seedDashboardMonth(ctx context.Context, store *models.Store, n int) error {
	r := rand.New(rand.NewPCG(23, 29))
	for day := range 30 {
		counts := map[viewcount.Key]int64{}
		for _, read := range []struct {
			locale   string
			articles int
		}{{"tg", 600}, {"fa", 400}, {"", 100}} {
			for range min(read.articles, n) {
				// Readers favour recent articles: a skewed pick of ids.
				id := uint(n - int(float64(n)*r.Float64()*r.Float64()))
				counts[viewcount.Key{Article: id, Locale: read.locale}] += int64(1 + r.IntN(200))
			}
		}
		if err := store.AddViews(ctx, counts, dashboardBenchNow.AddDate(0, 0, -day)); err != nil {
			return err
		}
	}
	editor, err := store.CreateUser(ctx, models.UserInput{Email: "dashboard-editor@example.com", DisplayName: "Нигина Раҳимова", Role: models.RoleEditor, Password: testPassword})
	if err != nil {
		return err
	}
	for i := range min(300, n/4) {
		if err := editTajik(ctx, store, uint(n-i*3), editor.ID); err != nil {
			return err
		}
	}
	return nil
}

// editTajik retitles an article's Tajik translation as an editor, so its
// Persian one (if any) becomes outdated.
func editTajik(ctx context.Context, store *models.Store, id, editor uint) error {
	a, err := store.FindArticle(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	tg, ok := a.Translation("tg")
	if !ok || a.TrashedAt != nil {
		return nil
	}
	_, err = store.SaveArticle(ctx, models.ArticleInput{ID: id, EditorID: &editor, Translations: []models.TranslationInput{{
		Locale: "tg", Version: tg.Version, Status: tg.Status, PublishedAt: tg.PublishedAt, Title: tg.Title + " (нав)",
		Slug: tg.Slug, Summary: tg.Summary, BodyHTML: tg.BodyHTML, SeenRevisionID: a.SeenMark(),
	}}})
	return err
}
