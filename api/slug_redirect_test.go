package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// slugURL is the by-slug address of slug in loc, percent-encoded.
func slugURL(loc, slug string) string {
	return "/api/v1/" + loc + "/articles/slug/" + url.PathEscape(slug)
}

// translation loads the current translation of a fixture article.
func (env *testEnv) translation(key, loc string) (*models.Article, models.ArticleTranslation) {
	env.t.Helper()
	a, err := env.store.FindArticle(context.Background(), env.ids[key])
	if err != nil {
		env.t.Fatal(err)
	}
	tr, ok := a.Translation(loc)
	if !ok {
		env.t.Fatalf("%s has no %s translation", key, loc)
	}
	return a, tr
}

// saveTranslation saves a fixture article's translation in loc after change
// edits it, passing the version the editor loaded, and returns the result.
func (env *testEnv) saveTranslation(key, loc string, change func(*models.TranslationInput)) models.ArticleTranslation {
	env.t.Helper()
	_, tr := env.translation(key, loc)
	in := models.TranslationInput{Locale: loc, Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt,
		Title: tr.Title, Slug: tr.Slug, Summary: tr.Summary, BodyHTML: tr.BodyHTML, Byline: tr.Byline}
	change(&in)
	a, err := env.store.SaveArticle(context.Background(), models.ArticleInput{ID: env.ids[key], Translations: []models.TranslationInput{in}})
	if err != nil {
		env.t.Fatal(err)
	}
	saved, _ := a.Translation(loc)
	return saved
}

// renameSlug gives a fixture article's translation a new slug and returns
// the old one and the new one as the store normalised it.
func (env *testEnv) renameSlug(key, loc, slug string) (old, renamed string) {
	env.t.Helper()
	_, tr := env.translation(key, loc)
	saved := env.saveTranslation(key, loc, func(in *models.TranslationInput) { in.Slug = slug })
	if saved.Slug == tr.Slug {
		env.t.Fatalf("slug of %s/%s did not change from %q", key, loc, tr.Slug)
	}
	return tr.Slug, saved.Slug
}

// expectRedirect checks that the old slug answers 301 towards slug.
func (env *testEnv) expectRedirect(loc, old string, id uint, slug string) {
	env.t.Helper()
	rec := env.do(http.MethodGet, slugURL(loc, old), nil)
	if rec.Code != http.StatusMovedPermanently {
		env.t.Fatalf("GET old slug %q = %d, want 301; body %s", old, rec.Code, rec.Body.String())
	}
	if got, want := rec.Header().Get("Location"), slugURL(loc, slug); got != want {
		env.t.Errorf("Location = %q, want %q", got, want)
	}
	want := `{"redirect":{"id":` + strconv.FormatUint(uint64(id), 10) + `,"slug":"` + slug + `"}}` + "\n"
	if rec.Body.String() != want {
		env.t.Errorf("body = %s, want %s", rec.Body.String(), want)
	}
}

// expectArticle checks that slug answers 200 with the article id.
func (env *testEnv) expectArticle(loc, slug string, id uint) {
	env.t.Helper()
	var body struct {
		Data struct {
			ID   uint   `json:"id"`
			Slug string `json:"slug"`
		} `json:"data"`
	}
	env.getJSON(slugURL(loc, slug), http.StatusOK, &body)
	if body.Data.ID != id || body.Data.Slug != slug {
		env.t.Errorf("GET %q: id %d slug %q, want %d %q", slug, body.Data.ID, body.Data.Slug, id, slug)
	}
}

// expectNotFound checks that slug answers exactly like a slug never used.
func (env *testEnv) expectNotFound(loc, slug string) {
	env.t.Helper()
	missing := env.do(http.MethodGet, slugURL(loc, "no-such-slug-ever"), nil)
	rec := env.do(http.MethodGet, slugURL(loc, slug), nil)
	if rec.Code != http.StatusNotFound || rec.Body.String() != missing.Body.String() {
		env.t.Errorf("GET %q = %d %s, want 404 like a missing slug: %s", slug, rec.Code, rec.Body.String(), missing.Body.String())
	}
	var e apiError
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code != "not_found" {
		env.t.Errorf("GET %q: code %q, want not_found", slug, e.Error.Code)
	}
}

