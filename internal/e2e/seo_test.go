package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// The SEO fields sit collapsed in each pane; a bad canonical URL comes back
// beside its field with the section open and what was typed kept; fixed,
// the fields (the social image chosen with the media picker) are saved with
// the pane and answered by the API as typed.
func TestSEOFieldsInTheEditor(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	card, err := s.store.SaveMedia(ctx, models.MediaInput{Hash: strings.Repeat("5e", 32), Path: "5e/card.jpg", MimeType: "image/jpeg", Width: 1200, Height: 630,
		ByteSize: 900, OriginalName: "card.jpg", Texts: map[string]models.MediaText{"tg": {Alt: "Корти иҷтимоӣ"}}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Мавсими кӯҳнавардӣ", Summary: "Хулоса", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusDraft, Title: "فصل کوه\u200cنوردی", Summary: "خلاصه", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	const seoTitle = "Кӯҳнавардӣ дар Помир: ҳама чиз"
	s.signIn("admin@example.com")
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="seo-tg"] summary`)),
	)
	if get(s, chromedp.Evaluate[bool](`document.querySelector('[data-testid="seo-tg"]').open`)) {
		t.Fatal("the SEO section is open before anyone asked")
	}
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="seo-tg"] summary`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="tg-seo_title"]`)))
	s.typeText(`[data-testid="tg-seo_title"]`, seoTitle)
	s.typeText(`[data-testid="tg-canonical_url"]`, "news/1")
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="save-tg"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="error-tg-canonical_url"]`)),
	)
	if got := s.text(`[data-testid="error-tg-canonical_url"]`); !strings.Contains(got, "https://") {
		t.Errorf("canonical URL message %q", got)
	}
	if got := get(s, chromedp.Value(chromedp.CSS(`[data-testid="tg-seo_title"]`))); got != seoTitle {
		t.Errorf("the refused save kept title %q, want %q", got, seoTitle)
	}

	pick := fmt.Sprintf(`#media-dialog .media-pick[data-media-id="%d"]`, card.ID)
	s.run(
		chromedp.SetValue(chromedp.CSS(`[data-testid="tg-canonical_url"]`), "https://source.example.com/story/7"),
		chromedp.Click(chromedp.CSS(`[data-testid="choose-seo-image-tg"]`)),
		chromedp.WaitVisible(chromedp.CSS(pick)),
		chromedp.Click(chromedp.CSS(pick)),
		chromedp.Click(chromedp.CSS(`[data-testid="tg-noindex"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="save-tg"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="error-tg-canonical_url"]`)),
	)
	var body struct {
		Data struct {
			SEO struct {
				Title        string  `json:"title"`
				Description  string  `json:"description"`
				CanonicalURL *string `json:"canonical_url"`
				Noindex      bool    `json:"noindex"`
				Image        *struct {
					Alt string `json:"alt"`
				} `json:"image"`
			} `json:"seo"`
		} `json:"data"`
	}
	s.apiJSON(fmt.Sprintf("/api/v1/tg/articles/%d", a.ID), &body)
	seo := body.Data.SEO
	if seo.Title != seoTitle || seo.Description != "Хулоса" || !seo.Noindex || seo.CanonicalURL == nil || *seo.CanonicalURL != "https://source.example.com/story/7" {
		t.Fatalf("seo from the API %+v", seo)
	}
	if seo.Image == nil || seo.Image.Alt != "Корти иҷтимоӣ" {
		t.Fatalf("seo.image %+v, want the picked card", seo.Image)
	}

	// The Persian pane's section in the Persian interface, for the README.
	s.useInterface("fa")
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="seo-fa"] summary`)),
		chromedp.Click(chromedp.CSS(`[data-testid="seo-fa"] summary`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-seo_title"]`)),
	)
	s.typeText(`[data-testid="fa-seo_title"]`, "کوه\u200cنوردی در پامیر: راهنمای کامل")
	s.typeText(`[data-testid="fa-seo_description"]`, "راه\u200cها، فصل\u200cها و آنچه کوه\u200cنوردان باید بدانند.")
	s.screenshotOf("seo", `[data-testid="seo-fa"]`)
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="seo-fa"] .field-error`)),
	)
}
