package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// createSection adds a section after all others; the admin reorders it
// with the move buttons.
func (a *Admin) createSection(c *gin.Context) {
	ctx := c.Request.Context()
	tree, ok := a.loadSectionTree(c)
	if !ok {
		return
	}
	l, locales := a.localizer(c), a.store.Locales()
	form := readSectionForm(c, locales)
	if errs := form.validate(l); len(errs) > 0 {
		a.renderSections(c, http.StatusUnprocessableEntity, tree, form, errs)
		return
	}
	position, err := a.store.NextSectionPosition(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	sec, err := a.store.SaveSection(ctx, form.input(0, position, nil))
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		a.renderSections(c, http.StatusUnprocessableEntity, tree, form, form.storeErrors(l, err))
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	a.flash(c, l.T("sections.created", "name", sectionLabel(l, locales, *sec).Text))
	redirect(c, "/admin/sections#section-"+sec.Slug)
}

func (a *Admin) editSectionPage(c *gin.Context) {
	sec := a.loadSection(c)
	if sec == nil {
		return
	}
	tree, ok := a.loadSectionTree(c)
	if !ok {
		return
	}
	a.renderSectionEdit(c, http.StatusOK, sec, tree, sectionFormOf(sec), nil, nil)
}

// updateSection saves the edit form. The section keeps its position: the
// move buttons change that, and bump the version, so a form loaded before
// a move cannot put the old position back.
func (a *Admin) updateSection(c *gin.Context) {
	ctx := c.Request.Context()
	sec := a.loadSection(c)
	if sec == nil {
		return
	}
	tree, ok := a.loadSectionTree(c)
	if !ok {
		return
	}
	l, locales := a.localizer(c), a.store.Locales()
	form := readSectionForm(c, locales)
	if errs := form.validate(l); len(errs) > 0 {
		a.renderSectionEdit(c, http.StatusUnprocessableEntity, sec, tree, form, errs, nil)
		return
	}
	saved, err := a.store.SaveSection(ctx, form.input(sec.ID, sec.Position, sec))
	var invalid *models.ValidationError
	switch {
	case errors.Is(err, models.ErrConflict):
		a.sectionConflict(c, sec.ID, tree, form)
		return
	case errors.As(err, &invalid):
		a.renderSectionEdit(c, http.StatusUnprocessableEntity, sec, tree, form, form.storeErrors(l, err), nil)
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	a.flash(c, l.T("sections.saved", "name", sectionLabel(l, locales, *saved).Text))
	redirect(c, "/admin/sections#section-"+saved.Slug)
}

// sectionConflict answers a save over someone else's newer one: the form
// comes back as the user typed it, each field showing what the other
// person saved, and with the current version, so saving again is a
// deliberate choice to replace their version.
func (a *Admin) sectionConflict(c *gin.Context, id uint, tree sectionTree, form sectionForm) {
	current, err := a.store.FindSection(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	l := a.localizer(c)
	theirs := sectionFormOf(current)
	form.Version = theirs.Version
	a.renderSectionEdit(c, http.StatusConflict, current, tree, form, nil, func(p *views.SectionFormProps) {
		p.Notice = l.T("error.conflict") + " " + l.T("sections.conflict_retry")
		if theirs.Slug != form.Slug {
			p.Slug.Help = l.T("sections.conflict_saved_value", "value", theirs.Slug)
		}
		for i := range p.Names {
			code := p.Names[i].Lang
			if theirs.Names[code] != "" && theirs.Names[code] != form.Names[code] {
				p.Names[i].Help = l.T("sections.conflict_saved_value", "value", theirs.Names[code])
			}
		}
		if theirs.Parent != form.Parent {
			name := l.T("sections.parent_none")
			if parent, _ := theirs.parentID(); parent != nil {
				if s, ok := tree.find(*parent); ok {
					name = sectionLabel(l, a.store.Locales(), s).Text
				}
			}
			p.ParentHelp = l.T("sections.conflict_saved_value", "value", name)
		}
	})
}

// renderSectionEdit shows the edit page; adjust, when given, amends the
// form's view before it is rendered.
func (a *Admin) renderSectionEdit(c *gin.Context, status int, sec *models.Section, tree sectionTree, form sectionForm, errs map[string]string, adjust func(*views.SectionFormProps)) {
	page := a.page(c, "sections.edit_title", "sections")
	locales := a.store.Locales()
	props := views.SectionEditProps{Page: page, ID: sec.ID, Name: sectionLabel(page.L, locales, *sec),
		Form: sectionFormProps(page.L, locales, tree, form, errs, sec)}
	if adjust != nil {
		adjust(&props.Form)
	}
	a.render(c, status, views.SectionEdit(props))
}
