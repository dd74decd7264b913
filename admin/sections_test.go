package admin

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
)

// tg is the interface language of the test accounts: the site's default.
var tg = i18n.MustLoad().Localizer("tg")

func sectionsDoc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func (env *testEnv) mustSection(slug string, parent *uint) *models.Section {
	env.t.Helper()
	ctx := context.Background()
	position, err := env.store.NextSectionPosition(ctx)
	if err != nil {
		env.t.Fatal(err)
	}
	sec, err := env.store.SaveSection(ctx, models.SectionInput{Slug: slug, Position: position, ParentID: parent,
		Names: map[string]string{"tg": "Бахши " + slug, "fa": "بخش " + slug}})
	if err != nil {
		env.t.Fatal(err)
	}
	return sec
}

func (env *testEnv) mustArticle(sectionID uint, status models.Status) *models.Article {
	env.t.Helper()
	at := time.Now().Add(-time.Hour)
	a, err := env.store.SaveArticle(context.Background(), models.ArticleInput{Shared: &models.SharedInput{SectionID: sectionID},
		Translations: []models.TranslationInput{{Locale: "tg", Status: status, PublishedAt: &at, Title: "Хабар", BodyHTML: "<p>Матн</p>"}}})
	if err != nil {
		env.t.Fatal(err)
	}
	return a
}

func (env *testEnv) sectionSlugs() []string {
	env.t.Helper()
	all, err := env.store.ListSections(context.Background())
	if err != nil {
		env.t.Fatal(err)
	}
	var out []string
	for _, s := range all {
		out = append(out, s.Slug)
	}
	return out
}

// sectionsAdmin signs the admin in and opens the sections page, which
// hands the client the session's CSRF token (sign-in renews it).
func (env *testEnv) sectionsAdmin() *client {
	env.t.Helper()
	c := env.signedIn("admin@example.com")
	if resp := c.get("/admin/sections"); resp.StatusCode != http.StatusOK {
		env.t.Fatalf("sections page: %d", resp.StatusCode)
	}
	return c
}

func sectionPathOf(s *models.Section) string { return "/admin/sections/" + strconv.Itoa(int(s.ID)) }

