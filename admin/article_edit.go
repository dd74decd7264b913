package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/views"
)

// newArticlePage shows the editor for a new article, in the section the
// address names (the article list's "new article in this section").
func (a *Admin) newArticlePage(c *gin.Context) {
	shared, err := a.sharedProps(c, 0, sharedForm{SectionID: formID(c.Query("section"))}, nil, "")
	if err != nil {
		a.fail(c, err)
		return
	}
	a.renderEditor(c, http.StatusOK, editorView{Shared: &shared})
}

// editArticlePage shows the editor of a saved article and takes (or
// reports) its soft lock.
func (a *Admin) editArticlePage(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
		return
	}
	props, err := a.editorPage(c, editorView{Article: article})
	if err != nil {
		a.fail(c, err)
		return
	}
	state, err := a.store.AcquireLock(c.Request.Context(), article.ID, currentUser(c).ID, false)
	if err != nil {
		a.fail(c, err)
		return
	}
	lock := a.lockStatusProps(c, article.ID, state)
	props.Lock = &lock
	a.render(c, http.StatusOK, views.ArticleEdit(props))
}
