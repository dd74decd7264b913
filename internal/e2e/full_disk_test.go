package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/tmpfs"
	"github.com/payvand/payvand/models"
)

// TestFullDiskSaveKeepsTheText saves a pane while the server's disk is
// really full (a filled tmpfs): the editor must see, in their language,
// that the disk is full, keep the text in the form and in the browser's
// copy, and save it once space is freed.
// saysDiskFull reports whether text is the full-disk message in any
// interface language.
func saysDiskFull(text string) bool {
	cat := i18n.MustLoad()
	for _, code := range []string{"en", "fa", "tg"} {
		if text == cat.Localizer(code).T("storage.full.body") {
			return true
		}
	}
	return false
}

func TestFullDiskSaveKeepsTheText(t *testing.T) {
	dir := tmpfs.Mount(t, "8m")
	s := newSiteIn(t, dir)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "fa", Status: models.StatusDraft, Title: "نمایشگاه کتاب", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	s.signIn("admin@example.com")
	s.openArticle(a.ID)

	free := tmpfs.Fill(t, dir)
	mine := "نمایشگاه بین‌المللی کتاب"
	s.retitle("fa", mine)
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)))
	get(s, chromedp.Poll[bool](`!!document.querySelector('[data-testid="notice-fa"].form-error')`, chromedp.WithPollingTimeout(15*time.Second)))
	if notice := s.text(`[data-testid="notice-fa"]`); !saysDiskFull(notice) {
		t.Fatalf("the refused save's notice is %q, want the full-disk message", notice)
	}
	if got := s.value(`[data-testid="fa-title"]`); got != mine {
		t.Fatalf("after the refused save the title reads %q, want %q", got, mine)
	}
	if kept := s.keptCopy(a.ID, "fa"); !strings.Contains(kept, mine) {
		t.Fatalf("the browser's copy lost the text: %q", kept)
	}
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="write-banner"]`)))
	s.screenshotAt("full-disk", `[data-testid="notice-fa"]`)

	free()
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)))
	get(s, chromedp.Poll[bool](`!!document.querySelector('[data-testid="notice-fa"]:not(.form-error)')`, chromedp.WithPollingTimeout(15*time.Second)))
	s.run(chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="write-banner"]`)))
	if got := s.savedTitle(a.ID, "fa"); got != mine {
		t.Fatalf("saved title after space was freed = %q, want %q", got, mine)
	}
}

// screenshotAt is screenshot with the element sel scrolled to the middle
// of the viewport.
func (s *site) screenshotAt(name, sel string) {
	s.t.Helper()
	dir := os.Getenv("PAYVAND_SCREENSHOTS")
	if dir == "" {
		return
	}
	get(s, chromedp.Evaluate[any](`document.querySelector(`+strconv.Quote(sel)+`).scrollIntoView({block: "center"})`))
	png := get(s, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}
