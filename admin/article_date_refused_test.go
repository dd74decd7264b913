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

// TestUnreadableDateRefusedBesideTheField posts a publication time that is
// not a date and time, refused by the form before the write path sees it:
// a pane save (htmx and plain) and a new article each come back with 422,
// the message beside the date, everything typed kept, and nothing saved.
func TestUnreadableDateRefusedBesideTheField(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusDraft, Title: "Пешнавис"})
	tr, _ := a.Translation("tg")
	c := env.signedIn("editor@example.com")
	c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	const typed = "Сарлавҳаи нав"
	pane := func() url.Values {
		return url.Values{"tg.version": {fmt.Sprint(tr.Version)}, "tg.status": {"published"}, "tg.published_at": {"фардо"},
			"tg.title": {typed}, "tg.body_html": {"<p>Матн</p>"}}
	}
	path := fmt.Sprintf("/admin/articles/%d/translations/tg?lang=en", a.ID)
	refused := func(name string, resp response, wholePage bool) {
		t.Helper()
		msg := between(resp.Body, `data-testid="error-tg-published_at">`, `<`)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(msg, "Write the date and time as day.month.year") || !strings.Contains(resp.Body, typed) {
			t.Fatalf("%s: %d\n%.800s", name, resp.StatusCode, resp.Body)
		}
		if got := strings.Contains(resp.Body, `data-testid="pane-fa"`); got != wholePage {
			t.Fatalf("%s: the other pane shown %v, want %v", name, got, wholePage)
		}
	}
	refused("htmx pane save", htmxPost(c, path, pane(), nil), false)
	refused("plain pane save", c.post(path, pane()), true)
	saved, err := env.store.FindArticle(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := saved.Translation("tg"); got.Title != "Пешнавис" || got.Version != tr.Version {
		t.Fatalf("a refused pane was saved: %q v%d", got.Title, got.Version)
	}

	form := pane()
	form.Del("tg.version")
	form.Set("section_id", fmt.Sprint(sec.ID))
	form.Set("fa.title", "عنوان")
	resp := c.post("/admin/articles?lang=en", form)
	refused("new article", resp, true)
	if !strings.Contains(resp.Body, "عنوان") {
		t.Fatal("the new article's other pane lost what was typed")
	}
	list, err := env.store.ListAdminArticles(context.Background(), models.AdminArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if list.Total != 1 {
		t.Fatalf("%d articles after a refused new article, want 1", list.Total)
	}
}
