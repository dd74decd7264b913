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

func (env *testEnv) section(slug string) *models.Section {
	env.t.Helper()
	s, err := env.store.SaveSection(context.Background(), models.SectionInput{Slug: slug, Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		env.t.Fatal(err)
	}
	return s
}

func (env *testEnv) article(sectionID uint, tr ...models.TranslationInput) *models.Article {
	env.t.Helper()
	a, err := env.store.SaveArticle(context.Background(), models.ArticleInput{Shared: &models.SharedInput{SectionID: sectionID}, Translations: tr})
	if err != nil {
		env.t.Fatal(err)
	}
	return a
}

func htmxPost(c *client, path string, form url.Values, header http.Header) response {
	form.Set("csrf_token", c.csrf)
	h := http.Header{"Origin": {c.env.server.URL}, "Hx-Request": {"true"}}
	for k, v := range header {
		h[k] = v
	}
	return c.postRaw(path, form, h)
}

func TestCreateArticleFromBothPanes(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	c := env.signedIn("editor@example.com")
	if resp := c.get("/admin/articles/new"); resp.StatusCode != 200 || !strings.Contains(resp.Body, `data-testid="pane-fa"`) {
		t.Fatalf("new article page: %d", resp.StatusCode)
	}
	const faTitle = "همکاری\u200cهای تازه"
	resp := c.post("/admin/articles", url.Values{
		"section_id": {fmt.Sprint(sec.ID)},
		"tg.title":   {"Ҳамкории нав"}, "tg.status": {"published"}, "tg.body_html": {"<p>Матн</p>"},
		"fa.title": {faTitle}, "fa.status": {"draft"}, "fa.body_html": {"<p>متن می\u200cکنند</p>"},
	})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/articles/") {
		t.Fatalf("create: %d %s\n%.500s", resp.StatusCode, resp.Header.Get("Location"), resp.Body)
	}
	id := formID(strings.TrimPrefix(resp.Header.Get("Location"), "/admin/articles/"))
	a, err := env.store.FindArticle(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	fa, _ := a.Translation("fa")
	tg, _ := a.Translation("tg")
	if fa.Title != faTitle || fa.Status != models.StatusDraft || tg.Status != models.StatusPublished || fa.BodyHTML != "<p>متن می\u200cکنند</p>" {
		t.Fatalf("saved %+v / %+v", tg, fa)
	}
	if page := c.get(resp.Header.Get("Location")); page.StatusCode != 200 || !strings.Contains(page.Body, faTitle) {
		t.Fatalf("editor page: %d", page.StatusCode)
	}
}

func TestPublishingNeedsTitleAndBody(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	c := env.signedIn("editor@example.com")
	resp := c.post("/admin/articles", url.Values{"section_id": {fmt.Sprint(sec.ID)}, "fa.status": {"published"}, "fa.summary": {"خلاصه"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.Body, `data-testid="error-fa-title"`) || !strings.Contains(resp.Body, `data-testid="error-fa-body_html"`) {
		t.Fatalf("publish without title/body: %d", resp.StatusCode)
	}
	if !strings.Contains(resp.Body, "خلاصه") {
		t.Fatal("the refused form lost what was typed")
	}
	if resp := c.post("/admin/articles", url.Values{"tg.title": {"Бе бахш"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.Body, `data-testid="error-section_id"`) {
		t.Fatalf("no section: %d", resp.StatusCode)
	}
	a := env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusDraft, Title: "Пешнавис"})
	c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	tr, _ := a.Translation("tg")
	resp = c.post(fmt.Sprintf("/admin/articles/%d/translations/tg", a.ID), url.Values{"tg.version": {fmt.Sprint(tr.Version)}, "tg.status": {"published"}, "tg.title": {"Пешнавис"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.Body, `data-testid="error-tg-body_html"`) {
		t.Fatalf("publish pane without body: %d", resp.StatusCode)
	}
}

func TestPaneConflictKeepsTypedText(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: "نسخهٔ نخست"})
	tr, _ := a.Translation("fa")
	path := fmt.Sprintf("/admin/articles/%d/translations/fa", a.ID)
	alice, bob := env.signedIn("admin@example.com"), env.signedIn("editor@example.com")
	alice.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	bob.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	if resp := htmxPost(alice, path, url.Values{"fa.version": {fmt.Sprint(tr.Version)}, "fa.status": {"draft"}, "fa.title": {"نسخهٔ آلیس"}}, nil); resp.StatusCode != 200 {
		t.Fatalf("alice: %d", resp.StatusCode)
	}
	resp := htmxPost(bob, path, url.Values{"fa.version": {fmt.Sprint(tr.Version)}, "fa.status": {"draft"}, "fa.title": {"نسخهٔ باب"}}, nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(resp.Body, `data-testid="conflict-fa"`) || !strings.Contains(resp.Body, "نسخهٔ آلیس") || !strings.Contains(resp.Body, `value="نسخهٔ باب"`) {
		t.Fatalf("bob's stale save: %d\n%.800s", resp.StatusCode, resp.Body)
	}
	now, _ := env.store.FindArticle(context.Background(), a.ID)
	if got, _ := now.Translation("fa"); got.Title != "نسخهٔ آلیس" {
		t.Fatalf("the stale save overwrote: %q", got.Title)
	}
	// Saving again from the conflict view is a deliberate overwrite.
	version := between(resp.Body, `name="fa.version" value="`, `"`)
	if resp := htmxPost(bob, path, url.Values{"fa.version": {version}, "fa.status": {"draft"}, "fa.title": {"نسخهٔ باب"}}, nil); resp.StatusCode != 200 {
		t.Fatalf("deliberate overwrite: %d", resp.StatusCode)
	}
}

func TestAutosaveNeverPublishes(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID,
		models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: "Нашршуда", BodyHTML: "<p>Матн</p>"},
		models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: "پیش\u200cنویس"})
	c := env.signedIn("editor@example.com")
	c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	tg, _ := a.Translation("tg")
	fa, _ := a.Translation("fa")
	auto := http.Header{"X-Autosave": {"true"}}
	tests := []struct {
		name   string
		loc    string
		form   url.Values
		status int
	}{
		{"published translation is not autosaved", "tg", url.Values{"tg.version": {fmt.Sprint(tg.Version)}, "tg.status": {"draft"}, "tg.title": {"Тағйир"}}, http.StatusNoContent},
		{"autosave asking to publish is refused", "fa", url.Values{"fa.version": {fmt.Sprint(fa.Version)}, "fa.status": {"published"}, "fa.title": {"x"}, "fa.body_html": {"<p>x</p>"}}, http.StatusNoContent},
		{"draft is autosaved", "fa", url.Values{"fa.version": {fmt.Sprint(fa.Version)}, "fa.status": {"draft"}, "fa.title": {"پیش\u200cنویس تازه"}}, http.StatusOK},
	}
	for _, tt := range tests {
		resp := htmxPost(c, fmt.Sprintf("/admin/articles/%d/translations/%s", a.ID, tt.loc), tt.form, auto)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, resp.StatusCode, tt.status)
		}
	}
	now, _ := env.store.FindArticle(context.Background(), a.ID)
	gotTG, _ := now.Translation("tg")
	gotFA, _ := now.Translation("fa")
	if gotTG.Title != "Нашршуда" || gotTG.Status != models.StatusPublished || gotFA.Status != models.StatusDraft || gotFA.Title != "پیش\u200cنویس تازه" {
		t.Fatalf("after autosaves: tg %q %s, fa %q %s", gotTG.Title, gotTG.Status, gotFA.Title, gotFA.Status)
	}
}

