package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

// toolsFixture is a bilingual article written by the editor: its Tajik
// text published, its Persian one a draft.
type toolsFixture struct {
	env     *testEnv
	article *models.Article
	path    string // /admin/articles/<id>
}

const (
	toolsTgTitle = "Ҳамкории фарҳангӣ"
	toolsFaTitle = "همکاری\u200cهای فرهنگی"
)

func newToolsFixture(t *testing.T) *toolsFixture {
	t.Helper()
	env := newTestEnv(t)
	ctx := context.Background()
	if _, err := env.store.UpdateUser(ctx, env.editor.ID, models.UserUpdate{DisplayName: "Зарина", Role: models.RoleEditor, Active: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.UpdateUser(ctx, env.admin.ID, models.UserUpdate{DisplayName: "مدیر سایت", Role: models.RoleAdmin, Active: true}); err != nil {
		t.Fatal(err)
	}
	sec, err := env.store.SaveSection(ctx, models.SectionInput{Slug: "culture", Names: map[string]string{"tg": "Фарҳанг", "fa": "فرهنگ"}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	a, err := env.store.SaveArticle(ctx, models.ArticleInput{
		Shared: &models.SharedInput{SectionID: sec.ID}, EditorID: &env.editor.ID,
		Translations: []models.TranslationInput{
			{Locale: "tg", Status: models.StatusPublished, PublishedAt: &at, Title: toolsTgTitle, BodyHTML: "<p>Матни аввал дар бораи фарҳанг.</p>"},
			{Locale: "fa", Status: models.StatusDraft, Title: toolsFaTitle, BodyHTML: "<p>متن پیش\u200cنویس می\u200cشود.</p>"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &toolsFixture{env: env, article: a, path: fmt.Sprintf("/admin/articles/%d", a.ID)}
}

// reload returns the article as it is in the database now.
func (f *toolsFixture) reload(t *testing.T) *models.Article {
	t.Helper()
	a, err := f.env.store.FindArticle(context.Background(), f.article.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// saveTg saves a new Tajik text over the current one.
func (f *toolsFixture) saveTg(t *testing.T, title, body string, editor *models.User) {
	t.Helper()
	tr, _ := f.reload(t).Translation("tg")
	_, err := f.env.store.SaveArticle(context.Background(), models.ArticleInput{ID: f.article.ID, EditorID: &editor.ID, Translations: []models.TranslationInput{{
		Locale: "tg", Version: tr.Version, Status: tr.Status, Title: title, BodyHTML: body,
	}}})
	if err != nil {
		t.Fatal(err)
	}
}

// hx sends a form the way htmx does from a page: CSRF header, no field.
func hx(c *client, path string) response {
	c.env.t.Helper()
	if c.csrf == "" {
		c.get("/admin/account")
	}
	return c.postRaw(path, url.Values{}, http.Header{"Origin": {c.env.server.URL}, "Hx-Request": {"true"}, "X-Csrf-Token": {c.csrf}})
}

func TestArticleToolsAreForEverySignedInUser(t *testing.T) {
	f := newToolsFixture(t)
	env := f.env
	revs, err := env.store.ListRevisions(context.Background(), f.article.ID, "tg")
	if err != nil {
		t.Fatal(err)
	}
	rev := fmt.Sprintf("%s/revisions/%d", f.path, revs[0].ID)
	routes := []struct{ method, path string }{
		{"GET", f.path + "/revisions?locale=tg"},
		{"GET", rev},
		{"POST", rev + "/restore"},
		{"POST", f.path + "/lock"},
		{"POST", f.path + "/lock/takeover"},
		{"POST", f.path + "/lock/release"},
		{"POST", f.path + "/preview-token"},
		{"GET", f.path + "/preview?locale=fa"},
		{"GET", "/admin/trash"},
		{"POST", f.path + "/delete"},
		{"POST", fmt.Sprintf("/admin/trash/%d/restore", f.article.ID)},
	}
	for _, who := range []string{"visitor", "editor"} {
		for _, rt := range routes {
			t.Run(who+" "+rt.method+" "+rt.path, func(t *testing.T) {
				c := env.client()
				if who != "visitor" {
					c = env.signedIn(who + "@example.com")
				}
				var resp response
				if rt.method == "GET" {
					resp = c.get(rt.path)
				} else {
					resp = c.post(rt.path, url.Values{})
				}
				switch {
				case who == "visitor" && rt.method == "GET":
					if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/login") {
						t.Fatalf("%d → %q, want a redirect to sign in", resp.StatusCode, resp.Header.Get("Location"))
					}
				case who == "visitor":
					if resp.StatusCode != http.StatusForbidden {
						t.Fatalf("%d, want 403", resp.StatusCode)
					}
				default:
					// The restore posts version 0, a stale one: 409 is its answer.
					if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound || resp.StatusCode >= 500 {
						t.Fatalf("%d for an editor, who may do this", resp.StatusCode)
					}
				}
			})
		}
	}
}

func TestArticleToolsRefuseMissingCSRFToken(t *testing.T) {
	f := newToolsFixture(t)
	c := f.env.signedIn("editor@example.com")
	for _, path := range []string{f.path + "/delete", f.path + "/lock", f.path + "/preview-token"} {
		resp := c.postRaw(path, url.Values{}, http.Header{"Origin": {f.env.server.URL}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s without a token: %d, want 403", path, resp.StatusCode)
		}
	}
	if a := f.reload(t); a.TrashedAt != nil {
		t.Fatal("a delete without a CSRF token trashed the article")
	}
	if st, err := f.env.store.AcquireLock(context.Background(), f.article.ID, f.env.admin.ID, false); err != nil || !st.Mine {
		t.Fatalf("a lock post without a CSRF token took the lock: %+v %v", st, err)
	}
}

func TestTrash(t *testing.T) {
	f := newToolsFixture(t)
	env, ctx := f.env, context.Background()
	c := env.signedIn("editor@example.com")
	if resp := c.get("/admin/articles"); !strings.Contains(resp.Body, toolsTgTitle) {
		t.Fatal("fixture: the article is not in the list")
	}
	if _, err := env.store.FindPublicArticle(ctx, "tg", f.article.ID); err != nil {
		t.Fatalf("fixture: the article is not public: %v", err)
	}

	resp := c.post(f.path+"/delete", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/articles" {
		t.Fatalf("delete: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	list := c.get("/admin/articles")
	if flash := parseHTML(t, list.Body).Find(`[data-testid="flash"]`).Text(); !strings.Contains(flash, toolsTgTitle) || !strings.Contains(flash, "30") {
		t.Errorf("flash %q, want the title and the 30 days", flash)
	}
	if strings.Contains(list.Body, `data-testid="article-`+fmt.Sprint(f.article.ID)+`"`) {
		t.Error("the trashed article is still in the list")
	}
	if _, err := env.store.FindPublicArticle(ctx, "tg", f.article.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("the API still finds the trashed article: %v", err)
	}
	if items, _, err := env.store.ListPublicArticles(ctx, models.ListQuery{Locale: "tg", Limit: 10}); err != nil || len(items) != 0 {
		t.Errorf("the API list still has %d articles (%v)", len(items), err)
	}
	if resp := c.get(f.path + "/revisions"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("history of a trashed article: %d, want 404", resp.StatusCode)
	}
	if resp := c.post(f.path+"/delete", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleting it again: %d, want 404", resp.StatusCode)
	}

	page := c.get("/admin/trash")
	doc := parseHTML(t, page.Body)
	row := doc.Find(fmt.Sprintf(`[data-testid="trash-%d"]`, f.article.ID))
	if page.StatusCode != http.StatusOK || row.Length() != 1 {
		t.Fatalf("trash page %d without the article:\n%.800s", page.StatusCode, page.Body)
	}
	title := row.Find(fmt.Sprintf(`[data-testid="trash-title-%d"]`, f.article.ID))
	if title.Text() != toolsTgTitle || title.AttrOr("lang", "") != "tg" || title.AttrOr("dir", "") != "ltr" {
		t.Errorf("title cell %q lang %q dir %q", title.Text(), title.AttrOr("lang", ""), title.AttrOr("dir", ""))
	}
	if left := strings.TrimSpace(row.Find(fmt.Sprintf(`[data-testid="trash-left-%d"]`, f.article.ID)).Text()); left != "30" {
		t.Errorf("days left %q, want 30", left)
	}
	if !strings.Contains(row.Text(), "Зарина") {
		t.Errorf("row %q does not say who deleted it", row.Text())
	}

	resp = c.post(fmt.Sprintf("/admin/trash/%d/restore", f.article.ID), nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/trash" {
		t.Fatalf("restore: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if page := c.get("/admin/trash"); !strings.Contains(page.Body, `data-testid="trash-empty"`) || !strings.Contains(page.Body, toolsTgTitle) {
		t.Errorf("after restore the trash is not empty, or the flash lacks the title")
	}
	if _, err := env.store.FindPublicArticle(ctx, "tg", f.article.ID); err != nil {
		t.Errorf("the restored article is not public again: %v", err)
	}
	if resp := c.post(fmt.Sprintf("/admin/trash/%d/restore", f.article.ID), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("restoring a live article: %d, want 404", resp.StatusCode)
	}
}

func TestTrashInPersian(t *testing.T) {
	f := newToolsFixture(t)
	if err := f.env.store.TrashArticleBy(context.Background(), f.article.ID, &f.env.admin.ID); err != nil {
		t.Fatal(err)
	}
	c := f.env.signedIn("editor@example.com")
	c.post("/admin/account/language", url.Values{"language": {"fa"}})
	page := c.get("/admin/trash")
	doc := parseHTML(t, page.Body)
	if dir, _ := doc.Find("html").Attr("dir"); dir != "rtl" {
		t.Errorf("html dir %q", dir)
	}
	row := doc.Find(fmt.Sprintf(`[data-testid="trash-%d"]`, f.article.ID))
	if left := strings.TrimSpace(row.Find(fmt.Sprintf(`[data-testid="trash-left-%d"]`, f.article.ID)).Text()); left != "۳۰" {
		t.Errorf("days left %q, want Persian digits ۳۰", left)
	}
	if !strings.Contains(row.Text(), "مدیر سایت") || !strings.Contains(page.Body, "سطل زباله") {
		t.Errorf("the page is not in Persian or lacks who deleted it")
	}
}