func TestOldSlugRedirectsToTheCurrentOne(t *testing.T) {
	tests := []struct {
		name, loc, slug string
	}{
		// The fixture's Persian title has ZWNJs; the new slug has one too.
		{"persian", "fa", "همکاری\u200cهای تازه فرهنگی"},
		{"tajik", "tg", "hamkorii nav"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			id := env.ids["both"]
			old, renamed := env.renameSlug("both", tt.loc, tt.slug)
			if tt.loc == "fa" && !strings.Contains(slugURL("fa", renamed), "%") {
				t.Errorf("Persian slug %q was not percent-encoded", renamed)
			}
			env.expectRedirect(tt.loc, old, id, renamed)
			env.expectArticle(tt.loc, renamed, id)
			// The Location header leads to the article.
			loc := env.do(http.MethodGet, slugURL(tt.loc, old), nil).Header().Get("Location")
			env.getJSON(loc, http.StatusOK, nil)
		})
	}
}

func TestSlugChangedTwiceRedirectsBothOldOnesToTheNewest(t *testing.T) {
	for _, loc := range []string{"fa", "tg"} {
		t.Run(loc, func(t *testing.T) {
			env := newTestEnv(t)
			id := env.ids["both"]
			first, second := env.renameSlug("both", loc, "dovum")
			_, newest := env.renameSlug("both", loc, "sevum")
			env.expectRedirect(loc, first, id, newest)
			env.expectRedirect(loc, second, id, newest)
			env.expectArticle(loc, newest, id)
		})
	}
}

func TestOldSlugOfAnArticleNoLongerPublicIsNotFound(t *testing.T) {
	tests := []struct {
		name   string
		hide   func(env *testEnv, loc string)
		locale string
	}{
		{"translation is a draft", func(env *testEnv, loc string) {
			env.saveTranslation("both", loc, func(in *models.TranslationInput) { in.Status = models.StatusDraft })
		}, "fa"},
		{"tajik translation is a draft", func(env *testEnv, loc string) {
			env.saveTranslation("both", loc, func(in *models.TranslationInput) { in.Status = models.StatusDraft })
		}, "tg"},
		{"article is trashed", func(env *testEnv, _ string) {
			if err := env.store.TrashArticle(context.Background(), env.ids["both"]); err != nil {
				env.t.Fatal(err)
			}
		}, "fa"},
		{"article is archived", func(env *testEnv, _ string) {
			a, _ := env.translation("both", "tg")
			shared := models.SharedInput{Version: a.Version, SectionID: a.SectionID, FeaturedMediaID: a.FeaturedMediaID, Archived: true}
			if _, err := env.store.SaveArticle(context.Background(), models.ArticleInput{ID: a.ID, Shared: &shared}); err != nil {
				env.t.Fatal(err)
			}
		}, "fa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			old, renamed := env.renameSlug("both", tt.locale, "tozatarin")
			env.expectRedirect(tt.locale, old, env.ids["both"], renamed) // warms the cache too
			tt.hide(env, tt.locale)
			env.expectNotFound(tt.locale, old)
			env.expectNotFound(tt.locale, renamed)
		})
	}
}

func TestOldSlugIsNeverTakenOverByAnotherArticle(t *testing.T) {
	for _, loc := range []string{"fa", "tg"} {
		t.Run(loc, func(t *testing.T) {
			env := newTestEnv(t)
			old, renamed := env.renameSlug("both", loc, "navtarin")
			taken := env.saveTranslation("tieA", loc, func(in *models.TranslationInput) { in.Slug = old })
			if taken.Slug == old || !strings.HasPrefix(taken.Slug, old+"-") {
				t.Errorf("tieA asked for the old slug %q and got %q, want it with a numeric suffix", old, taken.Slug)
			}
			env.expectRedirect(loc, old, env.ids["both"], renamed)
			env.expectArticle(loc, taken.Slug, env.ids["tieA"])
		})
	}
}

func TestRedirectIsNotServedStaleFromTheCache(t *testing.T) {
	env := newTestEnv(t)
	id := env.ids["both"]
	old, second := env.renameSlug("both", "fa", "میانه")
	env.expectRedirect("fa", old, id, second)
	env.expectArticle("fa", second, id)
	// Ask again so the answers are surely in the cache.
	env.expectRedirect("fa", old, id, second)
	env.expectArticle("fa", second, id)

	_, newest := env.renameSlug("both", "fa", "پایانی")
	env.expectRedirect("fa", old, id, newest)
	env.expectRedirect("fa", second, id, newest)
	env.expectArticle("fa", newest, id)
}
