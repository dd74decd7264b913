package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestOutdatedClearsWhenTheSourceIsBack: one browser edits the Tajik text,
// which leaves the Persian translation outdated in the other browser; then
// restores the Tajik revision the Persian was made from, and the other
// browser sees the Persian pane no longer outdated, as does the API. Typing
// the old title back clears it too, in the typing browser's own page
// without a reload.
func TestOutdatedClearsWhenTheSourceIsBack(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	const tgTitle = "Намоишгоҳи китоб кушода шуд"
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: tgTitle, BodyHTML: "<p>Намоишгоҳ се рӯз давом мекунад.</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "نمایشگاه کتاب گشایش یافت", BodyHTML: "<p>نمایشگاه سه روز ادامه می\u200cیابد.</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	editor := fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)
	faOutdated := func() bool {
		var fa outdatedRefs
		s.apiJSON(fmt.Sprintf("/api/v1/fa/articles/%d", a.ID), &fa)
		return fa.Data.Outdated
	}
	retitleTG := func(title string) {
		s.run(chromedp.Clear(chromedp.CSS(`[data-testid="tg-title"]`)))
		s.typeText(`[data-testid="tg-title"]`, title)
		s.run(chromedp.Click(chromedp.CSS(`[data-testid="save-tg"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-tg"]`)))
	}
	// faPaneOutdated reloads the editor in b and says whether the Persian
	// pane is marked outdated.
	faPaneOutdated := func(b *site) bool {
		b.run(chromedp.Navigate(editor), chromedp.WaitVisible(chromedp.CSS(`[data-testid="save-fa"]`)))
		return get(b, chromedp.Evaluate[bool](`document.querySelector('[data-testid="mark-current-fa"]') !== null`))
	}

	s.signIn("editor@example.com")
	s.run(chromedp.Navigate(editor), chromedp.WaitVisible(chromedp.CSS(`[data-testid="save-tg"]`)))
	retitleTG("Намоишгоҳи байналмилалии китоб кушода шуд")
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="mark-current-fa"]`)))

	translator := s.otherBrowser()
	translator.signIn("admin@example.com")
	if !faPaneOutdated(translator) || !faOutdated() {
		t.Fatal("after a real Tajik edit the Persian pane or the API does not say outdated")
	}

	// Restore the first Tajik revision, the one fa was made from.
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d/revisions?locale=tg", s.url, a.ID)),
		chromedp.Click(chromedp.CSS(`[data-testid="revision-link-1"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="restore-submit"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="restore-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="save-tg"]`)),
	)
	if faPaneOutdated(translator) {
		t.Error("after restoring the Tajik text fa was made from, the other browser still shows the Persian pane outdated")
	}
	if faOutdated() {
		t.Error("after the restore the API still says fa is outdated")
	}
	if _, tg := s.apiArticle("tg", a.ID); tg.Data.Title != tgTitle {
		t.Errorf("tg title from the API after the restore = %q, want %q", tg.Data.Title, tgTitle)
	}

	// Edit again, then type the old title back: the editing page clears
	// the Persian notice as it saves, and the other browser agrees.
	retitleTG("Намоишгоҳи нав")
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="mark-current-fa"]`)))
	if !faPaneOutdated(translator) {
		t.Fatal("a new Tajik edit did not mark the Persian pane outdated")
	}
	retitleTG(tgTitle)
	s.run(chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="mark-current-fa"]`)))
	if faPaneOutdated(translator) || faOutdated() {
		t.Error("typing the old Tajik title back left the Persian translation outdated")
	}
}