func TestCreateSectionShowsBothNamesAndReachesTheAPI(t *testing.T) {
	env := newTestEnv(t)
	c := env.sectionsAdmin()
	resp := c.post("/admin/sections", url.Values{"slug": {"World News"}, "parent_id": {""}, "names.tg": {"Ҷаҳон"}, "names.fa": {"جهان"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/sections#section-world-news" {
		t.Fatalf("create: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	doc := sectionsDoc(t, c.get("/admin/sections").Body)
	if flash := doc.Find(`[data-testid="flash"]`).Text(); flash != tg.T("sections.created", "name", "Ҷаҳон") {
		t.Errorf("flash = %q", flash)
	}
	row := doc.Find(`[data-testid="sections-table"] [data-testid="section-row-world-news"]`)
	for _, want := range []struct{ lang, dir, text string }{{"tg", "ltr", "Ҷаҳон"}, {"fa", "rtl", "جهان"}} {
		cell := row.Find(`td[lang="` + want.lang + `"]`)
		if dir, _ := cell.Attr("dir"); dir != want.dir || strings.TrimSpace(cell.Text()) != want.text {
			t.Errorf("%s cell: dir %q text %q", want.lang, dir, cell.Text())
		}
	}
	// The public API reads the same store: the section is there at once.
	sec, err := env.store.FindSectionBySlug(context.Background(), "world-news")
	if err != nil || sec.Name("fa") != "جهان" || sec.Name("tg") != "Ҷаҳон" {
		t.Fatalf("stored section = %+v, %v", sec, err)
	}
}

func TestCreateSectionRefusesBadInputBesideFields(t *testing.T) {
	env := newTestEnv(t)
	env.mustSection("news", nil)
	c := env.sectionsAdmin()
	tests := []struct {
		name, field, want string
		form              url.Values
	}{
		{"no slug", "slug", tg.T("validation.slug_required"), url.Values{"slug": {"!!!"}, "names.tg": {"Х"}}},
		{"slug taken", "slug", tg.T("validation.slug_taken", "slug", "news"), url.Values{"slug": {"News"}, "names.tg": {"Х"}}},
		{"no default name", "names.tg", tg.T("validation.name_required", "language", "Тоҷикӣ"), url.Values{"slug": {"x"}, "names.fa": {"خ"}}},
		{"missing parent", "parent_id", tg.T("validation.parent_missing"), url.Values{"slug": {"x"}, "parent_id": {"999"}, "names.tg": {"Х"}}},
		{"parent not a number", "parent_id", tg.T("validation.parent_missing"), url.Values{"slug": {"x"}, "parent_id": {"abc"}, "names.tg": {"Х"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.post("/admin/sections", tt.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.StatusCode)
			}
			doc := sectionsDoc(t, resp.Body)
			if got := doc.Find(`[data-testid="error-` + tt.field + `"]`).Text(); got != tt.want {
				t.Errorf("message beside %s = %q, want %q", tt.field, got, tt.want)
			}
			if got, _ := doc.Find(`[data-testid="new-section-form"] input[name="slug"]`).Attr("value"); got != tt.form.Get("slug") {
				t.Errorf("typed slug %q came back as %q", tt.form.Get("slug"), got)
			}
			if got := env.sectionSlugs(); !reflect.DeepEqual(got, []string{"news"}) {
				t.Errorf("sections after a refused create: %v", got)
			}
		})
	}
}

func TestEditSection(t *testing.T) {
	env := newTestEnv(t)
	world := env.mustSection("world", nil)
	asia := env.mustSection("asia", &world.ID)
	culture := env.mustSection("culture", nil)
	c := env.sectionsAdmin()

	// The parent choice leaves out the section itself and its descendants.
	doc := sectionsDoc(t, c.get(sectionPathOf(world)).Body)
	var offered []string
	doc.Find(`select[name="parent_id"] option`).Each(func(_ int, o *goquery.Selection) { offered = append(offered, o.AttrOr("value", "")) })
	if want := []string{"", strconv.Itoa(int(culture.ID))}; !reflect.DeepEqual(offered, want) {
		t.Fatalf("parents offered for world = %v, want %v", offered, want)
	}
	// A descendant as parent is refused beside the field.
	resp := c.post(sectionPathOf(world), url.Values{"version": {strconv.Itoa(world.Version)}, "slug": {"world"}, "parent_id": {strconv.Itoa(int(asia.ID))}, "names.tg": {"Ҷаҳон"}})
	if got := sectionsDoc(t, resp.Body).Find(`[data-testid="error-parent_id"]`).Text(); resp.StatusCode != http.StatusUnprocessableEntity || got != tg.T("validation.parent_cycle") {
		t.Fatalf("cycle: %d %q", resp.StatusCode, got)
	}

	form := url.Values{"version": {strconv.Itoa(asia.Version)}, "slug": {"asia"}, "parent_id": {strconv.Itoa(int(culture.ID))}, "names.tg": {"Осиё"}, "names.fa": {"آسیا"}}
	if resp := c.post(sectionPathOf(asia), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	saved, _ := env.store.FindSection(context.Background(), asia.ID)
	if saved.Name("tg") != "Осиё" || saved.ParentID == nil || *saved.ParentID != culture.ID || saved.Position != asia.Position {
		t.Fatalf("saved = %+v", saved)
	}

	// Saving again with the version loaded before is a conflict: the
	// typed values come back with the message, and nothing is written.
	form.Set("names.tg", "Осиёи Марказӣ")
	resp = c.post(sectionPathOf(asia), form)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("stale save: %d, want 409", resp.StatusCode)
	}
	doc = sectionsDoc(t, resp.Body)
	if notice := doc.Find(`[data-testid="form-notice"]`).Text(); !strings.Contains(notice, tg.T("error.conflict")) {
		t.Errorf("notice = %q", notice)
	}
	if got := doc.Find(`input[name="names.tg"]`).AttrOr("value", ""); got != "Осиёи Марказӣ" {
		t.Errorf("typed name came back as %q", got)
	}
	if now, _ := env.store.FindSection(context.Background(), asia.ID); now.Name("tg") != "Осиё" {
		t.Fatalf("a stale save was written: %q", now.Name("tg"))
	}
	// The form now carries the current version: saving again is deliberate.
	form.Set("version", doc.Find(`input[name="version"]`).AttrOr("value", ""))
	if resp := c.post(sectionPathOf(asia), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save after conflict: %d", resp.StatusCode)
	}
	// A name once given cannot be cleared, since the store would keep it.
	form.Set("version", strconv.Itoa(saved.Version+1))
	form.Set("names.fa", " ")
	resp = c.post(sectionPathOf(asia), form)
	if got := sectionsDoc(t, resp.Body).Find(`[data-testid="error-names.fa"]`).Text(); resp.StatusCode != http.StatusUnprocessableEntity || got != tg.T("validation.name_empty") {
		t.Fatalf("clearing a name: %d %q", resp.StatusCode, got)
	}
	if resp := c.get("/admin/sections/999"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("missing section: %d", resp.StatusCode)
	}
}

func TestMoveSectionChangesTableOrder(t *testing.T) {
	env := newTestEnv(t)
	a := env.mustSection("a", nil)
	env.mustSection("a1", &a.ID)
	b := env.mustSection("b", nil)
	c := env.mustSection("c", nil)
	client := env.sectionsAdmin()
	rowOrder := func() []string {
		var out []string
		sectionsDoc(t, client.get("/admin/sections").Body).Find(`[data-testid="sections-table"] tbody tr`).Each(func(_ int, s *goquery.Selection) {
			out = append(out, strings.TrimPrefix(s.AttrOr("data-testid", ""), "section-row-"))
		})
		return out
	}
	if got := rowOrder(); !reflect.DeepEqual(got, []string{"a", "a1", "b", "c"}) {
		t.Fatalf("initial order %v", got)
	}
	tests := []struct {
		sec       *models.Section
		direction string
		want      []string
	}{
		{c, "up", []string{"a", "a1", "c", "b"}},
		{a, "down", []string{"c", "a", "a1", "b"}},
		{b, "down", []string{"c", "a", "a1", "b"}},
	}
	for _, tt := range tests {
		resp := client.post(sectionPathOf(tt.sec)+"/move", url.Values{"direction": {tt.direction}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/sections#section-"+tt.sec.Slug {
			t.Fatalf("move %s %s: %d → %s", tt.sec.Slug, tt.direction, resp.StatusCode, resp.Header.Get("Location"))
		}
		if got := rowOrder(); !reflect.DeepEqual(got, tt.want) {
			t.Fatalf("after moving %s %s: %v, want %v", tt.sec.Slug, tt.direction, got, tt.want)
		}
	}
}

func TestDeleteSection(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	world := env.mustSection("world", nil)
	env.mustSection("asia", &world.ID)
	old := env.mustSection("old", nil)
	target := env.mustSection("target", nil)
	live := env.mustArticle(old.ID, models.StatusPublished)
	env.mustArticle(old.ID, models.StatusDraft)
	trashed := env.mustArticle(old.ID, models.StatusDraft)
	if err := env.store.TrashArticle(ctx, trashed.ID); err != nil {
		t.Fatal(err)
	}
	c := env.sectionsAdmin()

	// The confirmation page asks where the three articles go.
	doc := sectionsDoc(t, c.get(sectionPathOf(old)+"/delete").Body)
	if doc.Find(`[data-testid="move-to-select"]`).Length() != 1 || !strings.Contains(doc.Find(`[data-testid="delete-not-empty"]`).Text(), tg.T("sections.delete_not_empty", "count", 3)) {
		t.Fatalf("confirmation page lacks the count or the choice: %s", doc.Find("main").Text())
	}
	// Without a target the delete is refused with the count; nothing goes.
	resp := c.post(sectionPathOf(old)+"/delete", nil)
	doc = sectionsDoc(t, resp.Body)
	if got := doc.Find(`[data-testid="error-move_to"]`).Text(); resp.StatusCode != http.StatusUnprocessableEntity || got != tg.T("sections.error.move_to_required") {
		t.Fatalf("delete without target: %d %q", resp.StatusCode, got)
	}
	if !strings.Contains(doc.Find(`[data-testid="delete-not-empty"]`).Text(), tg.T("sections.delete_not_empty", "count", 3)) {
		t.Fatal("the refusal does not say how many articles the section holds")
	}
	// A target that is the section itself, missing or not an id is refused.
	for _, bad := range []string{strconv.Itoa(int(old.ID)), "999", "abc"} {
		resp := c.post(sectionPathOf(old)+"/delete", url.Values{"move_to": {bad}})
		if got := sectionsDoc(t, resp.Body).Find(`[data-testid="error-move_to"]`).Text(); resp.StatusCode != http.StatusUnprocessableEntity || got != tg.T("sections.error.move_to_invalid") {
			t.Fatalf("move_to=%s: %d %q", bad, resp.StatusCode, got)
		}
	}
	if usage, _ := env.store.FindSectionUsage(ctx, old.ID); usage.Articles != 3 {
		t.Fatalf("after a refused delete the section holds %d articles", usage.Articles)
	}
	// A section with subsections is refused whatever the target.
	resp = c.post(sectionPathOf(world)+"/delete", url.Values{"move_to": {strconv.Itoa(int(target.ID))}})
	if resp.StatusCode != http.StatusUnprocessableEntity || sectionsDoc(t, resp.Body).Find(`[data-testid="delete-has-children"]`).Length() != 1 {
		t.Fatalf("delete of a parent: %d", resp.StatusCode)
	}
	// With a target the articles move, and the target's public list follows.
	resp = c.post(sectionPathOf(old)+"/delete", url.Values{"move_to": {strconv.Itoa(int(target.ID))}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete with target: %d", resp.StatusCode)
	}
	if got := env.sectionSlugs(); !reflect.DeepEqual(got, []string{"world", "asia", "target"}) {
		t.Fatalf("sections after delete: %v", got)
	}
	if usage, _ := env.store.FindSectionUsage(ctx, target.ID); usage.Articles != 3 || usage.Trashed != 1 {
		t.Fatalf("target holds %+v, want all three articles", usage)
	}
	items, _, err := env.store.ListPublicArticles(ctx, models.ListQuery{Locale: "tg", SectionID: target.ID, Limit: 10})
	if err != nil || len(items) != 1 || items[0].Article.ID != live.ID {
		t.Fatalf("target's public list: %d items, %v", len(items), err)
	}
	if flash := sectionsDoc(t, c.get("/admin/sections").Body).Find(`[data-testid="flash"]`).Text(); flash != tg.T("sections.deleted_moved", "name", "Бахши old", "count", 3, "target", "Бахши target") {
		t.Errorf("flash = %q", flash)
	}
}

// sectionRequests are every sections route, with forms that would change
// something if they were let through.
func sectionRequests(sec *models.Section) []struct{ method, path string } {
	p := sectionPathOf(sec)
	return []struct{ method, path string }{
		{http.MethodGet, "/admin/sections"}, {http.MethodGet, p}, {http.MethodGet, p + "/delete"},
		{http.MethodPost, "/admin/sections"}, {http.MethodPost, p}, {http.MethodPost, p + "/move"}, {http.MethodPost, p + "/delete"},
	}
}

func sectionAttackForm(sec *models.Section) url.Values {
	return url.Values{"slug": {"taken-over"}, "version": {strconv.Itoa(sec.Version)}, "names.tg": {"Х"}, "direction": {"up"}}
}

func TestSectionsAreForAdminsOnly(t *testing.T) {
	env := newTestEnv(t)
	env.mustSection("first", nil)
	sec := env.mustSection("news", nil)
	c := env.signedIn("editor@example.com")
	c.get("/admin/account") // for the CSRF token: the refusal must be about the role
	for _, r := range sectionRequests(sec) {
		var resp response
		if r.method == http.MethodGet {
			resp = c.get(r.path)
		} else {
			resp = c.post(r.path, sectionAttackForm(sec))
		}
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, `data-testid="error-page"`) {
			t.Errorf("editor %s %s: %d, want the 403 page", r.method, r.path, resp.StatusCode)
		}
	}
	if got := env.sectionSlugs(); !reflect.DeepEqual(got, []string{"first", "news"}) {
		t.Fatalf("an editor changed the sections: %v", got)
	}
}

func TestSectionPostsWithoutCSRFTokenChangeNothing(t *testing.T) {
	env := newTestEnv(t)
	env.mustSection("first", nil)
	sec := env.mustSection("news", nil)
	c := env.sectionsAdmin()
	for _, r := range sectionRequests(sec) {
		if r.method != http.MethodPost {
			continue
		}
		resp := c.postRaw(r.path, sectionAttackForm(sec), http.Header{"Origin": {env.server.URL}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s without token: %d, want 403", r.path, resp.StatusCode)
		}
	}
	if got := env.sectionSlugs(); !reflect.DeepEqual(got, []string{"first", "news"}) {
		t.Fatalf("a POST without token changed the sections: %v", got)
	}
	if now, _ := env.store.FindSection(context.Background(), sec.ID); now.Version != sec.Version {
		t.Fatal("a POST without token changed the section")
	}
}
