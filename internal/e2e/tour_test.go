package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/demo"
	"github.com/payvand/payvand/internal/media"
)

// TestAdminTourOverDemoSite walks the admin over the demo site as an editor
// first meets it: the article list with every locale's state, the same list
// in the Persian interface, the sections and the users. With
// PAYVAND_SCREENSHOTS set it also writes the README's screenshots.
func TestAdminTourOverDemoSite(t *testing.T) {
	s := newSite(t)
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	seeder := demo.Seeder{Store: s.store, Media: files, Processor: media.NewProcessor(media.Config{})}
	if err := seeder.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.signIn("admin@example.com")
	s.run(chromedp.Navigate(s.url+"/admin/articles"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="articles-table"]`)))
	rows := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="articles-table"] tbody tr').length`))
	if rows < 16 {
		t.Fatalf("article list shows %d rows, want the 16+ demo articles", rows)
	}
	// Every row has one state per locale, and the tg-only demo articles show fa as missing.
	states := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid^="state-"]').length`))
	if states != 2*rows {
		t.Errorf("%d locale states for %d rows, want two per row", states, rows)
	}
	missing := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid$="-fa"].missing').length`))
	if missing < 2 {
		t.Errorf("%d articles show fa as missing, want the two tg-only ones at least", missing)
	}
	s.screenshot("articles")

	// Typing in the search box narrows the list in place through htmx, which
	// must therefore run under the nonce-based Content-Security-Policy.
	s.run(chromedp.SendKeys(chromedp.CSS(`#filter-q`), "Наврӯз"))
	get(s, chromedp.Poll[bool](`document.querySelectorAll('[data-testid="articles-table"] tbody tr').length === 2`, chromedp.WithPollingTimeout(15*time.Second)))
	if loc := get(s, chromedp.Evaluate[string](`location.search`)); loc == "" {
		t.Errorf("the search did not update the address bar")
	}

	// A found article's editor suggests articles that share its rare words;
	// one click links a suggestion.
	// Go by the link's address rather than click it: a late htmx answer to
	// the typing may still replace the table under the click.
	found := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="articles-table"] tbody tr:first-child [data-testid^="title-"]').href`))
	s.run(chromedp.Navigate(found), chromedp.WaitVisible(chromedp.CSS(`[data-testid="related"]`)))
	suggested := get(s, chromedp.Evaluate[string](`(document.querySelector('[data-testid^="suggest-related-"]') || {dataset: {testid: ""}}).dataset.testid.replace('suggest-related-', '')`))
	if suggested == "" {
		t.Fatalf("%s suggests no related article", found)
	}
	s.screenshotOf("related-suggestions", `[data-testid="related"]`)
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="suggest-related-`+suggested+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="related-list"] [data-testid="related-`+suggested+`"]`)),
	)

	s.useInterface("fa")
	s.run(
		chromedp.Navigate(s.url+"/admin/articles?missing=fa"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="articles-table"]`)),
	)
	if dir := get(s, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value; dir != "rtl" {
		t.Fatalf("Persian interface dir = %q", dir)
	}
	faMissing := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="articles-table"] tbody tr').length`))
	if faMissing < 2 || faMissing >= rows {
		t.Errorf("filter 'missing fa' shows %d of %d rows", faMissing, rows)
	}
	s.screenshot("articles-fa")

	s.run(chromedp.Navigate(s.url+"/admin/sections"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="section-row-heritage"]`)))
	s.screenshot("sections-fa")
	s.run(chromedp.Navigate(s.url+"/admin/users"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="users-table"]`)))
	users := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid^="user-row-"]').length`))
	if users != 2 {
		t.Errorf("users table shows %d accounts, want 2", users)
	}
	s.screenshot(fmt.Sprintf("users-%s", "fa"))
}
