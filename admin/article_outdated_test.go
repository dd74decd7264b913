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
// would post it, with the title replaced; seen is the page's view of the
// other translations, read from the page the way the browser has it.
func paneValues(t models.ArticleTranslation, title, seen string) url.Values {
	return url.Values{
		t.Locale + ".version": {fmt.Sprint(t.Version)}, t.Locale + ".status": {string(t.Status)},
		t.Locale + ".title": {title}, t.Locale + ".summary": {t.Summary}, t.Locale + ".body_html": {t.BodyHTML},
		t.Locale + ".seen": {seen},
	}
}

// seenOn reads a pane's acknowledged view of the others from an editor page.
func seenOn(page response, loc string) string {
	return between(page.Body, `name="`+loc+`.seen" value="`, `"`)
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
	page := c.get(editor)

	// Only drafts autosave: unpublish tg (no text change, so no mark), then
	// an autosave that changes its title marks nothing either.
	unpublish := paneValues(env.translationOf(a.ID, "tg"), "Сарлавҳаи аввал", seenOn(page, "tg"))
	unpublish.Set("tg.status", "draft")
	htmxPost(c, editor+"/translations/tg", unpublish, nil)
	auto := paneValues(env.translationOf(a.ID, "tg"), "Нимкора", seenOn(page, "tg"))
	auto.Set("tg.status", "draft")
	if resp := htmxPost(c, editor+"/translations/tg", auto, http.Header{"X-Autosave": {"true"}}); resp.StatusCode != 200 || env.translationOf(a.ID, "tg").Title != "Нимкора" {
		t.Fatalf("autosave of the tg draft: %d", resp.StatusCode)
	}
	if env.translationOf(a.ID, "fa").Outdated {
		t.Fatal("an autosave marked fa outdated")
	}

	// A minor edit of tg leaves fa as it is.
	minor := paneValues(env.translationOf(a.ID, "tg"), "Сарлавҳаи аввал.", seenOn(page, "tg"))
	minor.Set("tg.minor", "on")
	if resp := htmxPost(c, editor+"/translations/tg", minor, nil); resp.StatusCode != 200 {
		t.Fatalf("minor save: %d", resp.StatusCode)
	}
	if env.translationOf(a.ID, "fa").Outdated {
		t.Fatal("a minor edit marked fa outdated")
	}

	// A real edit marks fa outdated; the save's answer refreshes fa's notice
	// in place, and the editor page shows what changed in tg.
	resp := htmxPost(c, editor+"/translations/tg", paneValues(env.translationOf(a.ID, "tg"), "Сарлавҳаи дуюм", seenOn(page, "tg")), nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `id="outdated-fa"`) || !strings.Contains(resp.Body, `hx-swap-oob="true"`) || !strings.Contains(resp.Body, `data-testid="mark-current-fa"`) {
		t.Fatalf("tg save: %d, want fa's outdated notice out of band\n%.600s", resp.StatusCode, resp.Body)
	}
	if !env.translationOf(a.ID, "fa").Outdated || env.translationOf(a.ID, "tg").Outdated {
		t.Fatal("after a tg edit: want fa outdated and tg not")
	}
	page = c.get(editor)
	diff := between(page.Body, `data-testid="outdated-fa-diff-tg"`, `</dl>`)
	// fa was last in step with tg's first title: the autosave and the
	// minor fix in between are not what it missed.
	if !strings.Contains(diff, "<del>аввал</del>") || !strings.Contains(diff, "<ins>дуюм</ins>") {
		t.Fatalf("fa's notice should diff tg's title since fa was in step:\n%s", diff)
	}
	if strings.Contains(page.Body, `data-testid="mark-current-tg"`) {
		t.Fatal("tg is up to date but offers to be marked current")
	}

	// The article list shows it and filters for it.
	list := c.get("/admin/articles?status=outdated")
	if !strings.Contains(list.Body, fmt.Sprintf(`data-testid="outdated-%d-fa"`, a.ID)) || strings.Contains(list.Body, fmt.Sprintf(`data-testid="outdated-%d-tg"`, a.ID)) {
		t.Fatalf("list: want fa flagged outdated, tg not\n%.400s", between(list.Body, "<tbody>", "</tbody>"))
	}

	// Mark current: htmx gets the emptied notice; fa's text and version stay.
	before := env.translationOf(a.ID, "fa")
	resp = htmxPost(c, editor+"/translations/fa/current", url.Values{"fa.seen": {seenOn(page, "fa")}}, nil)
	if resp.StatusCode != 200 || strings.Contains(resp.Body, "mark-current-fa") || !strings.Contains(resp.Body, `id="outdated-fa"`) {
		t.Fatalf("mark current: %d\n%.400s", resp.StatusCode, resp.Body)
	}
	after := env.translationOf(a.ID, "fa")
	if after.Outdated || after.Version != before.Version || after.Title != before.Title {
		t.Fatalf("mark current: outdated %v, version %d→%d", after.Outdated, before.Version, after.Version)
	}
	if list := c.get("/admin/articles?status=outdated"); strings.Contains(list.Body, fmt.Sprintf(`data-testid="title-%d"`, a.ID)) {
		t.Fatal("the outdated filter still lists the article")
	}

	// Saving the outdated translation brings it up to date too, and
	// without script the mark-current form goes back to the editor.
	page = c.get(editor)
	stale := seenOn(page, "fa")
	htmxPost(c, editor+"/translations/tg", paneValues(env.translationOf(a.ID, "tg"), "Сарлавҳаи сеюм", seenOn(page, "tg")), nil)
	// A save from a page that had not seen that edit leaves fa outdated …
	if resp := htmxPost(c, editor+"/translations/fa", paneValues(env.translationOf(a.ID, "fa"), "عنوان سوم", stale), nil); resp.StatusCode != 200 || !strings.Contains(resp.Body, "mark-current-fa") {
		t.Fatalf("fa save with a stale view: %d, want 200 with fa still outdated", resp.StatusCode)
	}
	// … and mark current from that page says so, with the new changes.
	if resp := htmxPost(c, editor+"/translations/fa/current", url.Values{"fa.seen": {stale}}, nil); !strings.Contains(resp.Body, "mark-current-fa") || !strings.Contains(resp.Body, "сеюм") {
		t.Fatalf("stale mark current should come back outdated with the new diff:\n%.600s", resp.Body)
	}
	page = c.get(editor)
	if resp := htmxPost(c, editor+"/translations/fa", paneValues(env.translationOf(a.ID, "fa"), "عنوان سوم", seenOn(page, "fa")), nil); resp.StatusCode != 200 || strings.Contains(resp.Body, "mark-current-fa") {
		t.Fatalf("fa save: %d", resp.StatusCode)
	}
	if env.translationOf(a.ID, "fa").Outdated || env.translationOf(a.ID, "tg").Outdated {
		t.Fatal("saving fa while it was outdated should bring it up to date and mark nobody")
	}
	htmxPost(c, editor+"/translations/fa", paneValues(env.translationOf(a.ID, "fa"), "عنوان چهارم", seenOn(page, "fa")), nil)
	page = c.get(editor)
	if resp := c.post(editor+"/translations/tg/current", url.Values{"tg.seen": {seenOn(page, "tg")}}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != editor {
		t.Fatalf("plain mark current: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if env.translationOf(a.ID, "tg").Outdated {
		t.Fatal("plain mark current did not clear tg")
	}

	revs := c.get(editor + "/revisions?locale=tg")
	if !strings.Contains(revs.Body, `data-testid="minor-4"`) || strings.Contains(revs.Body, `data-testid="minor-3"`) || strings.Contains(revs.Body, `data-testid="minor-5"`) {
		t.Fatal("the history should mark version 4 (the minor save after the autosave) and only it as minor")
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
