package admin

import (
	"github.com/gin-gonic/gin"
)

// comparePane shows a copy of a pane that the browser kept (text typed in
// an earlier visit and never saved) beside what is saved now, without
// saving anything. The copy posts the version it was typed on; the answer
// is the conflict view, carrying the saved version, so the copy can replace
// the saved text only by the editor's deliberate "keep mine".
func (a *Admin) comparePane(c *gin.Context) {
	article, loc := a.loadPaneFragment(c)
	if article == nil {
		return
	}
	l := a.localizer(c)
	form := readPaneForm(c, loc.Code)
	_, exists := article.Translation(loc.Code)
	pane := paneProps(loc, article.ID, form, exists)
	var err error
	if pane.Outdated, err = a.outdatedProps(c, l, article, loc.Code); err != nil {
		a.fail(c, err)
		return
	}
	a.paneConflict(c, pane, form, true)
}
