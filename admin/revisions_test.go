package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/i18n"
)

func TestRevisionHistory(t *testing.T) {
	f := newToolsFixture(t)
	env, ctx := f.env, context.Background()
	f.saveTg(t, "Ҳамкории нав", "<p>Матни дуюм дар бораи фарҳанг.</p>", env.admin)
	c := env.signedIn("editor@example.com")

	list := c.get(f.path + "/revisions?locale=tg")
	doc := parseHTML(t, list.Body)
	if list.StatusCode != http.StatusOK || doc.Find(`[data-testid="revisions-table"] tbody tr`).Length() != 2 {
		t.Fatalf("history %d:\n%.1000s", list.StatusCode, list.Body)
	}
	newest, oldest := doc.Find(`[data-testid="revision-2"]`), doc.Find(`[data-testid="revision-1"]`)
	if !strings.Contains(newest.Text(), "مدیر سایت") || !strings.Contains(newest.Text(), "Ҳамкории нав") || !strings.Contains(oldest.Text(), "Зарина") {
		t.Errorf("rows do not say who saved what: %q / %q", newest.Text(), oldest.Text())
	}
	if title := oldest.Find("td").Last(); title.AttrOr("lang", "") != "tg" || title.AttrOr("dir", "") != "ltr" {
		t.Errorf("title cell lang %q dir %q", title.AttrOr("lang", ""), title.AttrOr("dir", ""))
	}
	// Dates in the interface language: Tajik month names.
	saved, err := env.store.ListRevisions(ctx, f.article.ID, "tg")
	if err != nil {
		t.Fatal(err)
	}
	if want := i18n.MustLoad().Localizer("tg").DateTime(saved[0].CreatedAt, time.UTC); newest.Find("time").Text() != want {
		t.Errorf("date %q, want %q", newest.Find("time").Text(), want)
	}

	fa := parseHTML(t, c.get(f.path+"/revisions?locale=fa").Body)
	if fa.Find(`[data-testid="revisions-table"] tbody tr`).Length() != 1 || fa.Find(`[data-testid="locale-tab-fa"]`).AttrOr("aria-current", "") != "page" {
		t.Error("the Persian history does not show its one revision under its tab")
	}
	if resp := c.get(f.path + "/revisions?locale=de"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown locale: %d", resp.StatusCode)
	}

	// The first revision, and its changes to the current text.
	href, _ := oldest.Find(`a`).First().Attr("href")
	view := c.get(href)
	vdoc := parseHTML(t, view.Body)
	if view.StatusCode != http.StatusOK || vdoc.Find(`[data-testid="revision-title"]`).Text() != toolsTgTitle {
		t.Fatalf("revision page %d:\n%.1000s", view.StatusCode, view.Body)
	}
	if body, _ := vdoc.Find(`[data-testid="revision-body"]`).Html(); !strings.Contains(body, "<p>Матни аввал дар бораи фарҳанг.</p>") {
		t.Errorf("body rendered as %q", body)
	}
	diff := vdoc.Find(`[data-testid="revision-diff"]`)
	// Title first, then summary and byline (unchanged), then the body.
	title, body := diff.Find("dd").Eq(0), diff.Find("dd").Eq(3)
	if title.Find("del").Text() != "фарҳангӣ" || title.Find("ins").Text() != "нав" || title.AttrOr("lang", "") != "tg" {
		t.Errorf("title diff: dels %q ins %q", title.Find("del").Text(), title.Find("ins").Text())
	}
	if body.Find("del").Text() != "аввал" || body.Find("ins").Text() != "дуюм" {
		t.Errorf("body diff: dels %q ins %q", body.Find("del").Text(), body.Find("ins").Text())
	}
	if diff.Find("dd").Eq(1).Find("ins, del").Length() != 0 {
		t.Error("the unchanged summary shows changes")
	}

	// Restoring saves the old text as a new version.
	current, _ := f.reload(t).Translation("tg")
	restoreURL := href + "/restore"
	form := url.Values{"current_version": {strconv.Itoa(current.Version)}}
	resp := c.post(restoreURL, form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != f.path {
		t.Fatalf("restore: %d → %q\n%.600s", resp.StatusCode, resp.Header.Get("Location"), resp.Body)
	}
	restored, _ := f.reload(t).Translation("tg")
	if restored.Title != toolsTgTitle || restored.Version != current.Version+1 || restored.UpdatedByID == nil || *restored.UpdatedByID != env.editor.ID {
		t.Fatalf("after restore: %+v", restored)
	}
	revs, err := env.store.ListRevisions(ctx, f.article.ID, "tg")
	if err != nil || len(revs) != 3 || revs[0].EditorName != "Зарина" {
		t.Fatalf("revisions after restore: %+v %v", revs, err)
	}

	// The same form again is stale now: 409, the localized conflict
	// message, and nothing saved.
	c.post("/admin/account/language", url.Values{"language": {"fa"}})
	resp = c.post(restoreURL, form)
	notice := parseHTML(t, resp.Body).Find(`[data-testid="form-notice"]`).Text()
	if resp.StatusCode != http.StatusConflict || !strings.Contains(notice, i18n.MustLoad().Localizer("fa").T("error.conflict")) {
		t.Fatalf("stale restore: %d, notice %q", resp.StatusCode, notice)
	}
	if again, _ := f.reload(t).Translation("tg"); again.Version != restored.Version {
		t.Fatalf("a stale restore saved: version %d → %d", restored.Version, again.Version)
	}
	// The page offers the version now current, so restoring again is a
	// deliberate choice.
	if v := parseHTML(t, resp.Body).Find(`input[name="current_version"]`).AttrOr("value", ""); v != strconv.Itoa(restored.Version) {
		t.Errorf("conflict page offers version %q, want %d", v, restored.Version)
	}

	// A revision belongs to its article.
	if resp := c.get(fmt.Sprintf("/admin/articles/%d/revisions/%d", f.article.ID+1, revs[0].ID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("revision under another article: %d", resp.StatusCode)
	}
	if resp := c.get(fmt.Sprintf("%s/revisions/999999", f.path)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown revision: %d", resp.StatusCode)
	}
}
