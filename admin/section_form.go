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

// sectionForm is the section form as posted, kept as typed so a refused
// form comes back with exactly what the user entered.
type sectionForm struct {
	Slug string
	// Parent is the posted parent id: "" for the top level.
	Parent  string
	Version int
	// Names maps locale codes to the posted names ("names.<code>").
	Names map[string]string
}

func readSectionForm(c *gin.Context, locales locale.Set) sectionForm {
	f := sectionForm{Slug: c.PostForm("slug"), Parent: strings.TrimSpace(c.PostForm("parent_id")), Names: postedNames(c, locales)}
	f.Version, _ = strconv.Atoi(c.PostForm("version"))
	return f
}

// postedNames reads a name per content locale (names.tg, names.fa, …), as
// typed: the section and tag forms name things the same way.
func postedNames(c *gin.Context, locales locale.Set) map[string]string {
	names := map[string]string{}
	for _, code := range locales.Codes() {
		names[code] = c.PostForm("names." + code)
	}
	return names
}

// sectionFormOf is the form filled with a section's saved values.
func sectionFormOf(s *models.Section) sectionForm {
	f := sectionForm{Slug: s.Slug, Version: s.Version, Names: map[string]string{}}
	if s.ParentID != nil {
		f.Parent = strconv.FormatUint(uint64(*s.ParentID), 10)
	}
	for _, n := range s.Names {
		f.Names[n.Locale] = n.Name
	}
	return f
}

// parentID returns the chosen parent; ok is false when the value is not an id.
func (f sectionForm) parentID() (id *uint, ok bool) {
	return optionalID(f.Parent)
}

// validate checks what only the form knows, that the parent is an id, in
// the user's language. Every other rule is the store's (storeErrors).
func (f sectionForm) validate(l i18n.Localizer) map[string]string {
	errs := map[string]string{}
	if _, ok := f.parentID(); !ok {
		errs["parent_id"] = l.T("validation.parent_missing")
	}
	return errs
}

// input is the store's input for the form. A name left empty is sent only
// when the section has one (editing): the store keeps names it is not sent,
// so it must see the cleared one to refuse it.
func (f sectionForm) input(id uint, position int, editing *models.Section) models.SectionInput {
	parent, _ := f.parentID()
	in := models.SectionInput{ID: id, Version: f.Version, Slug: f.Slug, Position: position, ParentID: parent, Names: map[string]string{}}
	had := map[string]bool{}
	if editing != nil {
		for _, n := range editing.Names {
			had[n.Locale] = true
		}
	}
	for code, name := range f.Names {
		if name = strings.TrimSpace(name); name != "" || had[code] {
			in.Names[code] = name
		}
	}
	return in
}

// storeErrors puts the store's refusals beside the fields they concern,
// in the user's language.
func (f sectionForm) storeErrors(l i18n.Localizer, err error) map[string]string {
	return refusals(l, err, "")
}

// sectionFormProps builds the form's view; editing is nil for a new section.
func sectionFormProps(l i18n.Localizer, locales locale.Set, tree sectionTree, f sectionForm, errs map[string]string, editing *models.Section) views.SectionFormProps {
	p := views.SectionFormProps{
		Action: "/admin/sections", TestID: "new-section-form", Submit: l.T("common.create"),
		Slug: views.Field{Name: "slug", Label: l.T("sections.slug"), Value: f.Slug, Dir: "ltr", Required: true,
			Autocomplete: "off", Help: l.T("sections.slug_help"), Error: errs["slug"]},
		ParentError: errs["parent_id"], ParentHelp: l.T("sections.parent_help"),
	}
	var skip map[uint]bool
	if editing != nil {
		p.Action, p.TestID, p.Submit, p.Version = "/admin/sections/"+strconv.FormatUint(uint64(editing.ID), 10), "section-edit-form", l.T("common.save"), f.Version
		skip = tree.subtree(editing.ID)
	}
	p.Parents = tree.options(l, locales, skip)
	if parent, _ := f.parentID(); parent != nil {
		p.ParentID = *parent
	}
	for i, loc := range locales.All() {
		field := views.Field{Name: "names." + loc.Code, Label: l.T("sections.name_label", "language", loc.Name), Value: f.Names[loc.Code],
			Lang: loc.Code, Dir: loc.Dir, Autocomplete: "off", Error: errs["names."+loc.Code]}
		if i == 0 {
			field.Required, field.Help = true, l.T("sections.default_name_help")
		}
		p.Names = append(p.Names, field)
	}
	if len(errs) > 0 {
		p.Notice = l.T("common.form_errors")
	}
	return p
}
