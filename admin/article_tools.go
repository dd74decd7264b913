package admin

import (
	"errors"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/recordid"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// registerArticleTools adds what keeps editors' work safe around the
// editor page, open to every signed-in user: revision history, the trash,
// soft locks and draft previews.
func (a *Admin) registerArticleTools(g *gin.RouterGroup) {
	g.GET("/articles/:id/revisions", a.revisionList)
	g.GET("/articles/:id/revisions/:rev", a.revisionView)
	g.POST("/articles/:id/revisions/:rev/restore", a.revisionRestore)

	g.POST("/articles/:id/delete", a.trashMove)
	g.GET("/trash", a.trashList)
	g.POST("/trash/:id/restore", a.trashRestore)

	g.POST("/articles/:id/lock", a.lockHeartbeat)
	g.POST("/articles/:id/lock/takeover", a.lockTakeOver)
	g.POST("/articles/:id/lock/release", a.lockRelease)

	g.POST("/articles/:id/preview-token", a.previewToken)
	g.GET("/articles/:id/preview", a.previewJSON)
	g.GET("/articles/:id/site-preview/:locale", a.sitePreview)
}

// pathID reads the id in the path parameter name (see recordid.Parse).
func pathID(c *gin.Context, name string) (uint, bool) {
	return recordid.Parse(c.Param(name))
}

// articleFromPath finds the live article named by :id. It answers the
// request itself (404 or 500) and returns nil when there is none; a
// trashed article is not found here.
func (a *Admin) articleFromPath(c *gin.Context) *models.Article {
	id, ok := pathID(c, "id")
	if !ok {
		a.notFound(c)
		return nil
	}
	article, err := a.store.FindArticle(c.Request.Context(), id)
	if errors.Is(err, models.ErrNotFound) || (err == nil && article.TrashedAt != nil) {
		a.notFound(c)
		return nil
	}
	if err != nil {
		a.serverError(c, err)
		return nil
	}
	return article
}

// fromHtmx reports whether htmx sent the request, so the answer is a
// fragment to swap in rather than a page or a redirect.
func fromHtmx(c *gin.Context) bool { return c.GetHeader("HX-Request") == "true" }

// articleTitle is an article's title in the first locale that has one,
// with that locale's lang and dir; "Untitled article N" when none has.
func articleTitle(l i18n.Localizer, locales locale.Set, id uint, titles map[string]string) views.ContentText {
	for _, loc := range locales.All() {
		if t := titles[loc.Code]; t != "" {
			return views.ContentText{Text: t, Lang: loc.Code, Dir: loc.Dir}
		}
	}
	return views.ContentText{Text: l.T("articles.list.untitled", "id", id), Lang: l.Code, Dir: l.Dir}
}

// titlesOf maps an article's translations to their titles by locale.
func titlesOf(article *models.Article) map[string]string {
	out := map[string]string{}
	for _, t := range article.Translations {
		out[t.Locale] = t.Title
	}
	return out
}

func localeOption(loc locale.Locale) views.LocaleOption {
	return views.LocaleOption{Code: loc.Code, Name: loc.Name, Dir: loc.Dir}
}

// bidiIsolate wraps text from users (a name) for a sentence in another
// direction: without first-strong isolation a Persian name at the end of
// an English sentence drags the full stop to the wrong side.
func bidiIsolate(s string) string { return "\u2068" + s + "\u2069" }
