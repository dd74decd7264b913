package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/preview"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

// siteLinksFixture is an admin with a site URL (and, when withPreview, a
// preview page) and an article public in tg with a Persian draft.
func siteLinksFixture(t *testing.T, withPreview bool) (*testEnv, *models.Article) {
	t.Helper()
	paths := siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath}
	if withPreview {
		paths.Preview = "/{locale}/preview/{id}?token={token}"
	}
	site, err := siteurl.New("https://news.example.tj", paths)
	if err != nil {
		t.Fatal(err)
	}
	env := newTestEnvWith(t, Options{SiteURLs: site})
	ctx := context.Background()
	sec, err := env.store.SaveSection(ctx, models.SectionInput{Slug: "culture", Names: map[string]string{"tg": "Фарҳанг", "fa": "فرهنگ"}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	a, err := env.store.SaveArticle(ctx, models.ArticleInput{
		Shared: &models.SharedInput{SectionID: sec.ID},
		Translations: []models.TranslationInput{
			{Locale: "tg", Status: models.StatusPublished, PublishedAt: &at, Title: "Ҷашни Наврӯз", BodyHTML: "<p>Матн.</p>"},
			{Locale: "fa", Status: models.StatusDraft, Title: "جشن نوروز", BodyHTML: "<p>متن پیش\u200cنویس.</p>"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return env, a
}

func TestEditorLinksToTheSite(t *testing.T) {
	t.Run("public translation: View on site; draft: Preview on site", func(t *testing.T) {
		env, a := siteLinksFixture(t, true)
		c := env.signedIn("editor@example.com")
		doc := parseHTML(t, c.get(fmt.Sprintf("/admin/articles/%d", a.ID)).Body)
		tg, _ := a.Translation("tg")
		view := doc.Find(`[data-testid="view-on-site-tg"]`)
		if got := view.AttrOr("href", ""); got != "https://news.example.tj/tg/news/"+url.PathEscape(tg.Slug) {
			t.Errorf("View on site (tg) = %q", got)
		}
		if view.AttrOr("target", "") != "_blank" || doc.Find(`[data-testid="preview-on-site-tg"]`).Length() != 0 {
			t.Error("the public tg pane must open its page in a new tab and offer no preview")
		}
		if doc.Find(`[data-testid="view-on-site-fa"]`).Length() != 0 {
			t.Error("a draft has no public page to view")
		}
		previewLink := doc.Find(`[data-testid="preview-on-site-fa"]`).AttrOr("href", "")
		if want := fmt.Sprintf("/admin/articles/%d/site-preview/fa", a.ID); previewLink != want {
			t.Fatalf("Preview on site (fa) = %q, want %q", previewLink, want)
		}

		// The link issues a fresh token and sends the editor to the site.
		resp := c.get(previewLink)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("site preview %d %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		loc, err := url.Parse(resp.Header.Get("Location"))
		if err != nil || loc.Host != "news.example.tj" || loc.Path != fmt.Sprintf("/fa/preview/%d", a.ID) {
			t.Fatalf("Location %q", resp.Header.Get("Location"))
		}
		secret, err := env.store.PreviewSecret(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if id, ok := preview.New(secret, preview.DefaultLifetime, nil).Verify(loc.Query().Get("token")); !ok || id != a.ID {
			t.Errorf("token %q opens %d, %v", loc.Query().Get("token"), id, ok)
		}
		if r := c.get(fmt.Sprintf("/admin/articles/%d/site-preview/de", a.ID)); r.StatusCode != http.StatusNotFound {
			t.Errorf("unknown locale: %d", r.StatusCode)
		}
		if r := env.client().get(previewLink); r.StatusCode == http.StatusSeeOther && strings.Contains(r.Header.Get("Location"), "token=") {
			t.Error("a visitor who is not signed in got a preview token")
		}
	})

	t.Run("no preview page: drafts get no link", func(t *testing.T) {
		env, a := siteLinksFixture(t, false)
		c := env.signedIn("editor@example.com")
		doc := parseHTML(t, c.get(fmt.Sprintf("/admin/articles/%d", a.ID)).Body)
		if doc.Find(`[data-testid="view-on-site-tg"]`).Length() != 1 || doc.Find(`[data-testid="preview-on-site-fa"]`).Length() != 0 {
			t.Error("want View on site for tg only")
		}
		if r := c.get(fmt.Sprintf("/admin/articles/%d/site-preview/fa", a.ID)); r.StatusCode != http.StatusNotFound {
			t.Errorf("site preview without --preview-path: %d", r.StatusCode)
		}
	})

	t.Run("no site URL: no links", func(t *testing.T) {
		f := newToolsFixture(t)
		body := f.env.signedIn("editor@example.com").get(f.path).Body
		if strings.Contains(body, "view-on-site-") || strings.Contains(body, "preview-on-site-") {
			t.Error("links to the site shown without --site-url")
		}
	})
}
