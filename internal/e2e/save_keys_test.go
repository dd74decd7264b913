package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestCtrlSSavesThePaneWithFocus types a new Persian title and presses
// Ctrl+S in the title field: the Persian pane is saved as its Save button
// would save it, and the Tajik pane is left as it was. With the focus
// outside every form the shortcut saves nothing but still keeps the
// browser's "save page" away.
func TestCtrlSSavesThePaneWithFocus(t *testing.T) {
	s := newSite(t)
	const tgTitle = "Намоишгоҳи китоб"
	a := s.seedArticle([]models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: tgTitle, BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "نمایشگاه کتاب", BodyHTML: "<p>متن</p>"},
	}...)
	s.signIn("editor@example.com")
	s.openArticle(a.ID)

	// Focus on nothing: the default is prevented and no request is made.
	prevented := get(s, chromedp.Evaluate[bool](`(() => {
		document.activeElement.blur();
		const e = new KeyboardEvent("keydown", {key: "s", code: "KeyS", ctrlKey: true, bubbles: true, cancelable: true});
		document.body.dispatchEvent(e);
		return e.defaultPrevented && !document.querySelector(".htmx-request");
	})()`))
	if !prevented {
		t.Fatal("Ctrl+S outside any form: the browser's default was not prevented, or a request was sent")
	}

	const faTitle = "نمایشگاه بین\u200cالمللی کتاب"
	s.retitle("fa", faTitle)
	s.run(
		chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)),
	)
	s.htmxSettled()
	if get(s, chromedp.Evaluate[bool](`!!document.querySelector('[data-testid="notice-tg"]')`)) {
		t.Error("the Tajik pane shows a save notice after Ctrl+S in the Persian pane")
	}
	code, fa := s.apiArticle("fa", a.ID)
	if code != 200 || fa.Data.Title != faTitle {
		t.Fatalf("fa from the API after Ctrl+S: %d %q, want %q (published, as the pane chose)", code, fa.Data.Title, faTitle)
	}
	code, tg := s.apiArticle("tg", a.ID)
	if code != 200 || tg.Data.Title != tgTitle {
		t.Fatalf("tg from the API after Ctrl+S in fa: %d %q, want it unchanged %q", code, tg.Data.Title, tgTitle)
	}
}

// seedArticle stores an article in a "news" section with the given
// translations, straight through the store.
func (s *site) seedArticle(tr ...models.TranslationInput) *models.Article {
	s.t.Helper()
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		s.t.Fatal(err)
	}
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: tr})
	if err != nil {
		s.t.Fatal(err)
	}
	return a
}
