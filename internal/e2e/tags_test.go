package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestEditorAddsAndCreatesTags picks an existing tag with search-as-you-type
// and creates a new one by typing a Persian name (ZWNJ included) and
// confirming; the public API then shows both, each in its locale.
func TestEditorAddsAndCreatesTags(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	music, err := s.store.SaveTag(ctx, models.TagInput{Slug: "musiqi", Names: map[string]string{"tg": "Мусиқӣ", "fa": "موسیقی"}})
	if err != nil {
		t.Fatal(err)
	}
	// More tags, for the tags page's screenshot; none is named like the
	// searches below except the classical-music one, found beside musiqi.
	for slug, names := range map[string][2]string{
		"musiqii-klassiki": {"Мусиқии классикӣ", "موسیقی کلاسیک"},
		"siyosat":          {"Сиёсат", "سیاست"},
		"varzish":          {"Варзиш", "ورزش"},
		"kitobho":          {"Китобҳо", "کتاب\u200cها"},
		"navruz":           {"Наврӯз", "نوروز"},
	} {
		if _, err := s.store.SaveTag(ctx, models.TagInput{Slug: slug, Names: map[string]string{"tg": names[0], "fa": names[1]}}); err != nil {
			t.Fatal(err)
		}
	}
	article, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Ҷашнвораи мусиқӣ", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "جشنوارهٔ موسیقی", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	const newName = "جشنواره\u200cها"

	s.signIn("editor@example.com")
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, article.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="tag-search"]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="tag-search"]`), "мус"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="add-tag-musiqi"]`)),
	)
	// The results follow the whole word, and the box still holds it.
	get(s, chromedp.Poll[bool](`(document.querySelector('[data-testid="create-tag-tg"]') || {textContent: ""}).textContent.includes("мус")`, chromedp.WithPollingTimeout(15*time.Second)))
	if got := get(s, chromedp.Value(chromedp.CSS(`[data-testid="tag-search"]`))); got != "мус" {
		t.Errorf("the search box holds %q while results came, want what was typed", got)
	}
	s.screenshotOf("editor-tags", `[data-testid="tag-picker"]`)
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="add-tag-musiqi"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="tag-musiqi"]`)),
	)
	s.typeText(`[data-testid="tag-search"]`, newName)
	s.run(
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="create-tag-fa"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="create-tag-fa"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="tag-list"] li:nth-child(2)`)),
	)
	if got := s.text(`[data-testid="tag-list"] li:nth-child(2) span`); got != newName {
		t.Errorf("new tag shows as %q, want %q", got, newName)
	}

	type tagRef struct {
		ID   uint   `json:"id"`
		Slug string `json:"slug"`
		Name string `json:"name"`
	}
	var fa, tg struct {
		Data struct {
			Tags []tagRef `json:"tags"`
		} `json:"data"`
	}
	s.apiJSON(fmt.Sprintf("/api/v1/fa/articles/%d", article.ID), &fa)
	if len(fa.Data.Tags) != 2 || fa.Data.Tags[0] != (tagRef{music.ID, "musiqi", "موسیقی"}) || fa.Data.Tags[1].Name != newName {
		t.Fatalf("fa tags = %+v", fa.Data.Tags)
	}
	// The new tag has no Tajik name, so the Tajik answer leaves it out.
	s.apiJSON(fmt.Sprintf("/api/v1/tg/articles/%d", article.ID), &tg)
	if len(tg.Data.Tags) != 1 || tg.Data.Tags[0] != (tagRef{music.ID, "musiqi", "Мусиқӣ"}) {
		t.Fatalf("tg tags = %+v", tg.Data.Tags)
	}
	var list struct {
		Data []struct {
			ID uint `json:"id"`
		} `json:"data"`
	}
	s.apiJSON("/api/v1/fa/articles?tag="+fa.Data.Tags[1].Slug, &list)
	if len(list.Data) != 1 || list.Data[0].ID != article.ID {
		t.Fatalf("fa list by the new tag = %+v", list.Data)
	}

	// The tags page in the Persian interface lists every tag, the new one too.
	s.useInterface("fa")
	s.run(chromedp.Navigate(s.url+"/admin/tags"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="tag-row-musiqi"]`)))
	if rows := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid^="tag-row-"]').length`)); rows != 7 {
		t.Errorf("tags page lists %d tags, want 7", rows)
	}
	s.screenshot("tags")
}
