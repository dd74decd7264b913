package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
)

// twoEditors seeds one article with both translations in status and opens
// it in two browser contexts (separate cookies and localStorage): Alice as
// the admin, Bob as an editor.
func twoEditors(t *testing.T, status models.Status) (alice, bob *site, a *models.Article) {
	t.Helper()
	alice = newSite(t)
	ctx := context.Background()
	sec, err := alice.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err = alice.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: status, Title: "Намоишгоҳи китоб", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: status, Title: "نمایشگاه کتاب", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	bob = alice.otherBrowser()
	alice.signIn("admin@example.com")
	bob.signIn("editor@example.com")
	for _, s := range []*site{alice, bob} {
		s.openArticle(a.ID)
	}
	return alice, bob, a
}

// openArticle opens the article's editor, leaving the page before it even
// when that page asks (the text stays in the browser's copy), and waits for
// the editor's script.
func (s *site) openArticle(id uint) {
	s.t.Helper()
	s.leave(fmt.Sprintf("%s/admin/articles/%d", s.url, id), false)
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-editor"] .ProseMirror`)))
}

// retitle replaces a pane's title as a person does: a click, then typing.
func (s *site) retitle(loc, title string) {
	s.t.Helper()
	sel := fmt.Sprintf(`[data-testid="%s-title"]`, loc)
	s.run(chromedp.Click(chromedp.CSS(sel)), chromedp.Clear(chromedp.CSS(sel)))
	s.typeText(sel, title)
}

func (s *site) value(sel string) string {
	s.t.Helper()
	return get(s, chromedp.Value(chromedp.CSS(sel)))
}

// savedTitle is a translation's title as the public API sends it now; a
// draft, which the API does not send, is read from the database.
func (s *site) savedTitle(id uint, loc string) string {
	s.t.Helper()
	if status, body := s.apiArticle(loc, id); status == http.StatusOK {
		return body.Data.Title
	}
	a, err := s.store.FindArticle(context.Background(), id)
	if err != nil {
		s.t.Fatal(err)
	}
	tr, _ := a.Translation(loc)
	return tr.Title
}

// saysReload reports whether a notice tells the editor to reload, in any
// interface language: a reload would offer their stale copy again.
func saysReload(notice string) bool {
	cat := i18n.MustLoad()
	for _, code := range []string{"tg", "fa", "en"} {
		if strings.Contains(notice, cat.Localizer(code).T("error.conflict")) {
			return true
		}
	}
	return false
}

// TestConflictShowsOnTheClick has Alice save the Persian pane while Bob
// edits it. Bob's click on Save answers 409, and the conflict view must
// appear on that click (htmx swapped only 2xx and 422 before), for a
// published pane, which never autosaves, and a draft one alike. Bob's text
// stays in the form (and "copy my text" copies it), Alice's words stay in
// the API, and only "keep mine" replaces them.
func TestConflictShowsOnTheClick(t *testing.T) {
	for _, status := range []models.Status{models.StatusPublished, models.StatusDraft} {
		t.Run(string(status), func(t *testing.T) {
			alice, bob, a := twoEditors(t, status)
			alice.retitle("fa", "عنوان آلیس")
			alice.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)))

			mine := "عنوان باب می\u200cنویسد"
			bob.retitle("fa", mine)
			bob.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="conflict-fa"]`)))
			if theirs := bob.text(`[data-testid="conflict-title-fa"]`); theirs != "عنوان آلیس" {
				t.Errorf("the conflict view shows their title as %q", theirs)
			}
			if got := bob.value(`[data-testid="fa-title"]`); got != mine {
				t.Errorf("the conflict view lost the typed title: %q", got)
			}
			if notice := bob.text(`[data-testid="notice-fa"]`); notice == "" || saysReload(notice) {
				t.Errorf("the conflict notice sends the editor to reload: %q", notice)
			}
			for _, action := range []string{"keep-mine-fa", "take-theirs-fa"} {
				bob.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="` + action + `"]`)))
			}
			if got := bob.savedTitle(a.ID, "fa"); got != "عنوان آلیس" {
				t.Fatalf("the refused save reached the site: %q", got)
			}

			// "Copy my text" hands the typed text to the clipboard (stubbed:
			// headless Chromium has no clipboard to read back).
			get(bob, chromedp.Evaluate[any](`navigator.clipboard.writeText = (text) => { window.copiedText = text; return Promise.resolve(); }`))
			bob.run(chromedp.Click(chromedp.CSS(`[data-testid="copy-mine-fa"]`)))
			if copied := get(bob, chromedp.Evaluate[string](`window.copiedText || ""`)); !strings.HasPrefix(copied, mine+"\n\n") {
				t.Errorf("copy my text copied %q", copied)
			}

			bob.run(chromedp.Click(chromedp.CSS(`[data-testid="keep-mine-fa"]`)), chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="conflict-fa"]`)))
			if got := bob.savedTitle(a.ID, "fa"); got != mine {
				t.Errorf("after keep mine the API sends %q, want %q", got, mine)
			}
			if kept := bob.keptCopy(a.ID, "fa"); kept != "" {
				t.Errorf("the saved text is still kept in the browser: %s", kept)
			}
		})
	}
}

// keptCopy is the browser's copy of a pane's unsaved text, "" for none.
func (s *site) keptCopy(id uint, loc string) string {
	s.t.Helper()
	return get(s, chromedp.Evaluate[string](fmt.Sprintf(`localStorage.getItem("payvand:article:%d:%s") || ""`, id, loc)))
}
