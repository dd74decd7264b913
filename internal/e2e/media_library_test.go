package e2e

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// focalRect is where the picture to click on sits in the viewport.
type focalRect struct {
	Left, Top, Width, Height float64
}

// TestClickTheFocalPointOnAPicture clicks on a picture's page a quarter of
// the way across and a third of the way down: the mark moves there, the
// point is saved, and the crops are cut around it again.
func TestClickTheFocalPointOnAPicture(t *testing.T) {
	s := newSite(t)
	s.signIn("editor@example.com")
	id := s.uploadPicture("kuh.jpg", "Кӯҳ", "کوه")
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="focal-picker"] img`)))
	get(s, chromedp.Poll[bool](`(() => { const img = document.querySelector('[data-testid="focal-picker"] img'); return img.complete && img.naturalWidth > 0; })()`))
	s.run(chromedp.ScrollIntoView(chromedp.CSS(`[data-testid="focal-picker"] img`)))
	r := get(s, chromedp.Evaluate[focalRect](`(() => { const b = document.querySelector('[data-testid="focal-picker"] img').getBoundingClientRect();
		return {Left: b.left, Top: b.top, Width: b.width, Height: b.height}; })()`))
	oldCrop := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="media-crops"] img').getAttribute('src')`))
	start := time.Now()
	s.run(chromedp.MouseClickXY(r.Left+r.Width*0.25, r.Top+r.Height/3))
	// The upload's notice is still on the page: wait for the new one.
	s.waitAcrossNavigation(`(() => { const f = document.querySelector('[data-testid="flash"]');
		return !!f && f.textContent.includes('Нуқтаи марказӣ') && !!document.querySelector('[data-focal-mark]'); })()`)
	t.Logf("focal point: click to saved page with new crops: %v", time.Since(start).Round(time.Millisecond))
	m, err := s.store.FindMedia(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	x, y := m.FocalPoint().Fractions()
	if math.Abs(x-0.25) > 0.01 || math.Abs(y-1.0/3) > 0.01 {
		t.Errorf("saved focal point %.4f, %.4f; clicked at 0.25, 0.3333", x, y)
	}
	newCrop := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="media-crops"] img').getAttribute('src')`))
	if newCrop == oldCrop || !strings.Contains(newCrop, fmt.Sprintf("-square-f%dx%d", m.FocalX, m.FocalY)) {
		t.Errorf("square crop %s after the click, was %s", newCrop, oldCrop)
	}
	// The mark stands where the point is, and the form says it.
	mark := get(s, chromedp.Evaluate[focalRect](`(() => { const b = document.querySelector('[data-focal-mark]').getBoundingClientRect();
		const i = document.querySelector('[data-testid="focal-picker"] img').getBoundingClientRect();
		return {Left: (b.left + b.width / 2 - i.left) / i.width, Top: (b.top + b.height / 2 - i.top) / i.height}; })()`))
	if math.Abs(mark.Left-x) > 0.02 || math.Abs(mark.Top-y) > 0.02 {
		t.Errorf("mark at %.3f, %.3f; point at %.3f, %.3f", mark.Left, mark.Top, x, y)
	}
	if w := get(s, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`)); w > 0 {
		t.Errorf("the picture's page is %d px wider than the 1280 px window", w)
	}
	s.screenshot("media-focal")
}

// TestDeletePictureRefusedWithTheArticlesThenDeleted asks to delete a
// featured picture and gets the list of articles, linked to their
// editors; a picture nothing shows is deleted after the confirmation.
func TestDeletePictureRefusedWithTheArticlesThenDeleted(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.signIn("editor@example.com")
	used := s.uploadPicture("used.jpg", "Истифода", "استفاده")
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID, FeaturedMediaID: &used},
		Translations: []models.TranslationInput{{Locale: "tg", Status: models.StatusDraft, Title: "Мақолаи бо расм"}}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/media/%d", s.url, used)),
		chromedp.Click(chromedp.CSS(`[data-testid="media-delete-link"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="media-in-use"]`)),
	)
	t.Logf("delete refused: click to the list of articles: %v", time.Since(start).Round(time.Millisecond))
	link := fmt.Sprintf(`[data-testid="media-use-%d"] a`, a.ID)
	if got := s.text(link); got != "Мақолаи бо расм" {
		t.Errorf("the refusal names %q", got)
	}
	s.screenshot("media-delete-refused")
	s.run(
		chromedp.Click(chromedp.CSS(link)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="choose-featured"]`)),
	)
	if path := get(s, chromedp.Evaluate[string](`location.pathname`)); path != fmt.Sprintf("/admin/articles/%d", a.ID) {
		t.Errorf("the article's link opened %s", path)
	}

	unused := s.uploadDemoPicture("unused.jpg", 5, "", "")
	if unused == used {
		t.Fatal("the same demo picture was uploaded twice")
	}
	start = time.Now()
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="media-delete-link"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="media-delete-confirm"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="media-delete-confirm"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="flash"]`)),
	)
	t.Logf("delete: click on delete, confirm, back in the library: %v", time.Since(start).Round(time.Millisecond))
	if _, err := s.store.FindMedia(ctx, unused); err == nil {
		t.Error("the confirmed delete kept the picture")
	}
	if path := get(s, chromedp.Evaluate[string](`location.pathname`)); path != "/admin/media" {
		t.Errorf("after deleting: %s", path)
	}
	if _, err := s.store.FindMedia(ctx, used); err != nil {
		t.Errorf("the featured picture is gone: %v", err)
	}
}

// TestReplacePictureFileShowsInTheArticle replaces the file of a picture a
// published body shows: the picture keeps its id, and the article, in the
// editor and in the API, shows the new file.
func TestReplacePictureFileShowsInTheArticle(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.signIn("editor@example.com")
	id := s.uploadPicture("old.jpg", "Кӯҳ", "کوه")
	old, err := s.store.FindMedia(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	body := `<p>Матн</p><p><img src="` + media.PublicPath(old.Variant(media.VariantMedium).Path) + `" alt="Кӯҳ"></p>`
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID},
		Translations: []models.TranslationInput{{Locale: "tg", Status: models.StatusPublished, Title: "Кӯҳҳо", BodyHTML: body}}})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "new.jpg")
	if err := os.WriteFile(file, media.DemoJPEG(8), 0o644); err != nil {
		t.Fatal(err)
	}
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/media/%d", s.url, id)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="media-replace-form"]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#replace_file`), []string{file}),
	)
	s.htmxSettled()
	start := time.Now()
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="media-replace-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="flash"]`)),
	)
	t.Logf("replace: click to the picture's page with the new file: %v", time.Since(start).Round(time.Millisecond))
	fresh, err := s.store.FindMedia(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if fresh.Hash == old.Hash || fresh.OriginalName != "new.jpg" {
		t.Fatalf("after replace: %+v", fresh)
	}
	s.run(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)))
	get(s, chromedp.Poll[bool](`(() => { const img = document.querySelector('[data-testid="pane-tg"] .ProseMirror img'); return !!img && img.complete && img.naturalWidth > 0; })()`))
	if src := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="pane-tg"] .ProseMirror img').getAttribute('src')`)); !strings.Contains(src, fresh.Hash) {
		t.Errorf("the editor shows %s, want the new file %s", src, fresh.Hash)
	}
	var answer struct {
		Data struct {
			BodyHTML string `json:"body_html"`
		} `json:"data"`
	}
	s.apiJSON(fmt.Sprintf("/api/v1/tg/articles/%d", a.ID), &answer)
	if !strings.Contains(answer.Data.BodyHTML, fresh.Hash) || strings.Contains(answer.Data.BodyHTML, old.Hash) {
		t.Errorf("the API's body shows %s", answer.Data.BodyHTML)
	}
}

// waitAcrossNavigation waits until js is true in the tab, through a page
// load that the last action started: an evaluation cut off by the load is
// tried again.
func (s *site) waitAcrossNavigation(js string) {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(s.ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("still not true after 30 s: %s", js)
}
