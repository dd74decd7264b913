package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// dashboardArticles fills the site with something for every block of the
// dashboard: a bilingual article read today and edited in Tajik by the
// editor (so its Persian is outdated), a Tajik-only one, and one whose
// Persian is scheduled for tomorrow. It returns the read article's id.
func dashboardArticles(t *testing.T, s *site) uint {
	t.Helper()
	ctx := context.Background()
	past, tomorrow := time.Now().Add(-48*time.Hour), time.Now().Add(24*time.Hour)
	pub := func(loc, title string, at *time.Time) models.TranslationInput {
		return models.TranslationInput{Locale: loc, Status: models.StatusPublished, PublishedAt: at, Title: title, BodyHTML: "<p>" + title + "</p>"}
	}
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабар", "fa": "خبر"}})
	if err != nil {
		t.Fatal(err)
	}
	save := func(in models.ArticleInput) *models.Article {
		in.Shared = &models.SharedInput{SectionID: sec.ID}
		a, err := s.store.SaveArticle(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	save(models.ArticleInput{Translations: []models.TranslationInput{pub("tg", "Нашри фардо", &past), pub("fa", "انتشار فردای نمایشگاه", &tomorrow)}})
	save(models.ArticleInput{Translations: []models.TranslationInput{pub("tg", "Ҷашнвораи китоб дар Хуҷанд", &past)}})
	read := save(models.ArticleInput{Translations: []models.TranslationInput{pub("tg", "Нерӯгоҳи нав дар Кӯлоб", &past), pub("fa", "نیروگاه تازه در کولاب", &past)}})
	editor, err := s.store.FindUserByEmail(ctx, "editor@example.com")
	if err != nil {
		t.Fatal(err)
	}
	tg, _ := read.Translation("tg")
	_, err = s.store.SaveArticle(ctx, models.ArticleInput{ID: read.ID, EditorID: &editor.ID, Translations: []models.TranslationInput{{
		Locale: "tg", Version: tg.Version, Status: tg.Status, PublishedAt: tg.PublishedAt, Title: "Нерӯгоҳи нав дар Кӯлоб кор мекунад",
		Slug: tg.Slug, BodyHTML: tg.BodyHTML, SeenRevisionID: read.SeenMark(),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for day := range 30 {
		views := map[viewcount.Key]int64{{Article: read.ID, Locale: "tg"}: int64(20 + day*3), {Article: read.ID, Locale: "fa"}: int64(60 - day)}
		if err := s.store.AddViews(ctx, views, time.Now().AddDate(0, 0, -day)); err != nil {
			t.Fatal(err)
		}
	}
	return read.ID
}

// TestDashboard signs in, lands on the dashboard in the Persian and the
// Tajik interface, sees the chart and every block, opens an article from
// it and reaches the article list in one click.
func TestDashboard(t *testing.T) {
	s := newSite(t)
	readID := dashboardArticles(t, s)
	s.signIn("editor@example.com")
	if path := get(s, chromedp.Evaluate[string](`location.pathname`)); path != "/admin" {
		t.Fatalf("signing in lands on %q, want the dashboard", path)
	}
	s.run(chromedp.EmulateViewport(1440, 1100))
	for _, tt := range []struct{ lang, dir, todayViews string }{{"fa", "rtl", "۶۰"}, {"tg", "ltr", "20"}} {
		func() {
			s.useInterface(tt.lang)
			start := time.Now()
			s.run(chromedp.Navigate(s.url+"/admin"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="views-chart"]`)))
			t.Logf("%s: dashboard shown %v after navigating", tt.lang, time.Since(start).Round(time.Millisecond))
			if dir := get(s, chromedp.Evaluate[string](`document.documentElement.dir`)); dir != tt.dir {
				t.Fatalf("dir = %q, want %q", dir, tt.dir)
			}
			for _, block := range []string{"dashboard-chart", "dashboard-most-read", "dashboard-waiting", "dashboard-scheduled", "dashboard-edits"} {
				s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="` + block + `"] li`)))
			}
			lines := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="views-chart"] polyline').length`))
			// The chart reads in the interface's direction: today is the
			// last day at the end of the line, leftmost in Persian.
			order := get(s, chromedp.Evaluate[string](`(() => {
				const c = [...document.querySelectorAll('[data-testid="series-fa"] circle')];
				const first = c[0].getBoundingClientRect().x, last = c[c.length-1].getBoundingClientRect().x;
				return last < first ? "rtl" : "ltr";
			})()`))
			if lines != 2 || order != tt.dir {
				t.Errorf("chart: %d lines, time runs %s; want 2 lines, %s", lines, order, tt.dir)
			}
			if desc := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="views-chart"] desc').textContent`)); !strings.Contains(desc, tt.todayViews) {
				t.Errorf("chart description %q does not give today's %s views in the interface's digits", desc, tt.todayViews)
			}
			overflow := get(s, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
			if overflow > 0 {
				t.Errorf("the dashboard overflows the 1440 px window by %d px", overflow)
			}
			s.screenshot(map[string]string{"fa": "dashboard-fa", "tg": "dashboard"}[tt.lang])

			// An outdated Persian translation opens its article's editor.
			item := fmt.Sprintf(`[data-testid="waiting-%d-fa"] a`, readID)
			start = time.Now()
			s.run(chromedp.Click(chromedp.CSS(item)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"]`)))
			t.Logf("%s: item to its article's editor: %v", tt.lang, time.Since(start).Round(time.Millisecond))
			if path := get(s, chromedp.Evaluate[string](`location.pathname`)); path != fmt.Sprintf("/admin/articles/%d", readID) {
				t.Errorf("the item opened %q", path)
			}

			// The article list is one click away, in the menu.
			s.run(chromedp.Navigate(s.url+"/admin"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="dashboard"]`)))
			start = time.Now()
			s.run(chromedp.Click(chromedp.CSS(`nav a[href="/admin/articles"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="articles-table"]`)))
			t.Logf("%s: dashboard to the article list: %v", tt.lang, time.Since(start).Round(time.Millisecond))
		}()
	}
}
