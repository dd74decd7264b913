package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

func (a *Admin) tagsPage(c *gin.Context) {
	a.renderTags(c, http.StatusOK, tagForm{Names: map[string]string{}}, nil)
}

// renderTags shows the tags matching ?q= and the new-tag form, filled with
// form and the messages in errs when a creation was refused.
func (a *Admin) renderTags(c *gin.Context, status int, form tagForm, errs map[string]string) {
	query := c.Query("q")
	tags, err := a.store.ListTags(c.Request.Context(), query, tagListLimit+1)
	if err != nil {
		a.fail(c, err)
		return
	}
	page := a.page(c, "tags.title", "tags")
	locales := a.store.Locales()
	props := views.TagsProps{Page: page, Columns: sectionColumns(locales), Query: query,
		New: tagFormProps(page.L, locales, form, errs, nil)}
	if len(tags) > tagListLimit {
		tags, props.More = tags[:tagListLimit], true
	}
	for _, t := range tags {
		row := views.TagRow{ID: t.ID, Slug: t.Slug, Label: tagLabel(page.L, locales, t.Tag).Text, Articles: t.Articles}
		for _, loc := range locales.All() {
			row.Names = append(row.Names, views.ContentText{Text: t.Name(loc.Code), Lang: loc.Code, Dir: loc.Dir})
		}
		props.Rows = append(props.Rows, row)
	}
	a.render(c, status, views.Tags(props))
}

func (a *Admin) createTag(c *gin.Context) {
	l, locales := a.localizer(c), a.store.Locales()
	form := readTagForm(c, locales)
	tag, err := a.store.SaveTag(c.Request.Context(), form.input(0))
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		a.renderTags(c, http.StatusUnprocessableEntity, form, refusals(l, err, ""))
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	a.flash(c, l.T("tags.created", "name", tagLabel(l, locales, *tag).Text))
	redirect(c, "/admin/tags?q="+tag.Slug+"#tag-"+tag.Slug)
}
