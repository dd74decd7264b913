package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// outdatedRefs is the part of the API's article this test checks.
type outdatedRefs struct {
	Data struct {
		Outdated     bool `json:"outdated"`
		Translations []struct {
			Locale   string `json:"locale"`
			Outdated bool   `json:"outdated"`
		} `json:"translations"`
	} `json:"data"`
}

// TestTranslationFallsBehindAndCatchesUp edits the Tajik text in the
// browser: a minor edit leaves the Persian translation alone; a real edit
// flags it outdated in its pane (with what changed), in the list and in the
// API, until the translator marks it current.
func TestTranslationFallsBehindAndCatchesUp(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Намоишгоҳи китоб кушода шуд", BodyHTML: "<p>Намоишгоҳ се рӯз давом мекунад.</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "نمایشگاه کتاب گشایش یافت", BodyHTML: "<p>نمایشگاه سه روز ادامه می\u200cیابد.</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	faOutdated := func() (own, fromTG bool) {
		var fa, tg outdatedRefs
		s.apiJSON(fmt.Sprintf("/api/v1/fa/articles/%d", a.ID), &fa)
		s.apiJSON(fmt.Sprintf("/api/v1/tg/articles/%d", a.ID), &tg)
		for _, r := range tg.Data.Translations {
			if r.Locale == "fa" {
				fromTG = r.Outdated
			}
		}
		return fa.Data.Outdated, fromTG
	}
	retitleTG := func(title string, minor bool) {
		s.run(chromedp.Clear(chromedp.CSS(`[data-testid="tg-title"]`)))
		s.typeText(`[data-testid="tg-title"]`, title)
		if minor {
			s.run(chromedp.Click(chromedp.CSS(`[data-testid="minor-tg"]`)))
		}
		s.run(
			chromedp.Click(chromedp.CSS(`[data-testid="save-tg"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-tg"]`)),
		)
	}
	s.signIn("editor@example.com")
	editor := fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)
	s.run(chromedp.Navigate(editor), chromedp.WaitVisible(chromedp.CSS(`[data-testid="save-tg"]`)))

	retitleTG("Намоишгоҳи китоб кушода шуд.", true)
	if own, ref := faOutdated(); own || ref {
		t.Fatalf("after a minor edit the API says fa is outdated (own %v, in tg's translations %v)", own, ref)
	}

	// A real edit: fa's pane shows the notice at once, without a reload.
	retitleTG("Намоишгоҳи байналмилалии китоб кушода шуд", false)
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="mark-current-fa"]`)))
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="outdated-fa-changes-tg"] summary`)))
	diff := s.text(`[data-testid="outdated-fa-diff-tg"]`)
	if !strings.Contains(diff, "байналмилалии") {
		t.Errorf("fa's notice should show the added Tajik word; it shows %q", diff)
	}
	s.screenshotOf("outdated", `#pane-fa`)
	if own, ref := faOutdated(); !own || !ref {
		t.Fatalf("after a real tg edit the API should say fa is outdated (own %v, in tg's translations %v)", own, ref)
	}

	s.run(chromedp.Navigate(s.url+"/admin/articles?status=outdated"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-testid="outdated-%d-fa"]`, a.ID))))

	// The translator starts typing, then decides the Persian text needs no
	// change and marks it current: the typed text stays in the pane,
	// unsaved, and nothing of it reaches the server.
	const typed = "نمایشگاه بین\u200cالمللی کتاب"
	s.run(
		chromedp.Navigate(editor),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="mark-current-fa"]`)),
		chromedp.Clear(chromedp.CSS(`[data-testid="fa-title"]`)),
	)
	s.typeText(`[data-testid="fa-title"]`, typed)
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="mark-current-fa"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="mark-current-fa"]`)),
	)
	if own, ref := faOutdated(); own || ref {
		t.Fatalf("after mark current the API still says fa is outdated (own %v, in tg's translations %v)", own, ref)
	}
	if title := get(s, chromedp.Value(chromedp.CSS(`[data-testid="fa-title"]`))); title != typed {
		t.Errorf("fa title in the pane = %q, want what was typed", title)
	}
	stored, err := s.store.FindArticle(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fa, _ := stored.Translation("fa"); fa.Title != "نمایشگاه کتاب گشایش یافت" {
		t.Errorf("marking current saved the pane's typed title: %q", fa.Title)
	}
}
