package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// publicArticle is the part of the API's article the editor tests check.
type publicArticle struct {
	Data struct {
		ID       uint   `json:"id"`
		Title    string `json:"title"`
		BodyHTML string `json:"body_html"`
		Related  []struct {
			ID uint `json:"id"`
		} `json:"related"`
	} `json:"data"`
	Error struct {
		Code    string `json:"code"`
		Details struct {
			Locales []string `json:"locales"`
		} `json:"details"`
	} `json:"error"`
}

// apiArticle fetches one article from the public API, whatever its status.
func (s *site) apiArticle(loc string, id uint) (int, publicArticle) {
	s.t.Helper()
	resp, err := http.Get(fmt.Sprintf("%s/api/v1/%s/articles/%d", s.url, loc, id))
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var body publicArticle
	if err := jsonDecode(resp, &body); err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, body
}

// typeInEditor clicks into a pane's rich-text editor and types text through
// Input.insertText, as an input method does, so U+200C arrives intact.
func (s *site) typeInEditor(loc, text string) {
	s.t.Helper()
	sel := fmt.Sprintf(`[data-testid="%s-editor"] .ProseMirror`, loc)
	s.run(chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
	s.typeText(sel, text)
}

// fillNewArticle opens the new-article page, picks the section and types
// each pane's title and body, tg's then fa's, leaving the form unsent.
func (s *site) fillNewArticle(sectionID uint, tg, fa [2]string) {
	s.t.Helper()
	s.run(
		chromedp.Navigate(s.url+"/admin/articles/new"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="section-select"]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid="section-select"]`), fmt.Sprint(sectionID)),
	)
	s.typeText(`[data-testid="tg-title"]`, tg[0])
	s.typeText(`[data-testid="fa-title"]`, fa[0])
	s.typeInEditor("tg", tg[1])
	s.typeInEditor("fa", fa[1])
}

func TestEditorWritesBothLanguagesByteExact(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Намоишгоҳи китоб", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "نمایشگاه کتاب", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	const (
		tgTitle = "Ҳамкории ҷавонон дар ғарби кишвар"
		faTitle = "جوانان همکاری می\u200cکنند"
		faBody  = "دانش\u200cآموزان همکاری می\u200cکنند"
		tgBody  = "Ҷавонон ҳамкорӣ мекунанд"
	)
	s.signIn("admin@example.com")
	s.fillNewArticle(sec.ID, [2]string{tgTitle, tgBody}, [2]string{faTitle, faBody})
	s.run(chromedp.SetValue(chromedp.CSS(`[data-testid="tg-status"]`), "published"))
	if dir := get(s, chromedp.AttributeValue(chromedp.CSS(`[data-testid="fa-editor"] .ProseMirror`), "dir")).Value; dir != "rtl" {
		t.Errorf("Persian editor dir = %q", dir)
	}
	s.screenshot("editor-new")
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="create-article"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="shared-form"]`)),
	)
	id := uint(0)
	fmt.Sscanf(get(s, chromedp.Evaluate[string](`location.pathname`)), "/admin/articles/%d", &id)
	if id == 0 {
		t.Fatal("no article id in the address after creating")
	}

	// Link the related article through the search-as-you-type picker.
	s.run(chromedp.SendKeys(chromedp.CSS(`[data-testid="related-search"]`), "китоб"))
	add := fmt.Sprintf(`[data-testid="add-related-%d"]`, other.ID)
	s.run(chromedp.WaitVisible(chromedp.CSS(add)), chromedp.Click(chromedp.CSS(add)))
	s.run(chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-testid="related-%d"]`, other.ID))))

	// tg is public, byte for byte; fa is still a draft.
	code, tg := s.apiArticle("tg", id)
	if code != 200 || tg.Data.Title != tgTitle || !strings.Contains(tg.Data.BodyHTML, tgBody) {
		t.Fatalf("tg from the API: %d %+v", code, tg.Data)
	}
	if len(tg.Data.Related) != 1 || tg.Data.Related[0].ID != other.ID {
		t.Errorf("tg related = %+v, want the linked article", tg.Data.Related)
	}
	code, fa := s.apiArticle("fa", id)
	if code != 404 || fa.Error.Code != "not_translated" || len(fa.Error.Details.Locales) != 1 || fa.Error.Details.Locales[0] != "tg" {
		t.Fatalf("fa before publishing: %d %+v", code, fa.Error)
	}
	_, back := s.apiArticle("tg", other.ID)
	if len(back.Data.Related) != 1 || back.Data.Related[0].ID != id {
		t.Errorf("the other article's related = %+v, want this one (links show on both)", back.Data.Related)
	}

	// A preview token opens the fa draft through the public API; a tampered
	// one is not found.
	alicePreview(t, s, id, faTitle)

	// Publish fa from its own pane.
	s.run(
		chromedp.SetValue(chromedp.CSS(`[data-testid="fa-status"]`), "published"),
		chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)),
	)
	s.screenshotOf("editor", `.panes`)
	code, fa = s.apiArticle("fa", id)
	if code != 200 || fa.Data.Title != faTitle || !strings.Contains(fa.Data.BodyHTML, faBody) {
		t.Fatalf("fa after publishing: %d title %q body %q", code, fa.Data.Title, fa.Data.BodyHTML)
	}
	if _, back := s.apiArticle("fa", other.ID); len(back.Data.Related) != 1 || back.Data.Related[0].ID != id {
		t.Errorf("fa related of the other article = %+v", back.Data.Related)
	}
	stored, _ := s.store.FindArticle(ctx, id)
	if tr, _ := stored.Translation("fa"); tr.Title != faTitle {
		t.Errorf("stored fa title %q", tr.Title)
	}
}

func alicePreview(t *testing.T, s *site, id uint, draftTitle string) {
	t.Helper()
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="preview-button"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="preview-token-value"]`)),
	)
	token := get(s, chromedp.Value(chromedp.CSS(`[data-testid="preview-token-value"]`)))
	fetch := func(tok string) (int, publicArticle) {
		resp, err := http.Get(fmt.Sprintf("%s/api/v1/fa/articles/%d?preview=%s", s.url, id, tok))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body publicArticle
		if err := jsonDecode(resp, &body); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, body
	}
	if code, body := fetch(token); code != 200 || body.Data.Title != draftTitle {
		t.Fatalf("preview of the fa draft: %d %q", code, body.Data.Title)
	}
	tampered := []byte(token)
	tampered[len(tampered)/2] ^= 1
	if code, body := fetch(string(tampered)); code != 404 || body.Error.Code != "not_found" {
		t.Fatalf("tampered preview token: %d %+v", code, body.Error)
	}
	_ = time.Second
}
