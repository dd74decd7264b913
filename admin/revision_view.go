package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/richtext"
	"github.com/payvand/payvand/internal/textdiff"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// revisionView shows one revision as it was saved, what changed from it
// to the current text, and a form that restores it.
func (a *Admin) revisionView(c *gin.Context) {
	article, rev := a.revisionFromPath(c)
	if rev == nil {
		return
	}
	a.renderRevision(c, http.StatusOK, article, rev, "")
}

// revisionFromPath finds the live article :id and its revision :rev. It
// answers the request itself and returns a nil revision when either is
// missing, or the revision belongs to another article.
func (a *Admin) revisionFromPath(c *gin.Context) (*models.Article, *models.ArticleRevision) {
	article := a.loadArticle(c)
	if article == nil {
		return nil, nil
	}
	revID, ok := pathID(c, "rev")
	if !ok {
		a.notFound(c)
		return nil, nil
	}
	rev, err := a.store.FindRevision(c.Request.Context(), revID)
	if err == nil && rev.ArticleID != article.ID {
		err = models.ErrNotFound // another article's revision is not this one's
	}
	if err != nil {
		a.fail(c, err)
		return nil, nil
	}
	return article, rev
}

// renderRevision shows the revision page; notice, when set, explains why
// it came back instead of restoring (a conflict).
func (a *Admin) renderRevision(c *gin.Context, status int, article *models.Article, rev *models.ArticleRevision, notice string) {
	p := a.page(c, "revisions.view_title", "articles")
	loc, _ := a.store.Locales().Get(rev.Locale)
	current, _ := article.Translation(rev.Locale)
	// Stored bodies are sanitised on save; sanitising again on the way
	// out keeps a row edited behind the admin's back from running script.
	body, err := a.editableBody(c.Request.Context(), richtext.Sanitize(rev.BodyHTML))
	if err != nil {
		a.fail(c, err)
		return
	}
	props := views.RevisionViewProps{
		Page: p, ArticleID: article.ID, Locale: localeOption(loc), Notice: notice,
		Revision: a.revisionRow(p.L, *rev, rev.Version == current.Version),
		Title:    rev.Title, Summary: rev.Summary, Byline: rev.Byline,
		BodyHTML:       body,
		CurrentVersion: current.Version,
		Diff: []views.DiffField{
			{Label: p.L.T("revisions.field_title"), Ops: textdiff.Words(rev.Title, current.Title)},
			{Label: p.L.T("revisions.field_summary"), Ops: textdiff.Words(rev.Summary, current.Summary)},
			{Label: p.L.T("revisions.field_byline"), Ops: textdiff.Words(rev.Byline, current.Byline)},
			{Label: p.L.T("revisions.field_body"), Ops: textdiff.HTML(rev.BodyHTML, current.BodyHTML)},
		},
	}
	a.render(c, status, views.RevisionView(props))
}
