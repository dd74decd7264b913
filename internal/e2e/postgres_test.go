package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// TestEditorOnPostgreSQL is the browser tests' smoke test on PostgreSQL:
// the site on a fresh PostgreSQL database, an article written in both
// panes of the editor and published, read back byte for byte through the
// public API (a ZWNJ in the Persian title, Tajik letters in the Tajik
// one), then the conflict rule across two browsers: a stale save of a
// pane shows the other person's words and keeps the typed ones, and the
// site keeps the first save. It skips when PostgreSQL does not answer,
// except under CI=true.
func TestEditorOnPostgreSQL(t *testing.T) {
	alice := newSiteOn(t, "", testdb.Postgres(t))
	ctx := context.Background()
	sec, err := alice.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	const (
		tgTitle = "Ҳафтаи китоб дар Хуҷанд: ғолибони қироат ӯ ӣ"
		faTitle = "نمایشگاه\u200cهای کتاب می\u200cآیند"
		tgBody  = "Ҷавонон ҳамкорӣ мекунанд"
		faBody  = "دانش\u200cآموزان همکاری می\u200cکنند"
	)
	alice.signIn("admin@example.com")
	alice.fillNewArticle(sec.ID, [2]string{tgTitle, tgBody}, [2]string{faTitle, faBody})
	alice.run(
		chromedp.SetValue(chromedp.CSS(`[data-testid="tg-status"]`), "published"),
		chromedp.SetValue(chromedp.CSS(`[data-testid="fa-status"]`), "published"),
		chromedp.Click(chromedp.CSS(`[data-testid="create-article"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="shared-form"]`)),
	)
	var id uint
	fmt.Sscanf(get(alice, chromedp.Evaluate[string](`location.pathname`)), "/admin/articles/%d", &id)
	if id == 0 {
		t.Fatal("no article id in the address after creating")
	}
	for loc, want := range map[string][2]string{"tg": {tgTitle, tgBody}, "fa": {faTitle, faBody}} {
		raw, title, body := alice.rawArticle(loc, id)
		if title != want[0] || !bytes.Contains(raw, []byte(`"title":"`+want[0]+`"`)) {
			t.Errorf("%s title from the API: %q, want %q byte for byte", loc, title, want[0])
		}
		if !strings.Contains(body, want[1]) {
			t.Errorf("%s body from the API: %q, want it to hold %q", loc, body, want[1])
		}
	}

	// Bob saves the Persian pane while Alice still has the version she
	// created: her save is refused with the conflict view, never an error.
	bob := alice.otherBrowser()
	bob.signIn("editor@example.com")
	bob.openArticle(id)
	const bobTitle, aliceTitle = "عنوان باب می\u200cنویسد", "عنوان آلیس"
	bob.retitle("fa", bobTitle)
	bob.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)))
	alice.retitle("fa", aliceTitle)
	alice.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="conflict-fa"]`)))
	if theirs := alice.text(`[data-testid="conflict-title-fa"]`); theirs != bobTitle {
		t.Errorf("the conflict view shows their title as %q, want %q", theirs, bobTitle)
	}
	if mine := alice.value(`[data-testid="fa-title"]`); mine != aliceTitle {
		t.Errorf("the conflict view lost the typed title: %q", mine)
	}
	if _, title, _ := alice.rawArticle("fa", id); title != bobTitle {
		t.Errorf("after the refused save the API sends %q, want Bob's %q", title, bobTitle)
	}
}

// rawArticle fetches a published article from the public API and returns
// the answer's bytes beside its title and body.
func (s *site) rawArticle(loc string, id uint) (raw []byte, title, body string) {
	s.t.Helper()
	resp, err := http.Get(fmt.Sprintf("%s/api/v1/%s/articles/%d", s.url, loc, id))
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err = io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("GET %s article %d: %d %s", loc, id, resp.StatusCode, raw)
	}
	var a publicArticle
	if err := json.Unmarshal(raw, &a); err != nil {
		s.t.Fatal(err)
	}
	return raw, a.Data.Title, a.Data.BodyHTML
}
