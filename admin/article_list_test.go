package admin

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/payvand/payvand/models"
)

// listFixture is a small site for the article list: a section with a
// subsection and a second section, and articles in every locale state.
type listFixture struct {
	culture, heritage, sport uint
	// Each article, saved in this order (so listed in reverse).
	published, draftFa, scheduled, faOnly, untitled uint
}

func newListFixture(t *testing.T, env *testEnv) listFixture {
	t.Helper()
	var f listFixture
	f.culture = listSection(t, env, "culture", "Фарҳанг", "فرهنگ", nil)
	f.heritage = listSection(t, env, "heritage", "Мерос", "میراث", &f.culture)
	f.sport = listSection(t, env, "sport", "Варзиш", "ورزش", nil)
	later := time.Now().Add(72 * time.Hour)
	f.published = listArticle(t, env, f.culture, listTr("tg", "Ҷашнвораи мусиқӣ дар Хуҷанд", nil), listTr("fa", "جشنواره موسیقی در خجند", nil))
	f.draftFa = listArticle(t, env, f.heritage, listTr("tg", "Осорхонаи нав кушода шуд", nil), listDraft("fa", "موزهٔ تازه گشوده شد"))
	f.scheduled = listArticle(t, env, f.sport, listTr("tg", "Бозии футбол фардо", &later), listTr("fa", "بازی فوتبال فردا", nil))
	f.faOnly = listArticle(t, env, f.sport, listTr("fa", "کتاب‌خانهٔ ملی بازسازی می‌شود", nil))
	f.untitled = listArticle(t, env, f.culture, listDraft("tg", ""))
	return f
}

func listSection(t *testing.T, env *testEnv, slug, tg, fa string, parent *uint) uint {
	t.Helper()
	sec, err := env.store.SaveSection(context.Background(), models.SectionInput{Slug: slug, ParentID: parent, Names: map[string]string{"tg": tg, "fa": fa}})
	if err != nil {
		t.Fatal(err)
	}
	return sec.ID
}

func listTr(loc, title string, at *time.Time) models.TranslationInput {
	return models.TranslationInput{Locale: loc, Status: models.StatusPublished, PublishedAt: at, Title: title, BodyHTML: "<p>" + title + "</p>"}
}

func listDraft(loc, title string) models.TranslationInput {
	return models.TranslationInput{Locale: loc, Status: models.StatusDraft, Title: title}
}

