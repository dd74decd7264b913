package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// featuredList reads the ids of the public featured list.
func (s *site) featuredList(loc string) []uint {
	s.t.Helper()
	var body struct {
		Data []struct {
			ID       uint `json:"id"`
			Featured *struct {
				Position int `json:"position"`
			} `json:"featured"`
		} `json:"data"`
	}
	s.apiJSON("/api/v1/"+loc+"/articles?featured=true", &body)
	ids := []uint{}
	for _, d := range body.Data {
		ids = append(ids, d.ID)
	}
	return ids
}

// An editor pins one article in its shared fields for a week (a bad
// position refused beside the field first) and another from the list, then unpins the
// first from the list: the API's featured list follows each step.
func TestPinningInTheEditorAndTheList(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	article := func(title string) uint {
		a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
			{Locale: "tg", Status: models.StatusPublished, Title: title, BodyHTML: "<p>Матн</p>"}}})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	first, second := article("Намоишгоҳи китоб дар Душанбе"), article("Ҷашнвораи мусиқии Наврӯз")
	article("Обу ҳаво дар ҳафтаи оянда") // never pinned
	s.signIn("admin@example.com")
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, first)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pin-fields"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="pinned"]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid="pin-position"]`), "1000"),
		chromedp.Click(chromedp.CSS(`[data-testid="save-shared"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="error-pin_position"]`)),
	)
	if got := s.featuredList("tg"); len(got) != 0 {
		t.Fatalf("a refused pin is listed: %v", got)
	}
	// The refusal swapped the shared fields in: the next click waits for
	// htmx to bind them, or it would submit the form without htmx.
	s.htmxSettled()
	s.run(
		chromedp.SetValue(chromedp.CSS(`[data-testid="pin-position"]`), "2"),
		chromedp.SetValue(chromedp.CSS(`[data-testid="pin-until"]`), time.Now().AddDate(0, 0, 7).Format("2006-01-02T15:04")),
		chromedp.Click(chromedp.CSS(`[data-testid="save-shared"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="error-pin_position"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="shared-notice"]`)),
	)
	if got := s.featuredList("tg"); len(got) != 1 || got[0] != first {
		t.Fatalf("after pinning in the editor: %v, want [%d]", got, first)
	}

	key := fmt.Sprint(second)
	s.run(
		chromedp.Navigate(s.url+"/admin/articles"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pin-`+key+`"]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid="pin-position-`+key+`"]`), "1"),
		chromedp.Click(chromedp.CSS(`[data-testid="pin-`+key+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pinned-`+key+`"]`)),
	)
	if got := s.featuredList("tg"); len(got) != 2 || got[0] != second || got[1] != first {
		t.Fatalf("after pinning from the list: %v, want [%d %d]", got, second, first)
	}
	s.screenshot("featured")
	firstKey := fmt.Sprint(first)
	s.htmxSettled() // the pin swapped its row in
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="unpin-`+firstKey+`"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="pinned-`+firstKey+`"]`)),
	)
	if got := s.featuredList("tg"); len(got) != 1 || got[0] != second {
		t.Fatalf("after unpinning from the list: %v, want [%d]", got, second)
	}
}
