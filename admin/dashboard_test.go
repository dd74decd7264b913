package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// dashboardFixture is a site with something in every block of the
// dashboard: a bilingual article read today, edited in Tajik by the editor
// so its Persian is outdated; a Tajik-only article (Persian missing); and
// one scheduled in Persian for tomorrow.
type dashboardFixture struct {
	env                          *testEnv
	read, tgOnly, scheduled      *models.Article
	readKey, tgOnlyKey, schedKey string
}

func newDashboardFixture(t *testing.T) dashboardFixture {
	t.Helper()
	env := newTestEnv(t)
	ctx := context.Background()
	past := time.Now().Add(-48 * time.Hour)
	tomorrow := time.Now().Add(24 * time.Hour)
	pub := func(loc, title string, at *time.Time) models.TranslationInput {
		return models.TranslationInput{Locale: loc, Status: models.StatusPublished, PublishedAt: at, Title: title, BodyHTML: "<p>" + title + "</p>"}
	}
	save := func(in models.ArticleInput) *models.Article {
		a, err := env.store.SaveArticle(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	sec, err := env.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабар", "fa": "خبر"}})
	if err != nil {
		t.Fatal(err)
	}
	shared := func() *models.SharedInput { return &models.SharedInput{SectionID: sec.ID} }
	f := dashboardFixture{env: env}
	f.scheduled = save(models.ArticleInput{Shared: shared(), Translations: []models.TranslationInput{pub("tg", "Нашри фардо", &past), pub("fa", "انتشار فردا", &tomorrow)}})
	f.tgOnly = save(models.ArticleInput{Shared: shared(), Translations: []models.TranslationInput{pub("tg", "Танҳо тоҷикӣ", &past)}})
	f.read = save(models.ArticleInput{Shared: shared(), Translations: []models.TranslationInput{pub("tg", "Хабари хондашуда", &past), pub("fa", "خبر پربازدید", &past)}})
	tr, _ := f.read.Translation("tg")
	save(models.ArticleInput{ID: f.read.ID, EditorID: &env.editor.ID, Translations: []models.TranslationInput{{
		Locale: "tg", Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt, Title: "Хабари хондашуда ва нав", Slug: tr.Slug, BodyHTML: "<p>Нав</p>", SeenRevisionID: f.read.SeenMark(),
	}}})
	err = env.store.AddViews(ctx, map[viewcount.Key]int64{{Article: f.read.ID, Locale: "fa"}: 12, {Article: f.read.ID, Locale: "tg"}: 5}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	f.readKey, f.tgOnlyKey, f.schedKey = fmt.Sprint(f.read.ID), fmt.Sprint(f.tgOnly.ID), fmt.Sprint(f.scheduled.ID)
	return f
}

func TestDashboardShowsEveryBlock(t *testing.T) {
	f := newDashboardFixture(t)
	c := f.env.signedIn("editor@example.com")
	c.post("/admin/account/language", url.Values{"language": {"fa"}})
	resp := c.get("/admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin = %d", resp.StatusCode)
	}
	doc := parseHTML(t, resp.Body)
	if doc.Find("html").AttrOr("dir", "") != "rtl" {
		t.Fatal("the Persian interface is not right-to-left")
	}
	chart := testID(doc, "views-chart")
	if chart.Find("title").Text() == "" || !strings.Contains(chart.Find("desc").Text(), "۱۲") || chart.AttrOr("role", "") != "img" {
		t.Errorf("chart title %q, desc %q: want both, the desc in Persian digits", chart.Find("title").Text(), chart.Find("desc").Text())
	}
	if n := chart.Find("polyline").Length(); n != 2 {
		t.Errorf("the chart has %d lines, want one per locale", n)
	}
	// Time reads right to left: today's point, the last, is the leftmost.
	points := strings.Fields(testID(doc, "series-fa").Find("polyline").AttrOr("points", ""))
	if len(points) != 30 || !(coordinate(t, points[29]) < coordinate(t, points[0])) {
		t.Errorf("fa line %v: want 30 days, today at the left", points)
	}
	if rows := testID(doc, "views-table").Find("tbody tr"); rows.Length() != 30 || !strings.Contains(rows.First().Text(), "۱۲") {
		t.Errorf("the table fallback has %d rows, first %q: want 30, today first with its Persian-digit count", rows.Length(), rows.First().Text())
	}

	item := func(id string) string {
		sel := testID(doc, id)
		if sel.Length() == 0 {
			t.Errorf("no %s on the dashboard", id)
		}
		return sel.Find("a").AttrOr("href", "")
	}
	// The Persian interface titles it in Persian, the Tajik title beside.
	read := testID(doc, "read-day-"+f.readKey+"-fa")
	if title := read.Find(".item-title span"); title.Text() != "خبر پربازدید" || title.AttrOr("lang", "") != "fa" || read.Find(".item-other").Text() != "Хабари хондашуда ва нав" {
		t.Errorf("most read item: title %q (%s), other %q", title.Text(), title.AttrOr("lang", ""), read.Find(".item-other").Text())
	}
	if !strings.Contains(read.Text(), "۱۲") {
		t.Errorf("most read item %q does not count its 12 views in Persian digits", read.Text())
	}
	for id, href := range map[string]string{
		"read-week-" + f.readKey + "-fa":  "/admin/articles/" + f.readKey + "#pane-fa",
		"waiting-" + f.readKey + "-fa":    "/admin/articles/" + f.readKey + "#pane-fa",
		"waiting-" + f.tgOnlyKey + "-fa":  "/admin/articles/" + f.tgOnlyKey + "#pane-fa",
		"scheduled-" + f.schedKey + "-fa": "/admin/articles/" + f.schedKey + "#pane-fa",
		"edit-" + f.readKey + "-tg":       "/admin/articles/" + f.readKey + "#pane-tg",
	} {
		if got := item(id); got != href {
			t.Errorf("%s links to %q, want %q", id, got, href)
		}
	}
	// The Tajik-only article has no Persian title: its Tajik one stands in.
	if title := testID(doc, "waiting-"+f.tgOnlyKey+"-fa").Find(".item-title span"); title.Text() != "Танҳо тоҷикӣ" || title.AttrOr("lang", "") != "tg" || title.AttrOr("dir", "") != "ltr" {
		t.Errorf("tg-only title %q lang %q dir %q", title.Text(), title.AttrOr("lang", ""), title.AttrOr("dir", ""))
	}
	if edit := testID(doc, "edit-"+f.readKey+"-tg").Text(); !strings.Contains(edit, "\u2068editor\u2069") {
		t.Errorf("recent edit %q does not name its editor", edit)
	}
	if href := testID(doc, "dashboard-all-articles").AttrOr("href", ""); href != "/admin/articles" {
		t.Errorf("all articles links to %q", href)
	}
	if nav := doc.Find(`nav a[href="/admin/articles"]`); nav.Length() != 1 {
		t.Error("the menu has no link to the article list")
	}
}

func coordinate(t *testing.T, point string) float64 {
	t.Helper()
	var x, y float64
	if _, err := fmt.Sscanf(point, "%f,%f", &x, &y); err != nil {
		t.Fatalf("point %q: %v", point, err)
	}
	return x
}

// TestDashboardSendsListAddressesOn: /admin was the article list; its
// bookmarked filters now open the list with them, and signing in lands on
// the dashboard.
func TestDashboardSendsListAddressesOn(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("editor@example.com")
	resp := c.get("/admin?status=outdated&page=2")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/admin/articles?status=outdated&page=2" {
		t.Errorf("GET /admin?… = %d → %q, want the list with the filters", resp.StatusCode, resp.Header.Get("Location"))
	}
	login := env.client()
	login.get("/admin/login")
	if resp := login.post("/admin/login", url.Values{"email": {"editor@example.com"}, "password": {testPassword}}); resp.Header.Get("Location") != "/admin" {
		t.Errorf("sign in sends to %q, want the dashboard", resp.Header.Get("Location"))
	}
	if resp := c.get("/admin"); resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, `data-testid="dashboard"`) {
		t.Errorf("GET /admin = %d without the dashboard", resp.StatusCode)
	}
}

// TestDashboardEmptySite: a new site's dashboard says each block is empty
// and draws a flat chart rather than failing.
func TestDashboardEmptySite(t *testing.T) {
	env := newTestEnv(t)
	doc := parseHTML(t, env.signedIn("editor@example.com").get("/admin").Body)
	for _, id := range []string{"dashboard-most-read", "dashboard-waiting", "dashboard-scheduled", "dashboard-edits"} {
		if testID(doc, id).Find(".muted").Length() == 0 {
			t.Errorf("%s has no empty-list message", id)
		}
	}
	if testID(doc, "views-chart").Find("desc").Text() == "" {
		t.Error("the empty chart has no description")
	}
}
