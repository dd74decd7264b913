package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestTwoEditorsNeverLoseWork has two people edit one article in two
// browsers: editing different panes both succeed; editing the same pane
// gives the second a conflict view that keeps what they typed.
func TestTwoEditorsNeverLoseWork(t *testing.T) {
	alice := newSite(t)
	ctx := context.Background()
	sec, err := alice.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := alice.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusDraft, Title: "Сарлавҳаи аввал"},
		{Locale: "fa", Status: models.StatusDraft, Title: "عنوان نخست"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	bob := alice.otherBrowser()
	alice.signIn("admin@example.com")
	bob.signIn("editor@example.com")
	page := fmt.Sprintf("%s/admin/articles/%d", alice.url, a.ID)
	for _, s := range []*site{alice, bob} {
		s.run(chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`[data-testid="save-fa"]`)))
	}
	retitle := func(s *site, loc, title string) {
		sel := fmt.Sprintf(`[data-testid="%s-title"]`, loc)
		s.run(chromedp.Clear(chromedp.CSS(sel)))
		s.typeText(sel, title)
		s.run(chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-testid="save-%s"]`, loc))))
	}

	// Different panes: both saves succeed.
	retitle(alice, "tg", "Сарлавҳаи Алиса")
	alice.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-tg"]`)))
	retitle(bob, "fa", "عنوان باب")
	bob.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)))
	now, _ := alice.store.FindArticle(ctx, a.ID)
	tg, _ := now.Translation("tg")
	fa, _ := now.Translation("fa")
	if tg.Title != "Сарлавҳаи Алиса" || fa.Title != "عنوان باب" {
		t.Fatalf("after saving different panes: tg %q, fa %q", tg.Title, fa.Title)
	}

	// The same pane: Alice still has the fa version from before Bob's save.
	retitle(alice, "fa", "عنوان آلیس")
	alice.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="conflict-fa"]`)))
	alice.screenshotOf("conflict", `#pane-fa`)
	if theirs := alice.text(`[data-testid="conflict-title-fa"]`); theirs != "عنوان باب" {
		t.Errorf("the conflict view shows their title as %q", theirs)
	}
	if mine := get(alice, chromedp.Value(chromedp.CSS(`[data-testid="fa-title"]`))); mine != "عنوان آلیس" {
		t.Errorf("the conflict view lost the typed title: %q", mine)
	}
	now, _ = alice.store.FindArticle(ctx, a.ID)
	if fa, _ := now.Translation("fa"); fa.Title != "عنوان باب" {
		t.Fatalf("the stale save overwrote Bob's title: %q", fa.Title)
	}
}
