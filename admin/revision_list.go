package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// revisionList shows the saves of one translation of an article, newest
// first: who, when, which version and the title it had. ?locale= picks the
// translation; the site's default locale when absent.
func (a *Admin) revisionList(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
		return
	}
	loc, ok := a.revisionLocale(c)
	if !ok {
		a.notFound(c)
		return
	}
	revs, err := a.store.ListRevisions(c.Request.Context(), article.ID, loc.Code)
	if err != nil {
		a.fail(c, err)
		return
	}
	p := a.page(c, "revisions.title", "articles")
	props := views.RevisionListProps{
		Page: p, ArticleID: article.ID, Locale: localeOption(loc),
		Title: articleTitle(p.L, a.store.Locales(), article.ID, titlesOf(article)),
	}
	for _, l := range a.store.Locales().All() {
		props.Locales = append(props.Locales, localeOption(l))
	}
	current, _ := article.Translation(loc.Code)
	for _, rev := range revs {
		props.Rows = append(props.Rows, a.revisionRow(p.L, rev, rev.Version == current.Version))
	}
	a.render(c, http.StatusOK, views.RevisionList(props))
}

// revisionLocale is the locale the address asks for.
func (a *Admin) revisionLocale(c *gin.Context) (locale.Locale, bool) {
	code := c.Query("locale")
	if code == "" {
		return a.store.Locales().Default(), true
	}
	return a.store.Locales().Get(code)
}

// revisionRow is a revision as the list and the revision page show it.
func (a *Admin) revisionRow(l i18n.Localizer, rev models.ArticleRevision, current bool) views.RevisionRow {
	editor := rev.EditorName
	if editor == "" {
		editor = l.T("revisions.unknown_editor")
	}
	return views.RevisionRow{
		ID: rev.ID, URL: revisionPath(rev.ArticleID, rev.ID), Version: rev.Version, Title: rev.Title,
		Status: l.T("articles.list.state." + string(rev.Status)), Editor: editor,
		Saved: l.DateTime(rev.CreatedAt, a.tz), SavedISO: rev.CreatedAt.UTC().Format(time.RFC3339), Current: current, Minor: rev.Minor,
	}
}

func revisionPath(articleID, revID uint) string {
	return "/admin/articles/" + strconv.FormatUint(uint64(articleID), 10) + "/revisions/" + strconv.FormatUint(uint64(revID), 10)
}
