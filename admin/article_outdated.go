package admin

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/textdiff"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// outdatedProps is the outdated notice of the article's translation in loc:
// empty when it is up to date, else the source's changes since it last
// matched, word by word. Only an outdated translation costs a query.
func (a *Admin) outdatedProps(c *gin.Context, l i18n.Localizer, article *models.Article, loc string) (views.OutdatedProps, error) {
	code, _ := a.store.Locales().Get(loc)
	o := views.OutdatedProps{ArticleID: article.ID, Locale: localeOption(code)}
	if t, ok := article.Translation(loc); !ok || !t.Outdated {
		return o, nil
	}
	changes, err := a.store.FindSourceChanges(c.Request.Context(), article.ID, loc)
	if err != nil || changes == nil {
		return o, err
	}
	source, _ := a.store.Locales().Get(changes.Locale)
	var base models.ArticleRevision
	if changes.Base != nil {
		base = *changes.Base
	}
	now := changes.Current
	o.Outdated, o.Source = true, localeOption(source)
	o.Since, o.SinceISO = l.DateTime(changes.Since, a.tz), changes.Since.UTC().Format(time.RFC3339)
	o.Diff = []views.DiffField{
		{Label: l.T("revisions.field_title"), Ops: textdiff.Words(base.Title, now.Title)},
		{Label: l.T("revisions.field_summary"), Ops: textdiff.Words(base.Summary, now.Summary)},
		{Label: l.T("revisions.field_body"), Ops: textdiff.HTML(base.BodyHTML, now.BodyHTML)},
	}
	return o, nil
}

// otherOutdated are the outdated notices of every translation but the one
// just saved, for the save's answer to refresh in place.
func (a *Admin) otherOutdated(c *gin.Context, l i18n.Localizer, article *models.Article, saved string) ([]views.OutdatedProps, error) {
	var out []views.OutdatedProps
	for _, t := range article.Translations {
		if t.Locale == saved {
			continue
		}
		o, err := a.outdatedProps(c, l, article, t.Locale)
		if err != nil {
			return nil, err
		}
		o.OOB = true
		out = append(out, o)
	}
	return out, nil
}

// markCurrent records that an editor checked an outdated translation and it
// needs no change. htmx gets the emptied notice; a plain post goes back to
// the editor.
func (a *Admin) markCurrent(c *gin.Context) {
	article, loc := a.loadArticleLocale(c)
	if article == nil {
		return
	}
	if _, stored := article.Translation(loc.Code); !stored {
		a.notFound(c)
		return
	}
	err := a.store.MarkTranslationCurrent(c.Request.Context(), article.ID, loc.Code)
	if errors.Is(err, models.ErrNotFound) {
		// Trashed or emptied since it was loaded.
		a.notFound(c)
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	l := a.localizer(c)
	notice := l.T("editor.marked_current", "language", loc.Name)
	if isHtmx(c) {
		a.render(c, http.StatusOK, views.PaneOutdated(a.page(c, "editor.edit_page", "articles"),
			views.OutdatedProps{ArticleID: article.ID, Locale: localeOption(loc), Notice: notice}))
		return
	}
	a.flash(c, notice)
	redirect(c, "/admin/articles/"+c.Param("id"))
}
