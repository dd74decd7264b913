package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestAdminPagesFitTheWindow opens the editor, the article list and the
// other admin pages at 1280 and 1440 px in a left-to-right (Tajik) and a
// right-to-left (Persian) interface: no page is wider than the window, so
// nothing hides off-screen behind a sideways scroll. The editor's panes come
// first, with the shared fields beside them at the inline end.
func TestAdminPagesFitTheWindow(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	long := strings.Repeat("Намоишгоҳи байналмилалии китоб дар Душанбе ", 4)
	longFa := strings.Repeat("نمایشگاه بین\u200cالمللی کتاب در دوشنبه ", 4)
	a := s.seedArticle([]models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: long, BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: longFa, BodyHTML: "<p>متن</p>"},
	}...)
	var related []uint
	for i := range 3 {
		r, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: a.SectionID}, Translations: []models.TranslationInput{
			{Locale: "tg", Status: models.StatusPublished, Title: fmt.Sprintf("%d. %s", i+1, long), BodyHTML: "<p>Матн</p>"},
			{Locale: "fa", Status: models.StatusPublished, Title: fmt.Sprintf("%d. %s", i+1, longFa), BodyHTML: "<p>متن</p>"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		related = append(related, r.ID)
	}
	if _, err := s.store.SaveArticle(ctx, models.ArticleInput{ID: a.ID, Shared: &models.SharedInput{Version: a.Version, SectionID: a.SectionID, Related: related}}); err != nil {
		t.Fatal(err)
	}
	if err := s.store.TrashArticle(ctx, related[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.SaveTag(ctx, models.TagInput{Slug: "kitob", Names: map[string]string{"tg": "Китоб", "fa": "کتاب"}}); err != nil {
		t.Fatal(err)
	}
	s.signIn("admin@example.com")
	edit := fmt.Sprintf("/admin/articles/%d", a.ID)
	pages := []string{edit, "/admin/articles/new", "/admin", "/admin/articles", "/admin/media", "/admin/sections", "/admin/users",
		"/admin/tags", "/admin/webhooks", "/admin/trash", edit + "/revisions"}
	for _, lang := range []string{"tg", "fa"} {
		s.useInterface(lang)
		for _, width := range []int64{1280, 1440} {
			s.run(chromedp.EmulateViewport(width, 900))
			for _, path := range pages {
				s.leave(s.url+path, false)
				s.run(chromedp.WaitReady(chromedp.CSS(`main`)))
				if wide := s.overflow(); wide != "" {
					t.Errorf("%s interface, %d px, %s is wider than the window: %s", lang, width, path, wide)
				}
			}
			s.openArticle(a.ID)
			s.checkEditorLayout(lang, width)
			if width == 1440 {
				s.screenshot("editor-" + map[string]string{"tg": "ltr", "fa": "rtl"}[lang] + "-1440")
			}
		}
	}
}

// overflow is "" when the page is no wider than the window, else its width
// and the elements that stick out.
func (s *site) overflow() string {
	s.t.Helper()
	return get(s, chromedp.Evaluate[string](`(() => {
		const w = innerWidth, sw = document.documentElement.scrollWidth;
		if (sw <= w) return "";
		const out = [];
		for (const el of document.querySelectorAll("body *")) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && (r.right > w + 1 || r.left < -1)) out.push(el.tagName.toLowerCase() + "." + el.className + " " + Math.round(r.left) + ".." + Math.round(r.right));
		}
		return sw + " px in " + w + ": " + out.slice(0, 5).join(", ");
	})()`))
}

// checkEditorLayout checks the open editor: both panes side by side at
// the top, as wide as each other, and the shared fields in a narrower
// column at the interface's inline end (right in Tajik, left in Persian);
// each related article on one line.
func (s *site) checkEditorLayout(lang string, width int64) {
	s.t.Helper()
	got := get(s, chromedp.Evaluate[map[string]float64](`(() => {
		const box = sel => document.querySelector(sel).getBoundingClientRect();
		const tg = box('[data-testid="pane-tg"]'), fa = box('[data-testid="pane-fa"]'), side = box('.editor-side');
		const rows = [...document.querySelectorAll('[data-testid="related-list"] li')].map(li => li.getBoundingClientRect().height);
		return {tgTop: tg.top, faTop: fa.top, tgW: tg.width, faW: fa.width, tgLeft: tg.left, faLeft: fa.left,
			sideLeft: side.left, sideTop: side.top, sideW: side.width,
			sideInside: document.querySelector('.editor-side').scrollWidth - document.querySelector('.editor-side').clientWidth, rows: rows.length, tallest: Math.max(...rows)};
	})()`))
	if got["tgTop"] != got["faTop"] || got["tgW"] != got["faW"] {
		s.t.Errorf("%s %d px: the panes are not side by side at the same size: %v", lang, width, got)
	}
	if got["sideTop"] > got["tgTop"]+1 || got["sideW"] >= got["tgW"] {
		s.t.Errorf("%s %d px: the shared fields are not a narrow column beside the panes: %v", lang, width, got)
	}
	if rtl := lang == "fa"; rtl != (got["sideLeft"] < got["faLeft"]) || rtl != (got["faLeft"] < got["tgLeft"]) {
		s.t.Errorf("%s %d px: panes and side column are not in the interface's reading order: %v", lang, width, got)
	}
	if got["sideInside"] > 0 {
		s.t.Errorf("%s %d px: the side column's content is wider than the column: %v", lang, width, got)
	}
	if got["rows"] != 2 || got["tallest"] > 48 {
		s.t.Errorf("%s %d px: related articles are not one line each: %v", lang, width, got)
	}
}
