package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestListsTitleArticlesInTheInterfaceLanguage opens the article list, the
// trash and the related picker in the Persian and then the Tajik
// interface: each article is titled in the interface's language, the other
// translation's title beside it; an article with only a Tajik title keeps
// it in either.
func TestListsTitleArticlesInTheInterfaceLanguage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const tgTitle, faTitle = "Намоишгоҳи китоб", "نمایشگاه کتاب"
	a := s.seedArticle([]models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: tgTitle, BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: faTitle, BodyHTML: "<p>متن</p>"},
	}...)
	tgOnly, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: a.SectionID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Китоби тоза", BodyHTML: "<p>Матн</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: a.SectionID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Ҷашнвораи китоб", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "جشنوارهٔ کتاب", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	trashed, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: a.SectionID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusDraft, Title: "Хабари кӯҳна", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusDraft, Title: "خبر کهنه", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.store.TrashArticle(ctx, trashed.ID); err != nil {
		t.Fatal(err)
	}
	s.signIn("editor@example.com")
	for _, tc := range []struct{ lang, first, beside, trashFirst, trashBeside, pickFirst string }{
		{"fa", faTitle, tgTitle, "خبر کهنه", "Хабари кӯҳна", "جشنوارهٔ کتاب"},
		{"tg", tgTitle, faTitle, "Хабари кӯҳна", "خبر کهنه", "Ҷашнвораи китоб"},
	} {
		s.useInterface(tc.lang)
		start := time.Now()
		s.leave(s.url+"/admin/articles", false)
		s.run(chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-testid="title-%d"]`, a.ID))))
		t.Logf("%s list shown in %v", tc.lang, time.Since(start).Round(time.Millisecond))
		if got := s.text(fmt.Sprintf(`[data-testid="title-%d"]`, a.ID)); got != tc.first {
			t.Errorf("%s list: title %q, want %q first", tc.lang, got, tc.first)
		}
		if got := s.text(fmt.Sprintf(`[data-testid="other-title-%d"]`, a.ID)); got != tc.beside {
			t.Errorf("%s list: beside the title %q, want %q", tc.lang, got, tc.beside)
		}
		if got := s.text(fmt.Sprintf(`[data-testid="title-%d"]`, tgOnly.ID)); got != "Китоби тоза" {
			t.Errorf("%s list: a Tajik-only article is titled %q", tc.lang, got)
		}
		s.leave(s.url+"/admin/trash", false)
		if got := s.text(fmt.Sprintf(`[data-testid="trash-title-%d"]`, trashed.ID)); got != tc.trashFirst {
			t.Errorf("%s trash: title %q, want %q", tc.lang, got, tc.trashFirst)
		}
		if got := s.text(fmt.Sprintf(`[data-testid="trash-other-title-%d"]`, trashed.ID)); got != tc.trashBeside {
			t.Errorf("%s trash: beside the title %q, want %q", tc.lang, got, tc.trashBeside)
		}
		s.openArticle(a.ID)
		s.typeText(`[data-testid="related-search"]`, "китоб")
		add := fmt.Sprintf(`[data-testid="add-related-%d"]`, other.ID)
		s.run(chromedp.WaitVisible(chromedp.CSS(add)))
		if got := s.text(add + ` > span`); got != tc.pickFirst {
			t.Errorf("%s related picker: %q first, want %q", tc.lang, got, tc.pickFirst)
		}
	}
}
