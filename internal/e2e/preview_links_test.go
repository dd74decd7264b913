package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

const e2eSiteURL = "https://news.example.tj"

// newSiteWithFrontend is newSite with --site-url set, so answers carry
// the site's URLs.
func newSiteWithFrontend(t *testing.T) *site {
	t.Helper()
	site, err := siteurl.New(e2eSiteURL, siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		t.Fatal(err)
	}
	return newSiteFor(t, "", "", site)
}

// TestPreviewShowsAPersianDraftAsReadersWould: a Persian draft with a
// featured picture opens from its pane's Preview as a plain article page,
// right to left in the Persian font, with its title, body and picture,
// under the admin's CSP without a violation.
func TestPreviewShowsAPersianDraftAsReadersWould(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.signIn("editor@example.com")
	pic := s.uploadPicture("herat.jpg", "Ҳирот", "هرات")
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "culture", Names: map[string]string{"tg": "Фарҳанг", "fa": "فرهنگ"}})
	if err != nil {
		t.Fatal(err)
	}
	const title, body = "نمایشگاه\u200cهای تازه در هرات", "<p>هنرمندان جوان آثار خود را نشان می\u200cدهند.</p>"
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID, FeaturedMediaID: &pic},
		Translations: []models.TranslationInput{{Locale: "fa", Status: models.StatusDraft, Title: title, BodyHTML: body}}})
	if err != nil {
		t.Fatal(err)
	}
	s.run(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="read-preview-fa"]`)))
	href := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="read-preview-fa"]').href`))
	if target := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="read-preview-fa"]').target`)); target != "_blank" {
		t.Errorf("Preview opens in %q, want a new tab (the form keeps its unsaved text)", target)
	}

	// The new tab's page, as the click would open it.
	start := time.Now()
	s.run(chromedp.Navigate(href), chromedp.WaitVisible(chromedp.CSS(`[data-testid="read-picture"]`)))
	get(s, chromedp.Poll[bool](`document.querySelector('[data-testid="read-picture"]').complete && document.fonts.status === "loaded"`, chromedp.WithPollingTimeout(10*time.Second)))
	t.Logf("timing: Preview of a Persian draft, navigation to picture and fonts loaded: %v", time.Since(start).Round(time.Millisecond))
	s.watchCSP()
	s.screenshot("preview")

	page := get(s, chromedp.Evaluate[map[string]any](`(() => {
		const h1 = document.querySelector('[data-testid="read-title"]');
		const img = document.querySelector('[data-testid="read-picture"]');
		const body = document.querySelector('[data-testid="read-body"]');
		return {
			dir: getComputedStyle(body).direction, lang: document.documentElement.lang,
			title: h1.textContent, body: body.innerHTML, font: getComputedStyle(body).fontFamily,
			vazir: document.fonts.check('16px Vazirmatn', 'ا'),
			picture: img.naturalWidth, alt: img.alt, status: document.querySelector('[data-testid="read-status"]').textContent,
			noticeDir: getComputedStyle(document.querySelector('[data-testid="read-notice"]')).direction,
		};
	})()`))
	if page["dir"] != "rtl" || page["lang"] != "fa" {
		t.Errorf("the preview is %v/%v, want rtl/fa", page["dir"], page["lang"])
	}
	if page["title"] != title || page["body"] != body {
		t.Errorf("title %q body %q, want the draft's, byte for byte", page["title"], page["body"])
	}
	if w, _ := page["picture"].(float64); w == 0 || page["alt"] != "هرات" {
		t.Errorf("featured picture not shown: width %v alt %q", page["picture"], page["alt"])
	}
	if font, _ := page["font"].(string); !strings.HasPrefix(font, `Vazirmatn`) && !strings.HasPrefix(font, `"Vazirmatn"`) || page["vazir"] != true {
		t.Errorf("Persian text is set in %v (Vazirmatn loaded: %v)", page["font"], page["vazir"])
	}
	if page["status"] == "" || page["noticeDir"] != "ltr" {
		t.Errorf("the notice says %q in %v; want the draft's status in the Tajik interface's direction", page["status"], page["noticeDir"])
	}
	if v := s.cspViolations(); v != "" {
		t.Errorf("CSP violations: %s", v)
	}
}

