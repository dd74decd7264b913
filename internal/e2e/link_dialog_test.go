package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/payvand/payvand/models"
)

// openLinkDialog puts the cursor inside the first link of loc's body and
// opens the link dialog from the toolbar. The cursor is placed through the
// editor, not by clicking: repeated clicks on one spot are a double or
// triple click to ProseMirror, which selects the word or the paragraph.
func (s *site) openLinkDialog(loc string) {
	s.t.Helper()
	get(s, chromedp.Evaluate[any](fmt.Sprintf(`(() => {
		const box = document.querySelector('[data-testid="%s-editor"]');
		const view = PayvandEditor.get(box).editor.view;
		const pos = view.posAtDOM(box.querySelector(".ProseMirror a").firstChild, 2);
		view.focus();
		PayvandEditor.get(box).editor.commands.setTextSelection(pos);
		return pos;
	})()`, loc)))
	s.run(
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#pane-%s [data-cmd="link"]`, loc))),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="link-dialog"]`)),
	)
}

// retypeAddress replaces the address in the open link dialog, typed.
func (s *site) retypeAddress(href string) {
	s.t.Helper()
	get(s, chromedp.Evaluate[any](`document.querySelector('[data-testid="link-href"]').select(); 0`))
	s.typeText(`[data-testid="link-href"]`, href)
}

// focusEnd puts loc's cursor at the end of its body, in a new paragraph
// when newParagraph, and waits out the scroll TipTap's focus makes in the
// next animation frame: a click measured before that scroll would land
// wherever the page moved, not on its button.
func (s *site) focusEnd(loc string, newParagraph bool) {
	s.t.Helper()
	get(s, chromedp.Evaluate[any](fmt.Sprintf(`(() => {
		const ed = PayvandEditor.get(document.querySelector('[data-testid="%s-editor"]')).editor;
		ed.commands.focus("end");
		if (%t) { ed.commands.splitBlock(); }
		window.focusScrolled = false;
		requestAnimationFrame(() => requestAnimationFrame(() => { window.focusScrolled = true; }));
		return 0;
	})()`, loc, newParagraph)))
	get(s, chromedp.Poll[bool](`window.focusScrolled === true`))
}

// body is the HTML the pane's form will submit for loc's body.
func (s *site) body(loc string) string {
	s.t.Helper()
	return get(s, chromedp.Value(chromedp.CSS(fmt.Sprintf(`[data-testid="%s-body"]`, loc))))
}

// watchCSP records Content-Security-Policy violations of the page from now
// on; cspViolations reads them.
func (s *site) watchCSP() {
	s.t.Helper()
	get(s, chromedp.Evaluate[any](`window.__csp = []; document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI)); 0`))
}

func (s *site) cspViolations() string {
	s.t.Helper()
	return get(s, chromedp.Evaluate[string](`(window.__csp || []).join("; ")`))
}

