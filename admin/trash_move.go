package admin

import (
	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// trashMove is the editor's "delete": the article goes to the trash, gone
// from the site, the API and the list at once, and can be restored there
// for models.TrashRetention.
func (a *Admin) trashMove(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
		return
	}
	l, user := a.localizer(c), currentUser(c)
	err := a.store.TrashArticleBy(c.Request.Context(), article.ID, &user.ID)
	if err != nil {
		// Not found: trashed by someone else a moment ago.
		a.fail(c, err)
		return
	}
	title := articleTitle(l, a.store.Locales(), article.ID, titlesOf(article))
	a.flash(c, l.T("trash.moved", "title", bidiIsolate(title.Text), "days", retentionDays()))
	redirect(c, "/admin/articles")
}

// retentionDays is the trash's retention in whole days, for messages.
func retentionDays() int { return int(models.TrashRetention.Hours() / 24) }
