package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// A new article's pane holding only a picture is a translation the editor
// began, not an empty pane: saving keeps it, as a draft with its picture.
func TestNewArticlePaneWithOnlyAPictureIsSaved(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	c := env.signedIn("editor@example.com")
	resp := c.post("/admin/articles", url.Values{
		"section_id": {fmt.Sprint(sec.ID)},
		"tg.title":   {"Акс"}, "tg.status": {"draft"}, "tg.body_html": {"<p>Матн</p>"},
		"fa.status": {"draft"}, "fa.body_html": {`<figure data-align="center"><img src="/media/ab/kuh.jpg" alt="کوه"></figure>`},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%.500s", resp.StatusCode, resp.Body)
	}
	a, err := env.store.FindArticle(context.Background(), formID(strings.TrimPrefix(resp.Header.Get("Location"), "/admin/articles/")))
	if err != nil {
		t.Fatal(err)
	}
	fa, ok := a.Translation("fa")
	if !ok || fa.Status != models.StatusDraft || !strings.Contains(fa.BodyHTML, `alt="کوه"`) {
		t.Fatalf("the Persian pane's picture was dropped: %+v", a.Translations)
	}
}
