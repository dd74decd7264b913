package admin

import (
	"github.com/gin-gonic/gin"
)

// moveSection swaps a section with its previous or next sibling and comes
// back to its row, so the keyboard user's place on the page is kept.
func (a *Admin) moveSection(c *gin.Context) {
	sec := a.loadSection(c)
	if sec == nil {
		return
	}
	direction := c.PostForm("direction")
	if direction != "up" && direction != "down" {
		// Only a hand-made request sends anything else; nothing moves.
		redirect(c, "/admin/sections#section-"+sec.Slug)
		return
	}
	err := a.store.MoveSection(c.Request.Context(), sec.ID, direction == "up")
	if err != nil {
		a.fail(c, err)
		return
	}
	l := a.localizer(c)
	a.flash(c, l.T("sections.moved", "name", sectionLabel(l, a.store.Locales(), *sec).Text))
	redirect(c, "/admin/sections#section-"+sec.Slug)
}
