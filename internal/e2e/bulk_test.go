package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// shiftClick clicks the element with Shift held, as a person selecting a
// range does.
func (s *site) shiftClick(sel string) {
	s.t.Helper()
	s.run(chromedp.QueryAfter(chromedp.CSS(sel), func(ctx context.Context, t *chromedp.Target, nodes []*chromedp.Node) (chromedp.Void, error) {
		return chromedp.MouseClickNode(nodes[0], chromedp.ButtonModifiers(chromedp.ModifierShift))(ctx, t)
	}))
}

// press presses one key as a keyboard does: a keydown carrying its text,
// then a keyup. chromedp.KeyEvent sends the text as a separate char event,
// which Chromium inserts even when the page cancelled the keydown, as no
// real keyboard does ("/" would land in the search box it focuses).
func (s *site) press(key string, windowsCode int64, text string) {
	s.t.Helper()
	s.run(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Text: text, UnmodifiedText: text, WindowsVirtualKeyCode: windowsCode}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, WindowsVirtualKeyCode: windowsCode}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	}))
}

// An editor selects twenty Persian drafts in the list with one click and
// one shift-click and publishes them in Persian, while a second editor, in
// another browser, saves one of them after the list was loaded: nineteen
// are published, and the report names the twentieth as refused, with why.
// Then the list's keys: "/" searches, j/k move, Enter opens.
func TestBulkPublishOfTwentyWithOneConflict(t *testing.T) {
	alice := newSite(t)
	ctx := context.Background()
	sec, err := alice.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]uint, 20)
	for i := range ids {
		a, err := alice.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
			{Locale: "fa", Status: models.StatusDraft, Title: fmt.Sprintf("پیش‌نویس شمارهٔ %d", i+1), BodyHTML: "<p>متنی که منتشر می‌شود.</p>"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = a.ID
	}
	// The list shows the newest first: the last article made is the first row.
	first, last, stale := ids[len(ids)-1], ids[0], ids[7]

	bob := alice.otherBrowser()
	alice.signIn("admin@example.com")
	bob.signIn("editor@example.com")
	alice.run(chromedp.Navigate(alice.url+"/admin/articles"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="bulk-form"]`)))
	alice.htmxSettled()
	if shown := get(alice, chromedp.Evaluate[bool](`document.querySelector('[data-bulk-for="move"]').checkVisibility()`)); shown {
		t.Error("the section menu shows while the action needs none")
	}
	alice.run(chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-testid="select-%d"]`, first))))
	alice.shiftClick(fmt.Sprintf(`[data-testid="select-%d"]`, last))
	if got := alice.text(`[data-testid="bulk-count"]`); !strings.Contains(got, "20") {
		t.Fatalf("after a click and a shift-click the bar says %q, want 20 selected", got)
	}

	// Bob saves one of them in the meantime.
	bob.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", bob.url, stale)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="save-fa"]`)),
	)
	bob.typeText(`[data-testid="fa-title"]`, " (ویرایش باب)")
	bob.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)))

	alice.run(
		chromedp.SetValue(chromedp.CSS(`[data-testid="bulk-action"]`), "publish"),
		chromedp.SetValue(chromedp.CSS(`[data-testid="bulk-locale"]`), "fa"),
	)
	start := time.Now()
	alice.run(
		chromedp.Click(chromedp.CSS(`[data-testid="bulk-apply"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="bulk-report"]`)),
	)
	t.Logf("Apply to the report of 20 publications: %v in the browser", time.Since(start).Round(time.Millisecond))
	alice.htmxSettled()
	alice.screenshot("bulk-report")
	if shown := get(alice, chromedp.Evaluate[bool](`document.querySelector('[data-bulk-for="move"]').checkVisibility()`)); shown {
		t.Error("after the report, the section menu shows while the action needs none")
	}
	refused := alice.text(fmt.Sprintf(`[data-testid="bulk-refused-%d"]`, stale))
	if !strings.Contains(refused, "ویرایش باب") {
		t.Errorf("the refusal does not name the article by its title: %q", refused)
	}
	if n := get(alice, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="bulk-done"] li').length`)); n != 19 {
		t.Errorf("the report lists %d done, want 19", n)
	}
	var list struct {
		Data []struct {
			ID uint `json:"id"`
		} `json:"data"`
	}
	alice.apiJSON("/api/v1/fa/articles?limit=50", &list)
	public := map[uint]bool{}
	for _, d := range list.Data {
		public[d.ID] = true
	}
	for _, id := range ids {
		if public[id] == (id == stale) {
			t.Errorf("article %d public in fa: %v", id, public[id])
		}
	}
	now, err := alice.store.FindArticle(ctx, stale)
	if err != nil {
		t.Fatal(err)
	}
	if fa, _ := now.Translation("fa"); fa.Status != models.StatusDraft || !strings.Contains(fa.Title, "(ویرایش باب)") {
		t.Errorf("Bob's save was overwritten: %+v", fa)
	}

	// Keys: "/" focuses the search; j, j, j, k makes the second row
	// current; Enter opens it. Keys reach the page's handlers a moment
	// after CDP returns: the test waits for their effect.
	alice.press("/", 191, "/")
	if _, err := chromedp.Run(alice.ctx, chromedp.Poll[bool](`document.activeElement.id === "filter-q"`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf(`"/" did not focus the search: %v`, err)
	}
	get(alice, chromedp.Evaluate[any](`document.activeElement.blur()`))
	for _, key := range "jjjk" {
		alice.press(string(key), int64(unicode.ToUpper(key)), string(key))
	}
	second := get(alice, chromedp.Evaluate[string](`document.querySelectorAll('#article-results tbody tr')[1].dataset.testid`))
	current := fmt.Sprintf(`(document.querySelector('#article-results tbody tr.current') || {dataset: {}}).dataset.testid === %q`, second)
	if _, err := chromedp.Run(alice.ctx, chromedp.Poll[bool](current, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("after j j j k the current row is not %s: %v", second, err)
	}
	want := "/admin/articles/" + strings.TrimPrefix(second, "article-")
	alice.press("Enter", 13, "\r")
	alice.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="save-fa"]`)))
	if loc := get(alice, chromedp.Location()); !strings.HasSuffix(loc, want) {
		t.Errorf("Enter opened %s, want %s", loc, want)
	}
}
