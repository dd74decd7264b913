package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// Preview renders the saved translation, a draft included, in a plain
// article page in its own direction, for signed-in users only, never
// cached; the pane links to it.
func TestReadPreviewRendersTheDraft(t *testing.T) {
	f := newToolsFixture(t)
	path := f.path + "/translations/fa/preview"
	if resp := f.env.client().get(path); resp.StatusCode == http.StatusOK {
		t.Fatalf("a visitor without a session got the preview: %d", resp.StatusCode)
	}
	c := f.env.signedIn("editor@example.com")
	resp := c.get(path)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("preview %d %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	doc := parseHTML(t, resp.Body)
	if html := doc.Find("html"); html.AttrOr("dir", "") != "rtl" || html.AttrOr("lang", "") != "fa" {
		t.Errorf("page lang %q dir %q, want fa rtl", html.AttrOr("lang", ""), html.AttrOr("dir", ""))
	}
	if got := doc.Find(`[data-testid="read-title"]`).Text(); got != toolsFaTitle {
		t.Errorf("title %q, want %q", got, toolsFaTitle)
	}
	if got, _ := doc.Find(`[data-testid="read-body"]`).Html(); !strings.Contains(got, "<p>متن پیش\u200cنویس می\u200cشود.</p>") {
		t.Errorf("body %q", got)
	}
	if doc.Find(`[data-testid="read-status"]`).Text() == "" || doc.Find(`[data-testid="read-date"]`).Text() == "" {
		t.Error("a draft's preview says neither that it is one nor its date")
	}
	if strings.Contains(resp.Header.Get("Content-Security-Policy"), "unsafe-inline") || strings.Contains(resp.Body, "style=") {
		t.Error("the preview needs inline styles")
	}
	editor := parseHTML(t, c.get(f.path).Body)
	if got := editor.Find(`[data-testid="read-preview-fa"]`).AttrOr("href", ""); got != path {
		t.Errorf("the fa pane's Preview goes to %q, want %q", got, path)
	}
	for _, bad := range []string{f.path + "/translations/de/preview", "/admin/articles/999999/translations/fa/preview"} {
		if resp := c.get(bad); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", bad, resp.StatusCode)
		}
	}
}

// The link picker finds articles as the related picker does, names each
// in the linking pane's language where it can, says whether readers see
// it there, and leaves out the article being edited.
func TestLinkSearch(t *testing.T) {
	f := newToolsFixture(t)
	ctx := context.Background()
	other, err := f.env.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: f.article.SectionID},
		Translations: []models.TranslationInput{{Locale: "tg", Status: models.StatusDraft, Title: "Фарҳанги дигар", BodyHTML: "<p>Дар бораи фарҳанг.</p>"}}})
	if err != nil {
		t.Fatal(err)
	}
	c := f.env.signedIn("editor@example.com")
	resp := c.get(fmt.Sprintf("/admin/articles/link-search?q=%s&locale=fa&exclude=%d", "фарҳанг", other.ID))
	var got struct {
		Items []linkCandidate `json:"items"`
	}
	if err := json.Unmarshal([]byte(resp.Body), &got); resp.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("%d %v %s", resp.StatusCode, err, resp.Body)
	}
	if len(got.Items) != 1 || got.Items[0].ID != f.article.ID {
		t.Fatalf("items %+v, want only article %d", got.Items, f.article.ID)
	}
	item := got.Items[0]
	if item.Title != toolsFaTitle || item.Lang != "fa" || item.Dir != "rtl" || item.Public || item.Href != f.path {
		t.Errorf("item %+v: want the fa title, not public in fa (a draft), href %s", item, f.path)
	}
	resp = c.get("/admin/articles/link-search?q=" + "фарҳанг" + "&locale=tg")
	if err := json.Unmarshal([]byte(resp.Body), &got); err != nil || len(got.Items) != 2 {
		t.Fatalf("tg search: %v %+v", err, got.Items)
	}
	for _, it := range got.Items {
		if want := it.ID == f.article.ID; it.Public != want || it.Lang != "tg" {
			t.Errorf("tg item %+v: public should be %v", it, want)
		}
	}
}