// TestInternalLinkFromThePicker: in article A's Persian pane the link
// dialog's picker finds article B by its title and links the selected
// words to it; saved, the API answers A's body with B's Persian page on
// the site; unpublishing B's Persian translation leaves the words as plain
// text, and a new slug for B moves the link.
func TestInternalLinkFromThePicker(t *testing.T) {
	s := newSiteWithFrontend(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	save := func(in models.ArticleInput) *models.Article {
		t.Helper()
		a, err := s.store.SaveArticle(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	b := save(models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Ҷашнвораи китоб", BodyHTML: "<p>Китобҳо.</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "جشنوارهٔ کتاب\u200cخوانی", Slug: "جشنواره-کتاب", BodyHTML: "<p>کتاب\u200cها.</p>"}}})
	const words = "گزارش کامل"
	a := save(models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "fa", Status: models.StatusPublished, Title: "خبر روز", BodyHTML: "<p>" + words + " را بخوانید.</p>"}}})

	s.signIn("editor@example.com")
	s.run(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-editor"] .ProseMirror p`)))
	// Select the words, through the editor (see openLinkDialog).
	get(s, chromedp.Evaluate[any](fmt.Sprintf(`(() => {
		const box = document.querySelector('[data-testid="fa-editor"]');
		const view = PayvandEditor.get(box).editor.view;
		const text = box.querySelector(".ProseMirror p").firstChild;
		view.focus();
		PayvandEditor.get(box).editor.commands.setTextSelection({from: view.posAtDOM(text, 0), to: view.posAtDOM(text, %d)});
		return 0;
	})()`, len([]rune(words)))))
	s.watchCSP()
	start := time.Now()
	s.run(
		chromedp.Click(chromedp.CSS(`#pane-fa [data-cmd="link"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="link-find"]`)),
	)
	s.typeText(`[data-testid="link-find"]`, "جشنواره")
	result := fmt.Sprintf(`[data-testid="link-result-%d"]`, b.ID)
	s.run(chromedp.WaitVisible(chromedp.CSS(result)))
	t.Logf("timing: link dialog opened, title typed, B found: %v (200 ms of it the picker's pause after typing); the search request itself: %s",
		time.Since(start).Round(time.Millisecond), s.requestTimes("link-search"))
	s.screenshotOf("link-picker", `[data-testid="link-dialog"] article`)
	if got := s.text(result); !strings.Contains(got, "جشنوارهٔ کتاب\u200cخوانی") {
		t.Errorf("the picker names B %q, want its Persian title", got)
	}
	start = time.Now()
	s.run(chromedp.Click(chromedp.CSS(result)), chromedp.WaitNotVisible(chromedp.CSS(`[data-testid="link-dialog"]`)))
	want := fmt.Sprintf(`<a data-article-id="%d" href="/admin/articles/%d">%s</a>`, b.ID, b.ID, words)
	if got := s.body("fa"); !strings.Contains(got, want) {
		t.Fatalf("body after choosing B = %q, want %q", got, want)
	}
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)))
	t.Logf("timing: choosing B to the pane saved: %v; the save request itself: %s", time.Since(start).Round(time.Millisecond), s.requestTimes("/translations/fa"))
	if v := s.cspViolations(); v != "" {
		t.Errorf("CSP violations: %s", v)
	}

	bURL := func(slug string) string { return e2eSiteURL + "/fa/news/" + url.PathEscape(slug) }
	linked := func(slug string) string {
		return fmt.Sprintf(`<a data-article-id="%d" href="%s">%s</a>`, b.ID, bURL(slug), words)
	}
	if _, got := s.apiArticle("fa", a.ID); !strings.Contains(got.Data.BodyHTML, linked("جشنواره-کتاب")) {
		t.Fatalf("A's body from the API = %q, want B's Persian page %s", got.Data.BodyHTML, bURL("جشنواره-کتاب"))
	}

	bFa := func() models.ArticleTranslation {
		t.Helper()
		current, err := s.store.FindArticle(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		tr, _ := current.Translation("fa")
		return tr
	}
	change := func(edit func(*models.TranslationInput)) {
		t.Helper()
		tr := bFa()
		in := models.TranslationInput{Locale: "fa", Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt, Title: tr.Title, Slug: tr.Slug, BodyHTML: tr.BodyHTML}
		edit(&in)
		save(models.ArticleInput{ID: b.ID, Translations: []models.TranslationInput{in}})
	}
	change(func(in *models.TranslationInput) { in.Status = models.StatusDraft })
	if _, got := s.apiArticle("fa", a.ID); got.Data.BodyHTML != `<p dir="auto">`+words+` را بخوانید.</p>` {
		t.Fatalf("with B unpublished, A's body = %q, want the words as plain text", got.Data.BodyHTML)
	}
	change(func(in *models.TranslationInput) { in.Status, in.Slug = models.StatusPublished, "کتاب-خوانی" })
	if _, got := s.apiArticle("fa", a.ID); !strings.Contains(got.Data.BodyHTML, linked("کتاب-خوانی")) {
		t.Fatalf("after B's new slug, A's body = %q, want %s", got.Data.BodyHTML, bURL("کتاب-خوانی"))
	}
}

// requestTimes lists how long the page's requests whose address contains
// part took, from the browser's resource timing: what the editor waits
// for, without the test's own steps.
func (s *site) requestTimes(part string) string {
	s.t.Helper()
	return get(s, chromedp.Evaluate[string](fmt.Sprintf(`performance.getEntriesByType("resource").filter((e) => e.name.includes(%q)).map((e) => Math.round(e.duration) + " ms").join(", ")`, part)))
}
