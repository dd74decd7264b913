package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
)

// TestComparePaneShowsKeptCopyBesideSaved posts a copy the browser kept,
// with the version it was typed on: the answer is the conflict view (the
// copy in the form, the saved text beside it, the saved version carried),
// and nothing is saved. A plain post, which holds no kept copy, goes to the
// editor page.
func TestComparePaneShowsKeptCopyBesideSaved(t *testing.T) {
	const kept = "متن نگه\u200cداشته\u200cشده"
	tg := i18n.MustLoad().Localizer("tg")
	for _, tc := range []struct {
		name       string
		savedSince bool
		htmx       bool
		status     int
		notice     string
	}{
		{"typed on the saved version", false, true, http.StatusConflict, tg.T("conflict.kept_notice_same")},
		{"someone saved since", true, true, http.StatusConflict, tg.T("conflict.kept_notice_since")},
		{"plain post", false, false, http.StatusSeeOther, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t)
			ctx := context.Background()
			a := env.article(env.section("news").ID, models.TranslationInput{Locale: "fa", Status: models.StatusPublished, Title: "عنوان نخست", BodyHTML: "<p>متن</p>"})
			typedOn, _ := a.Translation("fa")
			if tc.savedSince {
				var err error
				a, err = env.store.SaveArticle(ctx, models.ArticleInput{ID: a.ID, Translations: []models.TranslationInput{
					{Locale: "fa", Version: typedOn.Version, Status: models.StatusPublished, Title: "عنوان ذخیره\u200cشده", BodyHTML: "<p>متن</p>"},
				}})
				if err != nil {
					t.Fatal(err)
				}
			}
			now, _ := a.Translation("fa")
			c := env.signedIn("editor@example.com")
			c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
			form := url.Values{"fa.version": {fmt.Sprint(typedOn.Version)}, "fa.status": {"published"}, "fa.title": {kept}}
			path := fmt.Sprintf("/admin/articles/%d/translations/fa/compare", a.ID)
			var resp response
			if tc.htmx {
				resp = htmxPost(c, path, form, nil)
			} else {
				resp = c.post(path, form)
			}
			if resp.StatusCode != tc.status {
				t.Fatalf("compare: %d, want %d\n%.600s", resp.StatusCode, tc.status, resp.Body)
			}
			after, _ := env.store.FindArticle(ctx, a.ID)
			if got, _ := after.Translation("fa"); got.Title != now.Title || got.Version != now.Version {
				t.Fatalf("compare saved: %q v%d, want %q v%d", got.Title, got.Version, now.Title, now.Version)
			}
			if !tc.htmx {
				return
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(resp.Body))
			if err != nil {
				t.Fatal(err)
			}
			checks := map[string][2]string{
				"notice":          {doc.Find(`[data-testid="notice-fa"]`).Text(), tc.notice},
				"saved title":     {doc.Find(`[data-testid="conflict-title-fa"]`).Text(), now.Title},
				"kept title":      {doc.Find(`[data-testid="fa-title"]`).AttrOr("value", ""), kept},
				"carried version": {doc.Find(`[name="fa.version"]`).AttrOr("value", ""), fmt.Sprint(now.Version)},
				"take theirs":     {doc.Find(`[data-testid="take-theirs-fa"]`).AttrOr("hx-get", ""), fmt.Sprintf("/admin/articles/%d/translations/fa", a.ID)},
			}
			for what, got := range checks {
				if got[0] != got[1] {
					t.Errorf("%s: %q, want %q", what, got[0], got[1])
				}
			}
		})
	}
}

// TestShowPaneIsTheSavedPane is "take theirs": htmx gets the pane as saved
// now; a plain request goes to the editor page.
func TestShowPaneIsTheSavedPane(t *testing.T) {
	env := newTestEnv(t)
	a := env.article(env.section("news").ID, models.TranslationInput{Locale: "fa", Status: models.StatusPublished, Title: "عنوان می\u200cماند", BodyHTML: "<p>متن</p>"})
	c := env.signedIn("editor@example.com")
	path := fmt.Sprintf("/admin/articles/%d/translations/fa", a.ID)
	for _, tc := range []struct {
		name   string
		header http.Header
		status int
	}{
		{"htmx", http.Header{"Hx-Request": {"true"}}, http.StatusOK},
		{"plain", nil, http.StatusSeeOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, env.server.URL+path, nil)
			for k, v := range tc.header {
				req.Header[k] = v
			}
			resp := c.do(req)
			if resp.StatusCode != tc.status {
				t.Fatalf("%d, want %d", resp.StatusCode, tc.status)
			}
			if tc.status == http.StatusOK && !strings.Contains(resp.Body, `value="عنوان می`+"\u200c"+`ماند"`) {
				t.Fatalf("the pane lacks the saved title:\n%.600s", resp.Body)
			}
		})
	}
}
