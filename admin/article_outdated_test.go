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

// paneValues is the pane form of a stored translation, as the editor page
// would post it, with the title replaced.
func paneValues(t models.ArticleTranslation, title string) url.Values {
	return url.Values{
		t.Locale + ".version": {fmt.Sprint(t.Version)}, t.Locale + ".status": {string(t.Status)},
		t.Locale + ".title": {title}, t.Locale + ".summary": {t.Summary}, t.Locale + ".body_html": {t.BodyHTML},
	}
}

func (env *testEnv) translationOf(id uint, loc string) models.ArticleTranslation {
	env.t.Helper()
	a, err := env.store.FindArticle(context.Background(), id)
	if err != nil {
		env.t.Fatal(err)
	}
	tr, _ := a.Translation(loc)
	return tr
}

func TestOutdatedTranslationInTheEditor(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID,
		models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: "Сарлавҳаи аввал", BodyHTML: "<p>Матни аввал</p>"},
		models.TranslationInput{Locale: "fa", Status: models.StatusPublished, Title: "عنوان نخست", BodyHTML: "<p>متن نخست می\u200cشود</p>"})
	c := env.signedIn("editor@example.com")
	editor := fmt.Sprintf("/admin/articles/%d", a.ID)
	c.get(editor)

	// A minor edit of tg leaves fa as it is.
	minor := paneValues(env.translationOf(a.ID, "tg"), "Сарлавҳаи аввал.")
	minor.Set("tg.minor", "on")
	if resp := htmxPost(c, editor+"/translations/tg", minor, nil); resp.StatusCode != 200 {
		t.Fatalf("minor save: %d", resp.StatusCode)
	}
	if env.translationOf(a.ID, "fa").Outdated {
		t.Fatal("a minor edit marked fa outdated")
	}

	// A real edit marks fa outdated; the save's answer refreshes fa's notice
	// in place, and the editor page shows what changed in tg.
	resp := htmxPost(c, editor+"/translations/tg", paneValues(env.translationOf(a.ID, "tg"), "Сарлавҳаи дуюм"), nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `id="outdated-fa"`) || !strings.Contains(resp.Body, `hx-swap-oob="true"`) || !strings.Contains(resp.Body, `data-testid="mark-current-fa"`) {
		t.Fatalf("tg save: %d, want fa's outdated notice out of band\n%.600s", resp.StatusCode, resp.Body)
	}
	if !env.translationOf(a.ID, "fa").Outdated || env.translationOf(a.ID, "tg").Outdated {
		t.Fatal("after a tg edit: want fa outdated and tg not")
	}
	page := c.get(editor)
	diff := between(page.Body, `data-testid="outdated-fa-diff"`, `</dl>`)
	if !strings.Contains(diff, "<del>аввал.</del>") || !strings.Contains(diff, "<ins>дуюм</ins>") {
		t.Fatalf("fa's notice should diff tg's title since fa was current:\n%s", diff)
	}
	if strings.Contains(page.Body, `data-testid="mark-current-tg"`) {
		t.Fatal("tg is up to date but offers to be marked current")
	}

	// The article list shows it and filters for it.
	list := c.get("/admin?status=outdated")
	if !strings.Contains(list.Body, fmt.Sprintf(`data-testid="outdated-%d-fa"`, a.ID)) || strings.Contains(list.Body, fmt.Sprintf(`data-testid="outdated-%d-tg"`, a.ID)) {
		t.Fatalf("list: want fa flagged outdated, tg not\n%.400s", between(list.Body, "<tbody>", "</tbody>"))
	}

	// Mark current: htmx gets the emptied notice; fa's text and version stay.
	before := env.translationOf(a.ID, "fa")
	resp = htmxPost(c, editor+"/translations/fa/current", url.Values{}, nil)
	if resp.StatusCode != 200 || strings.Contains(resp.Body, "mark-current-fa") || !strings.Contains(resp.Body, `id="outdated-fa"`) {
		t.Fatalf("mark current: %d\n%.400s", resp.StatusCode, resp.Body)
	}
	after := env.translationOf(a.ID, "fa")
	if after.Outdated || after.Version != before.Version || after.Title != before.Title {
		t.Fatalf("mark current: outdated %v, version %d→%d", after.Outdated, before.Version, after.Version)
	}
	if list := c.get("/admin?status=outdated"); strings.Contains(list.Body, fmt.Sprintf(`data-testid="title-%d"`, a.ID)) {
		t.Fatal("the outdated filter still lists the article")
	}

	// Saving the outdated translation brings it up to date too, and
	// without script the mark-current form goes back to the editor.
	htmxPost(c, editor+"/translations/tg", paneValues(env.translationOf(a.ID, "tg"), "Сарлавҳаи сеюм"), nil)
	if resp := htmxPost(c, editor+"/translations/fa", paneValues(env.translationOf(a.ID, "fa"), "عنوان سوم"), nil); resp.StatusCode != 200 || strings.Contains(resp.Body, "mark-current-fa") {
		t.Fatalf("fa save: %d", resp.StatusCode)
	}
	if env.translationOf(a.ID, "fa").Outdated || env.translationOf(a.ID, "tg").Outdated {
		t.Fatal("saving fa while it was outdated should bring it up to date and mark nobody")
	}
	htmxPost(c, editor+"/translations/fa", paneValues(env.translationOf(a.ID, "fa"), "عنوان چهارم"), nil)
	if resp := c.post(editor+"/translations/tg/current", nil); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != editor {
		t.Fatalf("plain mark current: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if env.translationOf(a.ID, "tg").Outdated {
		t.Fatal("plain mark current did not clear tg")
	}

	revs := c.get(editor + "/revisions?locale=tg")
	if !strings.Contains(revs.Body, `data-testid="minor-2"`) || strings.Contains(revs.Body, `data-testid="minor-3"`) {
		t.Fatal("the history should mark version 2 (the minor save) and only it as minor")
	}
}

func TestMarkCurrentRefusals(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusDraft, Title: "Танҳо"})
	path := fmt.Sprintf("/admin/articles/%d/translations/%%s/current", a.ID)
	visitor := env.client()
	if resp := visitor.post(fmt.Sprintf(path, "tg"), nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("visitor: %d, want 403", resp.StatusCode)
	}
	c := env.signedIn("editor@example.com")
	noToken := c.postRaw(fmt.Sprintf(path, "tg"), url.Values{}, http.Header{"Origin": {env.server.URL}})
	if noToken.StatusCode != http.StatusForbidden {
		t.Errorf("without a CSRF token: %d, want 403", noToken.StatusCode)
	}
	for _, tt := range []struct{ name, path string }{
		{"missing translation", fmt.Sprintf(path, "fa")},
		{"unknown locale", fmt.Sprintf(path, "xx")},
		{"unknown article", "/admin/articles/99999/translations/tg/current"},
	} {
		if resp := c.post(tt.path, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", tt.name, resp.StatusCode)
		}
	}
}
