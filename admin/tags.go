package admin

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// tagListLimit is how many tags the tags page shows for one search.
const tagListLimit = 200

// loadTag finds the tag named by the :id parameter. It answers the request
// itself (404 or 500) and returns nil when there is none.
func (a *Admin) loadTag(c *gin.Context) *models.Tag {
	return loadByID(a, c, a.store.FindTag)
}

// tagLabel names a tag for the admin's user: in their interface language
// when the tag has a name there, else in the first content language that
// has one, else by its slug.
func tagLabel(l i18n.Localizer, locales locale.Set, t models.Tag) views.ContentText {
	codes := append([]string{l.Code}, locales.Codes()...)
	for _, code := range codes {
		if loc, ok := locales.Get(code); ok && t.Name(code) != "" {
			return views.ContentText{Text: t.Name(code), Lang: loc.Code, Dir: loc.Dir}
		}
	}
	return views.ContentText{Text: t.Slug, Dir: "ltr"}
}

// tagForm is the tag form as posted, kept as typed so a refused form comes
// back with exactly what the user entered.
type tagForm struct {
	Slug    string
	Version int
	// Names maps locale codes to the posted names ("names.<code>").
	Names map[string]string
}

func readTagForm(c *gin.Context, locales locale.Set) tagForm {
	f := tagForm{Slug: strings.TrimSpace(c.PostForm("slug")), Names: postedNames(c, locales)}
	f.Version, _ = strconv.Atoi(c.PostForm("version"))
	return f
}

// tagFormOf is the form filled with a tag's saved values.
func tagFormOf(t *models.Tag) tagForm {
	f := tagForm{Slug: t.Slug, Version: t.Version, Names: map[string]string{}}
	for _, n := range t.Names {
		f.Names[n.Locale] = n.Name
	}
	return f
}

// input is the store's input for the form: every locale's name is sent, an
// empty one removing the name there.
func (f tagForm) input(id uint) models.TagInput {
	return models.TagInput{ID: id, Version: f.Version, Slug: f.Slug, Names: f.Names}
}

// tagFormProps builds the form's view; editing is nil for a new tag.
func tagFormProps(l i18n.Localizer, locales locale.Set, f tagForm, errs map[string]string, editing *models.Tag) views.TagFormProps {
	p := views.TagFormProps{
		Action: "/admin/tags", TestID: "new-tag-form", Submit: l.T("common.create"),
		Slug: views.Field{Name: "slug", Label: l.T("tags.slug"), Value: f.Slug, Dir: "ltr",
			Autocomplete: "off", Help: l.T("tags.slug_help"), Error: errs["slug"]},
	}
	if editing != nil {
		p.Action, p.TestID, p.Submit, p.Version = "/admin/tags/"+strconv.FormatUint(uint64(editing.ID), 10), "tag-edit-form", l.T("common.save"), f.Version
		p.Slug.Help = l.T("tags.slug_rename_help")
	}
	for _, loc := range locales.All() {
		p.Names = append(p.Names, views.Field{Name: "names." + loc.Code, Label: l.T("tags.name_label", "language", loc.Name), Value: f.Names[loc.Code],
			Lang: loc.Code, Dir: loc.Dir, Autocomplete: "off", Error: errs["names."+loc.Code]})
	}
	if len(errs) > 0 {
		p.Notice = l.T("common.form_errors")
	}
	return p
}
