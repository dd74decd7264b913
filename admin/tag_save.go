package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

func (a *Admin) editTagPage(c *gin.Context) {
	tag := a.loadTag(c)
	if tag == nil {
		return
	}
	a.renderTagEdit(c, http.StatusOK, tag, tagFormOf(tag), nil, "", "")
}

// updateTag renames a tag. A new slug keeps the old one answering with a
// redirect, so links to the tag's page keep working.
func (a *Admin) updateTag(c *gin.Context) {
	tag := a.loadTag(c)
	if tag == nil {
		return
	}
	l, locales := a.localizer(c), a.store.Locales()
	form := readTagForm(c, locales)
	saved, err := a.store.SaveTag(c.Request.Context(), form.input(tag.ID))
	var invalid *models.ValidationError
	switch {
	case errors.Is(err, models.ErrConflict):
		// The form comes back as typed with the current version, so
		// saving again deliberately replaces the other person's names.
		current := a.loadTag(c)
		if current == nil {
			return
		}
		form.Version = current.Version
		a.renderTagEdit(c, http.StatusConflict, current, form, nil, l.T("error.conflict")+" "+l.T("tags.conflict_retry"), "")
		return
	case errors.As(err, &invalid):
		a.renderTagEdit(c, http.StatusUnprocessableEntity, tag, form, refusals(l, err, ""), "", "")
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	a.flash(c, l.T("tags.saved", "name", tagLabel(l, locales, *saved).Text))
	redirect(c, "/admin/tags?q="+saved.Slug+"#tag-"+saved.Slug)
}

// mergeTag moves the tag's articles and slugs onto the chosen tag and
// deletes it.
func (a *Admin) mergeTag(c *gin.Context) {
	tag := a.loadTag(c)
	if tag == nil {
		return
	}
	l, locales := a.localizer(c), a.store.Locales()
	into := formID(c.PostForm("into"))
	if into == 0 {
		a.renderTagEdit(c, http.StatusUnprocessableEntity, tag, tagFormOf(tag), nil, "", l.T("tags.error.into_required"))
		return
	}
	err := a.store.MergeTags(c.Request.Context(), tag.ID, into)
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		a.renderTagEdit(c, http.StatusUnprocessableEntity, tag, tagFormOf(tag), nil, "", refusals(l, err, "")["into"])
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	target, err := a.store.FindTag(c.Request.Context(), into)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.flash(c, l.T("tags.merged", "name", tagLabel(l, locales, *tag).Text, "target", tagLabel(l, locales, *target).Text))
	redirect(c, "/admin/tags?q="+target.Slug+"#tag-"+target.Slug)
}

// renderTagEdit shows the rename form and the merge form, with the
// refusals beside their fields and notice above the rename form.
func (a *Admin) renderTagEdit(c *gin.Context, status int, tag *models.Tag, form tagForm, errs map[string]string, notice, intoError string) {
	all, err := a.store.ListTags(c.Request.Context(), "", 10000)
	if err != nil {
		a.fail(c, err)
		return
	}
	page := a.page(c, "tags.edit_title", "tags")
	locales := a.store.Locales()
	props := views.TagEditProps{Page: page, ID: tag.ID, Name: tagLabel(page.L, locales, *tag),
		Form: tagFormProps(page.L, locales, form, errs, tag), IntoError: intoError}
	if notice != "" {
		props.Form.Notice = notice
	}
	for _, t := range all {
		if t.ID != tag.ID {
			props.Targets = append(props.Targets, views.TagOption{ID: t.ID, Name: tagLabel(page.L, locales, t.Tag), Slug: t.Slug})
		}
	}
	a.render(c, status, views.TagEdit(props))
}