func TestRelatedListEditing(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	pub := func(title string) *models.Article {
		return env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: title, BodyHTML: "<p>x</p>"})
	}
	a, b, c2 := pub("Асосӣ"), pub("Дуюмин мақола"), pub("Сеюмин мақола")
	cl := env.signedIn("editor@example.com")
	page := cl.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	path := fmt.Sprintf("/admin/articles/%d/shared", a.ID)
	send := func(op string, related ...uint) response {
		version := between(page.Body, `name="shared_version" value="`, `"`)
		form := url.Values{"shared_version": {version}, "section_id": {fmt.Sprint(sec.ID)}, "op": {op}, "related_q": {"мақола"}}
		for _, r := range related {
			form.Add("related", fmt.Sprint(r))
		}
		page = htmxPost(cl, path, form, nil)
		return page
	}
	if resp := send("search"); resp.StatusCode != 200 || !strings.Contains(resp.Body, fmt.Sprintf(`data-testid="add-related-%d"`, b.ID)) {
		t.Fatalf("search: %d\n%.600s", resp.StatusCode, resp.Body)
	}
	send(fmt.Sprintf("add:%d", b.ID))
	send(fmt.Sprintf("add:%d", c2.ID), b.ID)
	send(fmt.Sprintf("up:%d", c2.ID), b.ID, c2.ID)
	ids, _ := env.store.RelatedIDs(context.Background(), a.ID)
	if fmt.Sprint(ids) != fmt.Sprint([]uint{c2.ID, b.ID}) {
		t.Fatalf("related after add, add, up = %v", ids)
	}
	// The link shows on the other article too.
	if back, _ := env.store.RelatedIDs(context.Background(), b.ID); fmt.Sprint(back) != fmt.Sprint([]uint{a.ID}) {
		t.Fatalf("related of B = %v", back)
	}
	send(fmt.Sprintf("remove:%d", b.ID), c2.ID, b.ID)
	if ids, _ := env.store.RelatedIDs(context.Background(), a.ID); fmt.Sprint(ids) != fmt.Sprint([]uint{c2.ID}) {
		t.Fatalf("related after remove = %v", ids)
	}
	// A stale shared version is a conflict, not a lost update.
	stale := htmxPost(cl, path, url.Values{"shared_version": {"1"}, "section_id": {fmt.Sprint(sec.ID)}, "op": {"save"}, "archived": {"on"}}, nil)
	if stale.StatusCode != http.StatusConflict {
		t.Fatalf("stale shared save: %d", stale.StatusCode)
	}
	if now, _ := env.store.FindArticle(context.Background(), a.ID); now.Archived {
		t.Fatal("the stale save archived the article")
	}
}

