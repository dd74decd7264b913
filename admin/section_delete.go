package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// deleteSectionPage explains what deleting the section involves: whether
// it can go at all, and where its articles would move.
func (a *Admin) deleteSectionPage(c *gin.Context) {
	sec := a.loadSection(c)
	if sec == nil {
		return
	}
	a.renderSectionDelete(c, http.StatusOK, sec, "")
}

// deleteSection deletes the section, moving its articles to move_to first
// when it holds any. A refusal shows the confirmation page again with the
// reason beside the choice it concerns.
func (a *Admin) deleteSection(c *gin.Context) {
	ctx := c.Request.Context()
	sec := a.loadSection(c)
	if sec == nil {
		return
	}
	l, locales := a.localizer(c), a.store.Locales()
	moveTo, ok := optionalID(c.PostForm("move_to"))
	if !ok {
		a.renderSectionDelete(c, http.StatusUnprocessableEntity, sec, l.T("sections.error.move_to_invalid"))
		return
	}
	// The flash names the target and how many articles went there.
	var dest *models.Section
	usage, err := a.store.FindSectionUsage(ctx, sec.ID)
	if err == nil && moveTo != nil && usage.Articles > 0 {
		dest, err = a.store.FindSection(ctx, *moveTo)
		if errors.Is(err, models.ErrNotFound) {
			a.renderSectionDelete(c, http.StatusUnprocessableEntity, sec, l.T("sections.error.move_to_invalid"))
			return
		}
	}
	if err == nil {
		err = a.store.DeleteSection(ctx, sec.ID, moveTo)
	}
	var invalid *models.ValidationError
	switch {
	case errors.As(err, new(*models.SectionNotEmptyError)):
		// The page states the count again, read afresh, above this message.
		a.renderSectionDelete(c, http.StatusUnprocessableEntity, sec, l.T("sections.error.move_to_required"))
	case errors.As(err, new(*models.SectionHasSubsectionsError)):
		// The page explains that the subsections must go first.
		a.renderSectionDelete(c, http.StatusUnprocessableEntity, sec, "")
	case errors.As(err, &invalid):
		a.renderSectionDelete(c, http.StatusUnprocessableEntity, sec, l.T("sections.error.move_to_invalid"))
	case err != nil:
		a.fail(c, err)
	case dest != nil:
		a.flash(c, l.T("sections.deleted_moved", "name", sectionLabel(l, locales, *sec).Text,
			"count", usage.Articles, "target", sectionLabel(l, locales, *dest).Text))
		redirect(c, "/admin/sections")
	default:
		a.flash(c, l.T("sections.deleted", "name", sectionLabel(l, locales, *sec).Text))
		redirect(c, "/admin/sections")
	}
}

// renderSectionDelete shows the confirmation page with the section's
// current articles and subsections, and the refusal beside the choice.
func (a *Admin) renderSectionDelete(c *gin.Context, status int, sec *models.Section, moveToError string) {
	usage, err := a.store.FindSectionUsage(c.Request.Context(), sec.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	tree, ok := a.loadSectionTree(c)
	if !ok {
		return
	}
	page := a.page(c, "sections.delete_title", "sections")
	locales := a.store.Locales()
	a.render(c, status, views.SectionDelete(views.SectionDeleteProps{
		Page: page, ID: sec.ID, Name: sectionLabel(page.L, locales, *sec),
		Articles: usage.Articles, Trashed: usage.Trashed, Subsections: usage.Subsections,
		Targets: tree.options(page.L, locales, map[uint]bool{sec.ID: true}), MoveToError: moveToError,
	}))
}
