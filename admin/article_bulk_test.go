package admin

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// stampsOf reads the selection values the list offers, by article id.
func stampsOf(t *testing.T, body string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`name="article" value="((\d+)\.\d+)"`).FindAllStringSubmatch(body, -1) {
		out[m[2]] = m[1]
	}
	if len(out) == 0 {
		t.Fatal("the list offers no rows to select")
	}
	return out
}

// The bulk bar needs a signed-in user and the CSRF token; it publishes the
// selected drafts as the list showed them, refuses one saved since (and
// says why, by title), refuses a bad action beside its field, and answers
// htmx with the results alone.
func TestBulkPublishFromTheList(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	draft := func(title string) *models.Article {
		return env.article(sec.ID, models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: title, BodyHTML: "<p>متن</p>"})
	}
	a, b, stale := draft("یکم"), draft("دوم"), draft("سومِ ویرایش‌شده")
	isPublished := func(id uint) bool {
		got, err := env.store.FindArticle(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		tr, _ := got.Translation("fa")
		return tr.Status == models.StatusPublished
	}
	c := env.signedIn("editor@example.com")
	stamps := stampsOf(t, c.get("/admin/articles").Body)
	form := url.Values{"action": {"publish"}, "locale": {"fa"}}
	for _, id := range []uint{a.ID, b.ID, stale.ID} {
		form.Add("article", stamps[idText(id)])
	}
	if resp := env.client().post("/admin/articles/bulk", url.Values(maps.Clone(form))); resp.StatusCode != http.StatusForbidden || isPublished(a.ID) {
		t.Fatalf("visitor: %d", resp.StatusCode)
	}

	tr, _ := stale.Translation("fa")
	if _, err := env.store.SaveArticle(context.Background(), models.ArticleInput{ID: stale.ID, Translations: []models.TranslationInput{{
		Locale: "fa", Version: tr.Version, Status: models.StatusDraft, Title: tr.Title + "!", BodyHTML: tr.BodyHTML,
	}}}); err != nil {
		t.Fatal(err)
	}

	resp := c.post("/admin/articles/bulk", form)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("bulk publish: %d %s", resp.StatusCode, resp.Body)
	}
	if !isPublished(a.ID) || !isPublished(b.ID) || isPublished(stale.ID) {
		t.Errorf("published: %v %v %v, want the two unchanged drafts only", isPublished(a.ID), isPublished(b.ID), isPublished(stale.ID))
	}
	for _, want := range []string{`data-testid="bulk-report"`, `data-testid="bulk-refused-` + idText(stale.ID) + `"`, "سومِ ویرایش‌شده!", `data-testid="bulk-done-` + idText(a.ID) + `"`} {
		if !strings.Contains(resp.Body, want) {
			t.Errorf("the report lacks %q", want)
		}
	}

	bad := url.Values{"action": {"publish"}, "locale": {"de"}, "article": {stamps[idText(a.ID)]}}
	bad.Set("csrf_token", c.csrf)
	resp = c.postRaw("/admin/articles/bulk", bad, http.Header{"Origin": {env.server.URL}, "Hx-Request": {"true"}, "Hx-Target": {"article-results"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.Body, `data-testid="bulk-error-locale"`) || strings.Contains(resp.Body, "<html") {
		t.Errorf("unknown locale over htmx: %d %s", resp.StatusCode, resp.Body)
	}
}

func idText(id uint) string { return strconv.FormatUint(uint64(id), 10) }