func TestEditorRoutesNeedSignIn(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusDraft, Title: "Т"})
	visitor := env.client()
	if resp := visitor.get(fmt.Sprintf("/admin/articles/%d", a.ID)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("visitor GET: %d", resp.StatusCode)
	}
	if resp := visitor.post(fmt.Sprintf("/admin/articles/%d/translations/tg", a.ID), url.Values{"tg.title": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("visitor POST: %d", resp.StatusCode)
	}
	c := env.signedIn("editor@example.com")
	if resp := c.get("/admin/articles/999999"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("missing article: %d", resp.StatusCode)
	}
	if resp := c.get(fmt.Sprintf("/admin/articles/%d/translations/xx", a.ID)); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("unknown locale: %d", resp.StatusCode)
	}
}

func TestRelatedSuggestionsLinkInOneClick(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	pub := func(tg, fa string) *models.Article {
		return env.article(sec.ID,
			models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: tg, BodyHTML: "<p>x</p>"},
			models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: fa})
	}
	for range 5 {
		pub("Хабари рӯз", "خبر روز")
	}
	a := pub("Обанбори Норак пур шуд", "مخزن نورک پر شد")
	b := pub("Сатҳи об дар Норак", "سطح آب در مخزن")
	c := env.signedIn("editor@example.com")
	page := c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	button := fmt.Sprintf(`data-testid="suggest-related-%d"`, b.ID)
	if !strings.Contains(page.Body, button) {
		t.Fatalf("the editor does not suggest %d:\n%.800s", b.ID, between(page.Body, `data-testid="related"`, `</section>`))
	}
	version := between(page.Body, `name="shared_version" value="`, `"`)
	resp := htmxPost(c, fmt.Sprintf("/admin/articles/%d/shared", a.ID), url.Values{
		"shared_version": {version}, "section_id": {fmt.Sprint(sec.ID)}, "op": {fmt.Sprintf("add:%d", b.ID)},
	}, nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, fmt.Sprintf(`data-testid="related-%d"`, b.ID)) || strings.Contains(resp.Body, button) {
		t.Fatalf("one click should link it and drop it from the suggestions: %d", resp.StatusCode)
	}
	if ids, _ := env.store.RelatedIDs(context.Background(), a.ID); fmt.Sprint(ids) != fmt.Sprint([]uint{b.ID}) {
		t.Fatalf("related after the click = %v", ids)
	}
}
