package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/views"
)

// deleteTagPage asks to confirm deleting a tag, saying how many articles
// carry it.
func (a *Admin) deleteTagPage(c *gin.Context) {
	tag := a.loadTag(c)
	if tag == nil {
		return
	}
	articles, err := a.store.CountTaggedArticles(c.Request.Context(), tag.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	page := a.page(c, "tags.delete_title", "tags")
	a.render(c, http.StatusOK, views.TagDelete(views.TagDeleteProps{Page: page, ID: tag.ID,
		Name: tagLabel(page.L, a.store.Locales(), *tag), Articles: articles}))
}

// deleteTag deletes the tag; its articles lose it.
func (a *Admin) deleteTag(c *gin.Context) {
	tag := a.loadTag(c)
	if tag == nil {
		return
	}
	l := a.localizer(c)
	err := a.store.DeleteTag(c.Request.Context(), tag.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.flash(c, l.T("tags.deleted", "name", tagLabel(l, a.store.Locales(), *tag).Text))
	redirect(c, "/admin/tags")
}
