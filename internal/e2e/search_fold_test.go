package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestRussianKeyboardSearchInTheAdmin types Tajik words as a Russian
// keyboard writes them (х for ҳ, ч for ҷ, и for ӣ), key by key, into the
// article list's search and into the related picker: each finds the
// article written with the Tajik letters, and only it. The time from the
// last key to the row on screen, debounce included, is what an editor
// waits; it is logged.
func TestRussianKeyboardSearchInTheAdmin(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	fair := s.seedArticle(
		models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: "Намоишгоҳи китоб дар Душанбе", BodyHTML: "<p>Ҷашни фарҳанг идома дорад.</p>"},
		models.TranslationInput{Locale: "fa", Status: models.StatusPublished, Title: "نمایشگاه کتاب در دوشنبه", BodyHTML: "<p>جشن فرهنگ</p>"},
	)
	report, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: fair.SectionID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Ҳисоботи молиявӣ", BodyHTML: "<p>Бозори китоб.</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	s.signIn("editor@example.com")

	rows := `[...document.querySelectorAll('[data-testid="articles-table"] tbody tr')].map(r => r.dataset.testid).join(' ')`
	wantRow := fmt.Sprintf("article-%d", fair.ID)
	for _, q := range []string{"намоишгохи", "чашни фархан"} {
		s.run(chromedp.Navigate(s.url+"/admin/articles"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="articles-table"]`)))
		if got := get(s, chromedp.Evaluate[string](rows)); got == wantRow {
			t.Fatalf("before the search the list already shows only %q", got)
		}
		waited := s.typeAndTime(`#filter-q`, q, fmt.Sprintf(`%s === %q`, rows, wantRow))
		t.Logf("admin list search %q: %v from the last key to the article on screen (400 ms of it the debounce)", q, waited)
	}
	if got := get(s, chromedp.Evaluate[string](rows)); got != wantRow {
		t.Errorf("the list shows %q, want only %q", got, wantRow)
	}

	// The related picker of the other article finds it the same way.
	s.run(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, report.ID)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="related-search"]`)))
	add := fmt.Sprintf(`[data-testid="add-related-%d"]`, fair.ID)
	waited := s.typeAndTime(`[data-testid="related-search"]`, "намоишгохи китоб", fmt.Sprintf(`!!document.querySelector(%q)`, add))
	t.Logf("related picker search: %v from the last key to the suggestion on screen (300 ms of it the debounce)", waited)
	s.run(chromedp.Click(chromedp.CSS(add)), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-testid="related-%d"]`, fair.ID))))
}

// typeAndTime types text into sel key by key, as a keyboard does, and
// waits until done (a JavaScript condition) holds. It returns the time
// from the last key to the first page change after which done held, as
// the browser measured it: a MutationObserver checks done on every change.
func (s *site) typeAndTime(sel, text, done string) time.Duration {
	s.t.Helper()
	s.htmxSettled()
	get(s, chromedp.Evaluate[any](`window.__doneAt = 0; window.__typedAt = 0;
		new MutationObserver(() => { if (window.__typedAt && !window.__doneAt && (`+done+`)) window.__doneAt = performance.now(); })
			.observe(document.body, {childList: true, subtree: true, attributes: true});`))
	s.run(chromedp.SendKeys(chromedp.CSS(sel), text))
	get(s, chromedp.Evaluate[any](`window.__typedAt = performance.now()`))
	get(s, chromedp.Poll[bool](`window.__doneAt > 0`, chromedp.WithPollingTimeout(15*time.Second)))
	ms := get(s, chromedp.Evaluate[float64](`window.__doneAt - window.__typedAt`))
	return time.Duration(ms * float64(time.Millisecond))
}
