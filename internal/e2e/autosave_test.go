package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestAutosaveKeepsDraftsNeverPublishes types into a draft pane and leaves
// it alone: the draft reaches the server by itself, still a draft. The
// published pane's unsaved text stays in the browser, not on the site.
func TestAutosaveKeepsDraftsNeverPublishes(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Нашршуда", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusDraft, Title: "پیش"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	s.signIn("editor@example.com")
	s.run(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-editor"] .ProseMirror`)))
	s.typeInEditor("fa", "کتاب\u200cها می\u200cرسند")
	s.typeText(`[data-testid="tg-title"]`, " — тағйир")

	deadline := time.Now().Add(20 * time.Second)
	for {
		now, err := s.store.FindArticle(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		fa, _ := now.Translation("fa")
		if fa.BodyHTML != "" {
			if fa.Status != models.StatusDraft || fa.BodyHTML != "<p dir=\"auto\">کتاب\u200cها می\u200cرسند</p>" {
				t.Fatalf("autosaved fa: status %s, body %q", fa.Status, fa.BodyHTML)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the fa draft was not autosaved within 20 seconds")
		}
		time.Sleep(250 * time.Millisecond)
	}
	now, _ := s.store.FindArticle(ctx, a.ID)
	if tg, _ := now.Translation("tg"); tg.Title != "Нашршуда" {
		t.Fatalf("autosave changed the published tg translation: %q", tg.Title)
	}
	// The published pane's text waits in this browser for its own save.
	kept := get(s, chromedp.Evaluate[string](fmt.Sprintf(`localStorage.getItem("payvand:article:%d:tg") || ""`, a.ID)))
	if kept == "" {
		t.Fatal("the unsaved tg text is not kept in the browser")
	}
}