func listArticle(t *testing.T, env *testEnv, section uint, trs ...models.TranslationInput) uint {
	t.Helper()
	a, err := env.store.SaveArticle(context.Background(), models.ArticleInput{Shared: &models.SharedInput{SectionID: section}, Translations: trs})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func listDocument(t *testing.T, resp response) *goquery.Document {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(resp.Body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// listedIDs are the article ids of the table's rows, top to bottom.
func listedIDs(doc *goquery.Document) []uint {
	ids := []uint{}
	doc.Find(`tr[data-testid^="article-"]`).Each(func(_ int, s *goquery.Selection) {
		id, _ := strconv.ParseUint(strings.TrimPrefix(s.AttrOr("data-testid", ""), "article-"), 10, 64)
		ids = append(ids, uint(id))
	})
	return ids
}

func testID(doc *goquery.Document, id string) *goquery.Selection {
	return doc.Find(`[data-testid="` + id + `"]`)
}

func TestArticleListNewestFirstWithLocaleStates(t *testing.T) {
	env := newTestEnv(t)
	f := newListFixture(t, env)
	// Editing an article's shared fields makes it the most recently updated.
	a, err := env.store.FindArticle(context.Background(), f.published)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.SaveArticle(context.Background(), models.ArticleInput{ID: a.ID, Shared: &models.SharedInput{Version: a.Version, SectionID: f.heritage}}); err != nil {
		t.Fatal(err)
	}
	doc := listDocument(t, env.signedIn("editor@example.com").get("/admin/articles"))
	if got, want := listedIDs(doc), []uint{f.published, f.untitled, f.faOnly, f.scheduled, f.draftFa}; !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v (last updated first)", got, want)
	}
	key := func(id uint) string { return strconv.FormatUint(uint64(id), 10) }
	states := []struct {
		id          uint
		locale      string
		class, text string
	}{
		{f.published, "tg", "published", "tg: нашр шуд"},
		{f.published, "fa", "published", "fa: нашр шуд"},
		{f.draftFa, "fa", "draft", "fa: пешнавис"},
		{f.scheduled, "tg", "scheduled", "tg: дар нақша"},
		{f.scheduled, "fa", "published", "fa: нашр шуд"},
		{f.faOnly, "tg", "missing", "tg: нест"},
		{f.untitled, "fa", "missing", "fa: нест"},
	}
	for _, st := range states {
		badge := testID(doc, "state-"+key(st.id)+"-"+st.locale)
		if !badge.HasClass("locale-state") || !badge.HasClass(st.class) || strings.TrimSpace(badge.Text()) != st.text || badge.AttrOr("lang", "") != "tg" {
			t.Errorf("article %d %s: badge class %q text %q lang %q; want %s, %q in the interface language",
				st.id, st.locale, badge.AttrOr("class", ""), strings.TrimSpace(badge.Text()), badge.AttrOr("lang", ""), st.class, st.text)
		}
	}
	// The title is in the first locale that has one, marked with its language.
	faTitle := testID(doc, "title-"+key(f.faOnly))
	if faTitle.Text() != "کتاب‌خانهٔ ملی بازسازی می‌شود" || faTitle.AttrOr("lang", "") != "fa" || faTitle.AttrOr("dir", "") != "rtl" || faTitle.AttrOr("href", "") != "/admin/articles/"+key(f.faOnly) {
		t.Errorf("Persian-only title: %q lang %q dir %q href %q", faTitle.Text(), faTitle.AttrOr("lang", ""), faTitle.AttrOr("dir", ""), faTitle.AttrOr("href", ""))
	}
	if tgTitle := testID(doc, "title-"+key(f.published)); tgTitle.AttrOr("lang", "") != "tg" || tgTitle.AttrOr("dir", "") != "ltr" {
		t.Errorf("Tajik title lang %q dir %q", tgTitle.AttrOr("lang", ""), tgTitle.AttrOr("dir", ""))
	}
	if untitled := testID(doc, "title-"+key(f.untitled)).Text(); !strings.Contains(untitled, key(f.untitled)) {
		t.Errorf("untitled article shows %q, want its number", untitled)
	}
	if row := testID(doc, "article-"+key(f.draftFa)); !strings.Contains(row.Text(), "Мерос") {
		t.Errorf("row of %d does not name its section in Tajik: %q", f.draftFa, row.Text())
	}
	if href := testID(doc, "new-article").AttrOr("href", ""); href != "/admin/articles/new" {
		t.Errorf("new article link %q", href)
	}
}

func TestArticleListFilters(t *testing.T) {
	env := newTestEnv(t)
	f := newListFixture(t, env)
	c := env.signedIn("editor@example.com")
	id := func(n uint) string { return strconv.FormatUint(uint64(n), 10) }
	tests := []struct {
		name, query string
		want        []uint
	}{
		{"section with its subsection", "section=" + id(f.culture), []uint{f.untitled, f.draftFa, f.published}},
		{"subsection", "section=" + id(f.heritage), []uint{f.draftFa}},
		{"published now", "status=published", []uint{f.faOnly, f.scheduled, f.draftFa, f.published}},
		{"has a draft", "status=draft", []uint{f.untitled, f.draftFa}},
		{"scheduled", "status=scheduled", []uint{f.scheduled}},
		{"missing Persian", "missing=fa", []uint{f.untitled}},
		{"missing Tajik", "missing=tg", []uint{f.faOnly}},
		{"Tajik title word", "q=" + url.QueryEscape("Хуҷанд"), []uint{f.published}},
		{"Persian word with ZWNJ", "q=" + url.QueryEscape("کتاب‌خانه"), []uint{f.faOnly}},
		{"Persian phrase with ZWNJ", "q=" + url.QueryEscape("بازسازی می‌شود"), []uint{f.faOnly}},
		{"filters combine", "section=" + id(f.sport) + "&missing=tg", []uint{f.faOnly}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := listDocument(t, c.get("/admin/articles?"+tt.query))
			if got := listedIDs(doc); !slices.Equal(got, tt.want) {
				t.Fatalf("rows %v, want %v", got, tt.want)
			}
			if testID(doc, "filter-clear").Length() != 1 {
				t.Error("no link to clear the filters")
			}
		})
	}
	doc := listDocument(t, c.get("/admin/articles?q=nothing-matches"))
	if testID(doc, "articles-empty").Length() != 1 || len(listedIDs(doc)) != 0 {
		t.Error("no empty-state message for a search that finds nothing")
	}
	// The form shows the filters it was sent with.
	doc = listDocument(t, c.get("/admin/articles?status=draft&missing=fa&section="+id(f.heritage)+"&q="+url.QueryEscape("Осорхона")))
	for sel, want := range map[string]string{
		"#filter-status option[selected]":  "draft",
		"#filter-missing option[selected]": "fa",
		"#filter-section option[selected]": id(f.heritage),
	} {
		if got := doc.Find(sel).AttrOr("value", ""); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	if q := doc.Find("#filter-q"); q.AttrOr("value", "") != "Осорхона" || q.AttrOr("dir", "") != "auto" {
		t.Errorf("search box value %q dir %q", q.AttrOr("value", ""), q.AttrOr("dir", ""))
	}
	if label := doc.Find(`label[for="filter-missing"]`); label.Length() != 1 {
		t.Error("the missing-translation filter has no label")
	}
}

func TestArticleListPagination(t *testing.T) {
	env := newTestEnv(t)
	f := newListFixture(t, env)
	c := env.signedIn("admin@example.com")
	doc := listDocument(t, c.get("/admin/articles?per_page=2&status=published"))
	if got := listedIDs(doc); !slices.Equal(got, []uint{f.faOnly, f.scheduled}) {
		t.Fatalf("page 1: %v", got)
	}
	if testID(doc, "page-prev").Length() != 0 || strings.TrimSpace(testID(doc, "page-of").Text()) != "Саҳифаи 1 аз 2" {
		t.Fatalf("page 1: prev link %d, %q", testID(doc, "page-prev").Length(), testID(doc, "page-of").Text())
	}
	next := testID(doc, "page-next").AttrOr("href", "")
	if next != "/admin/articles?page=2&per_page=2&status=published" {
		t.Fatalf("next link %q does not keep the filters", next)
	}
	doc = listDocument(t, c.get(next))
	if got := listedIDs(doc); !slices.Equal(got, []uint{f.draftFa, f.published}) {
		t.Fatalf("page 2: %v", got)
	}
	if testID(doc, "page-next").Length() != 0 || testID(doc, "page-prev").AttrOr("href", "") != "/admin/articles?per_page=2&status=published" {
		t.Fatalf("page 2: next link %d, prev %q", testID(doc, "page-next").Length(), testID(doc, "page-prev").AttrOr("href", ""))
	}
	// A page past the end shows the last page.
	if got := listedIDs(listDocument(t, c.get("/admin/articles?per_page=2&status=published&page=40"))); !slices.Equal(got, []uint{f.draftFa, f.published}) {
		t.Fatalf("page 40: %v", got)
	}
}

// TestArticleListBadParamsNeverFail: nonsense in the address is ignored,
// never answered with an error page.
func TestArticleListBadParamsNeverFail(t *testing.T) {
	env := newTestEnv(t)
	newListFixture(t, env)
	c := env.signedIn("editor@example.com")
	for _, q := range []string{
		"section=abc", "section=-1", "section=99999999999999999999", "section=424242", "status=missing", "status=%00",
		"missing=xx", "missing=", "page=0", "page=-3", "page=abc", "page=9223372036854775807", "page=99999999999999999999",
		"per_page=0", "per_page=100000", "per_page=-1", "q=%25", "q=_", "q=" + strings.Repeat("ҷ", 5000), "q=%ZZ", "q=%FF%FE",
		"section=1&section=2", "q=" + url.QueryEscape(`\'"; DROP TABLE articles; --`),
	} {
		resp := c.get("/admin/articles?" + q)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("?%s: %d, want 200", q, resp.StatusCode)
		}
	}
	// An ignored value leaves the whole list.
	if got := listedIDs(listDocument(t, c.get("/admin/articles?status=bogus&missing=xx&section=abc"))); len(got) != 5 {
		t.Errorf("ignored filters: %d rows, want all 5", len(got))
	}
}

func TestArticleListForEveryRole(t *testing.T) {
	env := newTestEnv(t)
	for _, email := range []string{"editor@example.com", "admin@example.com"} {
		doc := listDocument(t, env.signedIn(email).get("/admin/articles"))
		if testID(doc, "articles-empty").Length() != 1 {
			t.Errorf("%s: no empty-state message on an empty site", email)
		}
	}
	if resp := env.client().get("/admin"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
		t.Errorf("anonymous: %d → %s, want the sign-in page", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestArticleListInInterfaceLanguage(t *testing.T) {
	env := newTestEnv(t)
	f := newListFixture(t, env)
	if err := env.store.SetUILanguage(context.Background(), env.editor.ID, "fa"); err != nil {
		t.Fatal(err)
	}
	doc := listDocument(t, env.signedIn("editor@example.com").get("/admin/articles"))
	if html := doc.Find("html"); html.AttrOr("lang", "") != "fa" || html.AttrOr("dir", "") != "rtl" {
		t.Fatalf("page lang %q dir %q", html.AttrOr("lang", ""), html.AttrOr("dir", ""))
	}
	key := strconv.FormatUint(uint64(f.published), 10)
	updated := testID(doc, "updated-"+key)
	if text := updated.Text(); !strings.ContainsAny(text, "۰۱۲۳۴۵۶۷۸۹") || strings.ContainsAny(text, "0123456789") {
		t.Errorf("date %q is not written with Persian digits", text)
	}
	if _, err := time.Parse(time.RFC3339, updated.AttrOr("datetime", "")); err != nil {
		t.Errorf("datetime attribute: %v", err)
	}
	if badge := testID(doc, "state-"+key+"-tg"); strings.TrimSpace(badge.Text()) != "tg: منتشرشده" || badge.AttrOr("dir", "") != "rtl" {
		t.Errorf("badge %q dir %q", badge.Text(), badge.AttrOr("dir", ""))
	}
	// A Persian-speaking editor reads the section's Persian name, marked as
	// Persian content (the third cell, after the selection and the title).
	if section := testID(doc, "article-"+key).Find("td").Eq(2); section.AttrOr("lang", "") != "fa" || section.AttrOr("dir", "") != "rtl" {
		t.Errorf("section cell lang %q dir %q, want the Persian name", section.AttrOr("lang", ""), section.AttrOr("dir", ""))
	}
}

func TestArticleListPartialForHtmx(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("editor@example.com")
	req, _ := http.NewRequest(http.MethodGet, env.server.URL+"/admin/articles?q=x", nil)
	req.Header.Set("HX-Request", "true")
	req.Header.Set("HX-Target", "article-results")
	resp := c.do(req)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Body, `<div id="article-results"`) || strings.Contains(resp.Body, "<html") {
		t.Fatalf("htmx request got %d:\n%.300s", resp.StatusCode, resp.Body)
	}
}
