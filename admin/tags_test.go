package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/payvand/payvand/models"
)

func (env *testEnv) mustTag(slug, tgName, faName string) *models.Tag {
	env.t.Helper()
	tag, err := env.store.SaveTag(context.Background(), models.TagInput{Slug: slug, Names: map[string]string{"tg": tgName, "fa": faName}})
	if err != nil {
		env.t.Fatal(err)
	}
	return tag
}

func tagPathOf(t *models.Tag) string { return "/admin/tags/" + strconv.Itoa(int(t.ID)) }

// tagsEditor signs the editor in and opens the tags page, which hands the
// client the session's CSRF token: tags are editors' work too.
func (env *testEnv) tagsEditor() *client {
	env.t.Helper()
	c := env.signedIn("editor@example.com")
	if resp := c.get("/admin/tags"); resp.StatusCode != http.StatusOK {
		env.t.Fatalf("tags page: %d", resp.StatusCode)
	}
	return c
}

func TestTagsPageListsSearchesAndCreates(t *testing.T) {
	env := newTestEnv(t)
	env.mustTag("musiqi", "Мусиқӣ", "موسیقی")
	env.mustTag("kitob", "Китоб", "کتاب")
	c := env.tagsEditor()

	doc := sectionsDoc(t, c.get("/admin/tags?q="+url.QueryEscape("мусиқ")).Body)
	if doc.Find(`[data-testid="tag-row-musiqi"]`).Length() != 1 || doc.Find(`[data-testid="tag-row-kitob"]`).Length() != 0 {
		t.Fatalf("search by a Tajik name: rows %q", doc.Find(`[data-testid="tags-table"] tbody`).Text())
	}
	if cell := doc.Find(`[data-testid="tag-row-musiqi"] td[lang="fa"]`); cell.AttrOr("dir", "") != "rtl" || cell.Text() != "موسیقی" {
		t.Errorf("Persian cell: %q", cell.Text())
	}
	if doc.Find(`nav a[href="/admin/tags"][aria-current="page"]`).Length() != 1 {
		t.Error("the navigation does not lead to the tags page")
	}

	resp := c.post("/admin/tags", url.Values{"slug": {""}, "names.tg": {"Ҳунарҳои мардумӣ"}, "names.fa": {"صنایع\u200cدستی"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "#tag-hunarhoi-mardumi") {
		t.Fatalf("create: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	created, err := env.store.FindTagBySlug(context.Background(), "hunarhoi-mardumi")
	if err != nil || created.Name("fa") != "صنایع\u200cدستی" {
		t.Fatalf("created = %+v, %v", created, err)
	}

	tests := []struct {
		name, field, want string
		form              url.Values
	}{
		{"no name", "names.tg", tg.T("validation.tag_name_required"), url.Values{"slug": {"x"}}},
		{"slug taken", "slug", tg.T("validation.tag_slug_taken", "slug", "kitob"), url.Values{"slug": {"Kitob"}, "names.tg": {"Дигар"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.post("/admin/tags", tt.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.StatusCode)
			}
			if got := sectionsDoc(t, resp.Body).Find(`[data-testid="error-` + tt.field + `"]`).Text(); got != tt.want {
				t.Errorf("message beside %s = %q, want %q", tt.field, got, tt.want)
			}
		})
	}
	if resp := c.postRaw("/admin/tags", url.Values{"names.tg": {"Бе CSRF"}}, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("create without a CSRF token: %d, want 403", resp.StatusCode)
	}
	if resp := env.client().get("/admin/tags"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("tags page signed out: %d, want a redirect to sign in", resp.StatusCode)
	}
}

func TestRenameMergeAndDeleteTags(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	sec := env.mustSection("news", nil)
	econ := env.mustTag("iqtisod", "Иқтисод", "اقتصاد")
	money := env.mustTag("pul", "Пул", "پول")
	a := env.mustArticle(sec.ID, models.StatusPublished)
	if _, err := env.store.SaveArticle(ctx, models.ArticleInput{ID: a.ID, Shared: &models.SharedInput{Version: a.Version, SectionID: sec.ID, Tags: []uint{money.ID}}}); err != nil {
		t.Fatal(err)
	}
	c := env.tagsEditor()

	form := url.Values{"version": {strconv.Itoa(econ.Version)}, "slug": {"economy"}, "names.tg": {"Иқтисодиёт"}, "names.fa": {"اقتصاد"}}
	if resp := c.post(tagPathOf(econ), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", resp.StatusCode)
	}
	if resp := c.post(tagPathOf(econ), form); resp.StatusCode != http.StatusConflict {
		t.Fatalf("stale rename: %d, want 409", resp.StatusCode)
	}

	// Merging needs a target, refused beside the choice.
	resp := c.post(tagPathOf(money)+"/merge", url.Values{"into": {""}})
	if got := sectionsDoc(t, resp.Body).Find(`[data-testid="error-into"]`).Text(); resp.StatusCode != http.StatusUnprocessableEntity || got != tg.T("tags.error.into_required") {
		t.Fatalf("merge without a target: %d %q", resp.StatusCode, got)
	}
	if resp := c.post(tagPathOf(money)+"/merge", url.Values{"into": {strconv.Itoa(int(econ.ID))}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d", resp.StatusCode)
	}
	tags, err := env.store.ArticleTags(ctx, a.ID)
	if err != nil || len(tags) != 1 || tags[0].Slug != "economy" {
		t.Fatalf("article's tags after merge: %+v, %v", tags, err)
	}
	var moved *models.SlugMovedError
	for _, old := range []string{"pul", "iqtisod"} {
		if _, err := env.store.FindTagBySlug(ctx, old); !errors.As(err, &moved) || moved.Slug != "economy" {
			t.Errorf("old slug %q: %v", old, err)
		}
	}

	doc := sectionsDoc(t, c.get(tagPathOf(econ)+"/delete").Body)
	if got := doc.Find(`[data-testid="tag-delete-form"] p`).Text(); got != tg.T("tags.delete_confirm", "name", "Иқтисодиёт", "count", 1) {
		t.Errorf("confirmation = %q", got)
	}
	if resp := c.post(tagPathOf(econ)+"/delete", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if tags, _ := env.store.ArticleTags(ctx, a.ID); len(tags) != 0 {
		t.Fatalf("deleted tag still on the article: %+v", tags)
	}
	if resp := c.get(tagPathOf(econ)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleted tag's page: %d", resp.StatusCode)
	}
}

func TestEditorPicksAndCreatesTags(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	sec := env.mustSection("news", nil)
	music := env.mustTag("musiqi", "Мусиқӣ", "موسیقی")
	a := env.mustArticle(sec.ID, models.StatusPublished)
	c := env.signedIn("editor@example.com")
	editPath := "/admin/articles/" + strconv.Itoa(int(a.ID))
	doc := sectionsDoc(t, c.get(editPath).Body)
	shared := func(op string, extra url.Values) response {
		form := url.Values{"op": {op}, "shared_version": {doc.Find(`input[name="shared_version"]`).AttrOr("value", "")},
			"section_id": {strconv.Itoa(int(sec.ID))}}
		doc.Find(`input[name="tags"]`).Each(func(_ int, s *goquery.Selection) { form.Add("tags", s.AttrOr("value", "")) })
		for k, v := range extra {
			form[k] = v
		}
		form.Set("csrf_token", c.csrf)
		resp := c.postRaw(editPath+"/shared", form, http.Header{"HX-Request": {"true"}, "Origin": {env.server.URL}})
		doc = sectionsDoc(t, resp.Body)
		return resp
	}
	if resp := shared("tag-search", url.Values{"tag_q": {"мус"}}); resp.StatusCode != http.StatusOK || doc.Find(`[data-testid="add-tag-musiqi"]`).Length() != 1 {
		t.Fatalf("search: %d %q", resp.StatusCode, doc.Find(`[data-testid="tag-picker"]`).Text())
	}
	if doc.Find(`[data-testid="create-tag-tg"]`).Length() != 1 {
		t.Error("a name no tag has is not offered for creation")
	}
	if shared("tag-search", url.Values{"tag_q": {"Мусиқӣ"}}); doc.Find(`[data-testid="tag-create"]`).Length() != 0 {
		t.Error("creation offered for a name a tag already has")
	}
	shared("tag-add:"+strconv.Itoa(int(music.ID)), nil)
	if resp := shared("tag-create:fa", url.Values{"tag_q": {"جشنواره\u200cها"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	tags, err := env.store.ArticleTags(ctx, a.ID)
	if err != nil || len(tags) != 2 || tags[0].ID != music.ID || tags[1].Name("fa") != "جشنواره\u200cها" {
		t.Fatalf("article tags = %+v, %v", tags, err)
	}
	// Saving the shared fields keeps the tags exactly, in order.
	shared("save", nil)
	again, _ := env.store.ArticleTags(ctx, a.ID)
	if !slices.EqualFunc(tags, again, func(x, y models.Tag) bool { return x.ID == y.ID }) {
		t.Fatalf("tags after a save: %+v, want %+v", again, tags)
	}
	shared("tag-remove:"+strconv.Itoa(int(music.ID)), nil)
	if tags, _ := env.store.ArticleTags(ctx, a.ID); len(tags) != 1 || tags[0].ID == music.ID {
		t.Fatalf("after remove: %+v", tags)
	}
}
