package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestLeavingUnsavedTextAsks leaves pages in two browsers: the browser
// asks first wherever text is typed and not saved (the new-article form,
// an edit pane, a pane in the conflict view, another admin form), and never
// after a save or on a page nobody typed in. Asked, the editor stays and
// the text is there.
func TestLeavingUnsavedTextAsks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setUp func(alice, bob *site, a *models.Article) (field string)
		asks  bool
	}{
		{"new article, typed", func(alice, _ *site, _ *models.Article) string {
			alice.run(chromedp.Navigate(alice.url+"/admin/articles/new"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-editor"] .ProseMirror`)))
			alice.retitle("fa", "خبر تازه\u200cای")
			return `[data-testid="fa-title"]`
		}, true},
		{"new article, refused", func(alice, _ *site, a *models.Article) string {
			// Published without a body: the form comes back (422) holding
			// the text, which is still unsaved.
			alice.run(
				chromedp.Navigate(alice.url+"/admin/articles/new"),
				chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-editor"] .ProseMirror`)),
				chromedp.SetValue(chromedp.CSS(`[data-testid="section-select"]`), fmt.Sprint(a.SectionID)),
				chromedp.SetValue(chromedp.CSS(`[data-testid="fa-status"]`), "published"),
			)
			alice.retitle("fa", "خبر تازه\u200cای")
			alice.run(chromedp.Click(chromedp.CSS(`[data-testid="create-article"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="new-article-form"] .field-error`)))
			return `[data-testid="fa-title"]`
		}, true},
		{"edit pane, typed", func(alice, _ *site, _ *models.Article) string {
			alice.retitle("tg", "Сарлавҳаи нав")
			return `[data-testid="tg-title"]`
		}, true},
		{"conflict view", func(alice, bob *site, _ *models.Article) string {
			bob.retitle("fa", "عنوان باب")
			bob.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)))
			alice.retitle("fa", "عنوان آلیس")
			alice.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="conflict-fa"]`)))
			return `[data-testid="fa-title"]`
		}, true},
		{"edit pane, saved", func(alice, _ *site, _ *models.Article) string {
			alice.retitle("tg", "Сарлавҳаи нав")
			alice.run(chromedp.Click(chromedp.CSS(`[data-testid="save-tg"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-tg"]`)))
			return ""
		}, false},
		{"edit pane, untouched", func(*site, *site, *models.Article) string { return "" }, false},
		{"section form, typed", func(alice, _ *site, _ *models.Article) string {
			alice.run(chromedp.Navigate(alice.url+"/admin/sections"), chromedp.WaitVisible(chromedp.CSS(`[name="names.fa"]`)), chromedp.Click(chromedp.CSS(`[name="names.fa"]`)))
			alice.typeText(`[name="names.fa"]`, "کتاب\u200cخانه")
			return `[name="names.fa"]`
		}, true},
		{"section form, submitted", func(alice, _ *site, _ *models.Article) string {
			alice.run(chromedp.Navigate(alice.url+"/admin/sections"), chromedp.WaitVisible(chromedp.CSS(`[name="slug"]`)), chromedp.Click(chromedp.CSS(`[name="slug"]`)))
			alice.typeText(`[name="slug"]`, "libraries")
			alice.typeText(`[name="names.tg"]`, "Китобхонаҳо")
			alice.typeText(`[name="names.fa"]`, "کتاب\u200cخانه\u200cها")
			alice.run(chromedp.Click(chromedp.CSS(`[data-testid="section-submit"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="section-row-libraries"]`)))
			return ""
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alice, bob, a := twoEditors(t, models.StatusPublished)
			field := tc.setUp(alice, bob, a)
			typed := ""
			if field != "" {
				typed = alice.value(field)
			}
			if asked := alice.leave(alice.url+"/admin/media", true); asked != tc.asks {
				t.Fatalf("leaving asked: %v, want %v", asked, tc.asks)
			}
			if !tc.asks {
				alice.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="account-link"]`)))
				if path := get(alice, chromedp.Evaluate[string](`location.pathname`)); path != "/admin/media" {
					t.Fatalf("not asked, yet still on %s", path)
				}
				return
			}
			if got := alice.value(field); got != typed {
				t.Errorf("after staying the field holds %q, want %q", got, typed)
			}
		})
	}
}

// TestNewArticleFormKeepsACopy fills the new-article form and leaves it:
// coming back puts the text back (in this browser only, not in Bob's), and
// creating the article neither asks before leaving nor leaves the copy
// behind. The API sends the typed bytes.
func TestNewArticleFormKeepsACopy(t *testing.T) {
	const (
		faTitle = "کتاب\u200cها می\u200cرسند"
		faBody  = "نمایشگاه سه روز ادامه می\u200cیابد"
		tgTitle = "Китобҳо мерасанд"
	)
	alice, bob, _ := twoEditors(t, models.StatusPublished)
	sections, err := alice.store.ListSections(context.Background())
	if err != nil || len(sections) == 0 {
		t.Fatalf("sections: %v", err)
	}
	newForm := alice.url + "/admin/articles/new"
	alice.leave(newForm, false)
	alice.run(
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-editor"] .ProseMirror`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid="section-select"]`), fmt.Sprint(sections[0].ID)),
		chromedp.SetValue(chromedp.CSS(`[data-testid="fa-status"]`), "published"),
	)
	alice.retitle("fa", faTitle)
	alice.typeInEditor("fa", faBody)
	alice.retitle("tg", tgTitle)
	if !alice.leave(alice.url+"/admin", false) {
		t.Fatal("leaving the filled-in new-article form did not ask")
	}
	alice.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="account-link"]`)))

	alice.leave(newForm, false)
	alice.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="kept-restored-new"]`)))
	for sel, want := range map[string]string{`[data-testid="fa-title"]`: faTitle, `[data-testid="tg-title"]`: tgTitle, `[data-testid="fa-status"]`: "published"} {
		if got := alice.value(sel); got != want {
			t.Errorf("restored %s = %q, want %q", sel, got, want)
		}
	}
	if got := alice.text(`[data-testid="fa-editor"] .ProseMirror`); got != faBody {
		t.Errorf("restored body shows %q, want %q", got, faBody)
	}
	bob.leave(newForm, false)
	bob.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-title"]`)))
	if got := bob.value(`[data-testid="fa-title"]`); got != "" {
		t.Errorf("Bob's browser shows Alice's copy: %q", got)
	}

	questions := alice.leaveQuestions()
	alice.run(chromedp.Click(chromedp.CSS(`[data-testid="create-article"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="shared-form"]`)))
	if n := questions(); n != 0 {
		t.Errorf("creating the article asked %d times before leaving the form", n)
	}
	id := uint(0)
	fmt.Sscanf(get(alice, chromedp.Evaluate[string](`location.pathname`)), "/admin/articles/%d", &id)
	code, fa := alice.apiArticle("fa", id)
	if code != 200 || fa.Data.Title != faTitle || !strings.Contains(fa.Data.BodyHTML, ">"+faBody+"<") {
		t.Fatalf("fa from the API: %d %+v", code, fa.Data)
	}
	alice.leave(newForm, false)
	alice.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="fa-title"]`)))
	if n := get(alice, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="kept-restored-new"]').length`)); n != 0 {
		t.Error("the created article's text comes back on a new form")
	}
	if got := alice.value(`[data-testid="fa-title"]`); got != "" {
		t.Errorf("a new form after creating shows %q", got)
	}
}