// TestLinkDialogCancelChangesNothing: the body editor's link dialog shows
// the link's address; Cancel and Escape leave the body as it was, Apply
// changes the address, Remove link unlinks the text, and what each
// browser saved is what the API sends. The second browser works in a
// Persian interface: its dialog is right to left, the address left to right.
func TestLinkDialogCancelChangesNothing(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	const (
		tgLink = `<a href="https://example.com/vazorat">вазорат</a>`
		faLink = `<a href="https://example.com/vezarat">وزارت</a>`
	)
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Сомонаи нав", BodyHTML: "<p>Сомонаи " + tgLink + " кушода шуд.</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "پایگاه تازه", BodyHTML: "<p>پایگاه " + faLink + " باز می\u200cشود.</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := s.store.FindUserByEmail(ctx, "admin@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.store.SetUILanguage(ctx, admin.ID, "fa"); err != nil {
		t.Fatal(err)
	}
	editor := fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)

	// The first browser, in the Tajik interface.
	s.signIn("editor@example.com")
	s.run(chromedp.Navigate(editor), chromedp.WaitVisible(chromedp.CSS(`[data-testid="tg-editor"] .ProseMirror a`)))
	s.watchCSP()
	before := s.body("tg")
	if !strings.Contains(before, `href="https://example.com/vazorat">вазорат</a>`) {
		t.Fatalf("tg body before = %q, want the link", before)
	}

	s.openLinkDialog("tg")
	if href := get(s, chromedp.Value(chromedp.CSS(`[data-testid="link-href"]`))); href != "https://example.com/vazorat" {
		t.Errorf("the dialog shows the address %q, want the link's", href)
	}
	if got := s.text(`[data-testid="link-remove"]`); got != "Пайвандро бардоштан" {
		t.Errorf("Remove link reads %q in the Tajik interface", got)
	}
	s.screenshotOf("link-dialog", `[data-testid="link-dialog"] article`)
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="link-cancel"]`)),
		chromedp.WaitNotVisible(chromedp.CSS(`[data-testid="link-dialog"]`)),
	)
	if got := s.body("tg"); got != before {
		t.Fatalf("Cancel changed the body:\n got %q\nwant %q", got, before)
	}
	s.openLinkDialog("tg")
	s.run(
		chromedp.KeyEvent(kb.Escape),
		chromedp.WaitNotVisible(chromedp.CSS(`[data-testid="link-dialog"]`)),
	)
	if got := s.body("tg"); got != before {
		t.Fatalf("Escape changed the body:\n got %q\nwant %q", got, before)
	}
	if in := get(s, chromedp.Evaluate[bool](`document.activeElement.closest('[data-testid="tg-editor"]') !== null`)); !in {
		t.Errorf("after Escape the focus is not back in the text")
	}

	// An address that cannot be a link is refused beside the field, and
	// the dialog stays open with nothing changed.
	s.openLinkDialog("tg")
	s.retypeAddress("javascript:alert(1)")
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="link-apply"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="link-error"]`)))
	if got := s.body("tg"); got != before {
		t.Fatalf("a refused address changed the body: %q", got)
	}

	// Apply a new address (a bare host gets https) and save.
	s.retypeAddress("example.org/nav")
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="link-apply"]`)),
		chromedp.WaitNotVisible(chromedp.CSS(`[data-testid="link-dialog"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="save-tg"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-tg"]`)),
	)
	// The sanitiser adds rel to stored links: the words and the address are
	// what the test is about.
	tgNew := regexp.MustCompile(`^<p dir="auto">Сомонаи <a [^>]*href="https://example\.org/nav"[^>]*>вазорат</a> кушода шуд\.</p>$`)
	if _, tg := s.apiArticle("tg", a.ID); !tgNew.MatchString(tg.Data.BodyHTML) {
		t.Fatalf("tg body from the API after Apply = %q, want the new address on the same words", tg.Data.BodyHTML)
	}
	if v := s.cspViolations(); v != "" {
		t.Errorf("the link dialog broke the Content-Security-Policy: %s", v)
	}

	// The second browser, in the Persian interface, sees the saved address.
	b := s.otherBrowser()
	b.signIn("admin@example.com")
	b.run(chromedp.Navigate(editor), chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-editor"] .ProseMirror a`)))
	b.openLinkDialog("tg")
	if href := get(b, chromedp.Value(chromedp.CSS(`[data-testid="link-href"]`))); href != "https://example.org/nav" {
		t.Errorf("the other browser's dialog shows %q, want the address saved in the first", href)
	}
	dirs := get(b, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('[data-testid="link-dialog"] article')).direction + " " + getComputedStyle(document.querySelector('[data-testid="link-href"]')).direction`))
	if dirs != "rtl ltr" {
		t.Errorf("dialog and address directions in the Persian interface = %q, want \"rtl ltr\"", dirs)
	}
	b.screenshot("link-dialog-fa")
	if got := b.text(`[data-testid="link-remove"]`); got != "برداشتن پیوند" {
		t.Errorf("Remove link reads %q in the Persian interface", got)
	}
	b.run(chromedp.Click(chromedp.CSS(`[data-testid="link-cancel"]`)), chromedp.WaitNotVisible(chromedp.CSS(`[data-testid="link-dialog"]`)))

	// Remove link on the Persian body keeps its words, ZWNJ included.
	b.openLinkDialog("fa")
	b.run(
		chromedp.Click(chromedp.CSS(`[data-testid="link-remove"]`)),
		chromedp.WaitNotVisible(chromedp.CSS(`[data-testid="link-dialog"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)),
	)
	_, fa := b.apiArticle("fa", a.ID)
	if strings.Contains(fa.Data.BodyHTML, "<a") || !strings.Contains(fa.Data.BodyHTML, "پایگاه وزارت باز می\u200cشود.") {
		t.Errorf("fa body from the API after Remove link = %q, want the words without the link", fa.Data.BodyHTML)
	}
	if _, tg := s.apiArticle("tg", a.ID); !tgNew.MatchString(tg.Data.BodyHTML) {
		t.Errorf("removing the fa link touched tg: %q", tg.Data.BodyHTML)
	}
}
