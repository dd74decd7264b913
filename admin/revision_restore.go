package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// revisionRestore saves a revision's text over its translation as a new
// version, so the text it replaces stays in the history. The form carries
// the version the editor saw: if someone saved since, the page comes back
// with 409 and their text in the diff, and restoring again is a deliberate
// choice to replace it.
func (a *Admin) revisionRestore(c *gin.Context) {
	article, rev := a.revisionFromPath(c)
	if rev == nil {
		return
	}
	l, user := a.localizer(c), currentUser(c)
	seen, _ := strconv.Atoi(c.PostForm("current_version"))
	restored, err := a.store.RestoreRevision(c.Request.Context(), rev.ID, seen, &user.ID)
	var invalid *models.ValidationError
	switch {
	case errors.Is(err, models.ErrConflict):
		a.revisionConflict(c, article.ID, rev, l.T("error.conflict")+" "+l.T("revisions.conflict_retry"))
		return
	case errors.As(err, &invalid):
		a.renderRevision(c, http.StatusUnprocessableEntity, article, rev, l.T("revisions.restore_invalid"))
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	tr, _ := restored.Translation(rev.Locale)
	a.flash(c, l.T("revisions.restored", "when", l.DateTime(rev.CreatedAt, a.tz), "version", tr.Version))
	redirect(c, "/admin/articles/"+strconv.FormatUint(uint64(article.ID), 10))
}

// revisionConflict shows the revision again against the text saved
// meanwhile, with that text's version in the form.
func (a *Admin) revisionConflict(c *gin.Context, id uint, rev *models.ArticleRevision, notice string) {
	fresh, err := a.store.FindArticle(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.renderRevision(c, http.StatusConflict, fresh, rev, notice)
}
