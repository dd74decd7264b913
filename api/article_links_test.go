package api

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// newLinkEnv is the fixture with --site-url given to the store (events)
// and the API (answers) alike, as serve does, and article "linker"
// whose body links to tieA in both locales.
func newLinkEnv(t *testing.T) *testEnv {
	t.Helper()
	site, err := siteurl.New(testSiteURL, siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		t.Fatal(err)
	}
	env := newTestEnvWith(t, models.Options{Database: testdb.URL(t), SiteURLs: site})
	withSiteURL(t, env)
	tg, fa := pub("tg", "Истинод", -1), pub("fa", "پیوند", -1)
	tieA := env.ids["tieA"]
	tg.BodyHTML = fmt.Sprintf(`<p>Нигаред: <a data-article-id="%d" href="https://elsewhere.example/old-slug">мероси «якум»</a>.</p>`, tieA)
	fa.BodyHTML = fmt.Sprintf("<p>ببینید: <a data-article-id=\"%d\" href=\"/admin/articles/%d\">میراث\u200cِ نخست</a>.</p>", tieA, tieA)
	env.article("linker", models.SharedInput{SectionID: env.ids["section:news"]}, tg, fa)
	return env
}

// linkerBody fetches the linking article's body in loc (twice: the second
// answer comes from the cache when it is current).
func (env *testEnv) linkerBody(loc string) string {
	env.t.Helper()
	target := fmt.Sprintf("/api/v1/%s/articles/%d", loc, env.ids["linker"])
	env.fetch(target, nil)
	code, _, body := env.fetch(target, nil)
	var got articleResp
	if err := json.Unmarshal([]byte(body), &got); code != 200 || err != nil {
		env.t.Fatalf("GET %s: %d %v %s", target, code, err, body)
	}
	return got.Data.BodyHTML
}

func siteArticleURL(loc, slug string) string {
	return testSiteURL + "/" + loc + "/news/" + url.PathEscape(slug)
}

// An internal link is answered as the linked article's site URL in the
// answer's locale, and follows it: a new slug moves the link, an
// unpublished translation turns it into its text (in that locale only),
// publishing it again brings the link back; each at once, through the
// response cache.
func TestInternalLinkFollowsTheLinkedArticle(t *testing.T) {
	env := newLinkEnv(t)
	_, tgB := env.translation("tieA", "tg")
	_, faB := env.translation("tieA", "fa")
	tgLink := fmt.Sprintf(`<a data-article-id="%d" href="%s">мероси «якум»</a>`, env.ids["tieA"], siteArticleURL("tg", tgB.Slug))
	if body := env.linkerBody("tg"); !strings.Contains(body, tgLink) {
		t.Fatalf("tg body does not link to tieA's tg page %s:\n%s", tgLink, body)
	}
	if body := env.linkerBody("fa"); !strings.Contains(body, siteArticleURL("fa", faB.Slug)) {
		t.Fatalf("fa body does not link to tieA's fa page:\n%s", body)
	}

	_, renamed := env.renameSlug("tieA", "tg", "merosi-nav")
	if body := env.linkerBody("tg"); !strings.Contains(body, `href="`+siteArticleURL("tg", renamed)+`"`) {
		t.Fatalf("after the slug change the link does not follow to %s:\n%s", renamed, body)
	}

	env.saveTranslation("tieA", "fa", func(in *models.TranslationInput) { in.Status = models.StatusDraft })
	body := env.linkerBody("fa")
	if want := "ببینید: میراث\u200cِ نخست."; !strings.Contains(body, want) || strings.Contains(body, "data-article-id") {
		t.Fatalf("with tieA's fa unpublished the fa body should show the link's text %q:\n%s", want, body)
	}
	if body := env.linkerBody("tg"); !strings.Contains(body, siteArticleURL("tg", renamed)) {
		t.Fatalf("the tg link went with the fa translation:\n%s", body)
	}

	env.saveTranslation("tieA", "fa", func(in *models.TranslationInput) { in.Status = models.StatusPublished })
	if body := env.linkerBody("fa"); !strings.Contains(body, siteArticleURL("fa", faB.Slug)) {
		t.Fatalf("published again, the fa link did not come back:\n%s", body)
	}
}

// A link to an article that is not public in the answer's locale (a
// draft, scheduled, trashed, archived, never translated or missing one),
// and every link without --site-url, is answered as its text.
func TestInternalLinkToWhatReadersCannotSeeIsText(t *testing.T) {
	env := newLinkEnv(t)
	targets := map[string]uint{"draft fa": env.ids["tgOnly"], "scheduled": env.ids["future"], "trashed": env.ids["trashed"],
		"archived": env.ids["archived"], "no fa translation": env.ids["tieB"], "missing": 999999}
	for name, id := range targets {
		t.Run(name, func(t *testing.T) {
			in := pub("fa", "پیوند "+name, -1)
			in.BodyHTML = fmt.Sprintf(`<p>الف <a data-article-id="%d" href="/x">ب&amp;پ</a> ت</p>`, id)
			a, err := env.store.SaveArticle(t.Context(), models.ArticleInput{Shared: &models.SharedInput{SectionID: env.ids["section:news"]}, Translations: []models.TranslationInput{in}})
			if err != nil {
				t.Fatal(err)
			}
			var got articleResp
			env.with(t).getJSON(fmt.Sprintf("/api/v1/fa/articles/%d", a.ID), 200, &got)
			if got.Data.BodyHTML != `<p>الف ب&amp;پ ت</p>` {
				t.Errorf("body_html = %s", got.Data.BodyHTML)
			}
		})
	}
	t.Run("no site url", func(t *testing.T) {
		plain := newTestEnv(t)
		in := pub("tg", "Бе сомона", -1)
		in.BodyHTML = fmt.Sprintf(`<p>а <a data-article-id="%d" href="/x">б</a></p>`, plain.ids["both"])
		a, err := plain.store.SaveArticle(t.Context(), models.ArticleInput{Shared: &models.SharedInput{SectionID: plain.ids["section:news"]}, Translations: []models.TranslationInput{in}})
		if err != nil {
			t.Fatal(err)
		}
		var got articleResp
		plain.with(t).getJSON(fmt.Sprintf("/api/v1/tg/articles/%d", a.ID), 200, &got)
		if got.Data.BodyHTML != `<p>а б</p>` {
			t.Errorf("body_html = %s", got.Data.BodyHTML)
		}
	})
}

// Feeds carry bodies as the article endpoint answers them: the internal
// link at the linked article's page.
func TestFeedBodiesResolveInternalLinks(t *testing.T) {
	env := newLinkEnv(t)
	_, tgB := env.translation("tieA", "tg")
	code, _, feed := env.fetch("/feeds/tg/rss.xml", nil)
	want := fmt.Sprintf(`data-article-id=&#34;%d&#34; href=&#34;%s&#34;`, env.ids["tieA"], siteArticleURL("tg", tgB.Slug))
	if code != 200 || !strings.Contains(feed, want) {
		t.Fatalf("RSS %d does not carry the resolved link %s:\n%.3000s", code, want, feed)
	}
}
