package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestImportPageImportsAWordPressExport uploads the importer's test export
// from the Import page, as an admin does: the run's page polls its
// progress until the report shows, and the imported articles are in the
// article list, Persian titles with their ZWNJ.
func TestImportPageImportsAWordPressExport(t *testing.T) {
	s := newSite(t)
	export, err := filepath.Abs("../wpimport/testdata/site.xml")
	if err != nil {
		t.Fatal(err)
	}
	s.signIn("admin@example.com")
	s.run(
		chromedp.Click(chromedp.CSS(`nav a[href="/admin/import"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="import-form"]`)),
	)
	s.htmxSettled()
	s.typeText(`#locale_map`, "tj=tg")
	s.screenshot("import-form")
	s.run(
		chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="import-file"]`), []string{export}),
		chromedp.Click(chromedp.CSS(`[data-testid="import-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="import-status"]`)),
	)
	get(s, chromedp.Poll[bool](`document.querySelector('[data-testid="import-report"]') !== null`, chromedp.WithPollingTimeout(60*time.Second)))
	s.htmxSettled()
	if state := get(s, chromedp.AttributeValue(chromedp.CSS(`[data-testid="import-status"]`), "data-state")).Value; state != "done" {
		t.Fatalf("the run ended %q, want done", state)
	}
	s.screenshot("import")

	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="import-report-articles"]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-testid^="article-"]`)),
	)
	list := s.text(`main`)
	for _, title := range []string{"گزارش تازه\u200cترین خبرها", "Хабари нав"} {
		if !strings.Contains(list, title) {
			t.Errorf("the article list lacks the imported %q", title)
		}
	}
}
