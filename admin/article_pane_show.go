package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// showPane answers "take theirs" in the conflict view: the pane as it is
// saved now, in place of the editor's text. Without htmx it is the editor.
func (a *Admin) showPane(c *gin.Context) {
	article, loc := a.loadPaneFragment(c)
	if article == nil {
		return
	}
	pane, err := a.storedPane(c, a.localizer(c), article, loc)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.render(c, http.StatusOK, views.PaneForm(a.editorFragmentPage(c), pane))
}

// loadPaneFragment finds the article and locale of a request for one pane
// alone. Only the editor's script asks for one (htmx, or the kept copy's
// Compare); a plain request is sent to the editor page. It answers the
// request itself when it returns a nil article.
func (a *Admin) loadPaneFragment(c *gin.Context) (*models.Article, locale.Locale) {
	article, loc := a.loadArticleLocale(c)
	if article != nil && !isHtmx(c) {
		redirect(c, "/admin/articles/"+c.Param("id"))
		return nil, locale.Locale{}
	}
	return article, loc
}
