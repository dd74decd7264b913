package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/views"
)

func (a *Admin) sectionsPage(c *gin.Context) {
	tree, ok := a.loadSectionTree(c)
	if !ok {
		return
	}
	a.renderSections(c, http.StatusOK, tree, sectionForm{}, nil)
}

// loadSectionTree reads every section. It answers the request itself on
// failure and then returns false.
func (a *Admin) loadSectionTree(c *gin.Context) (sectionTree, bool) {
	sections, err := a.store.ListSections(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return sectionTree{}, false
	}
	return newSectionTree(sections), true
}

// renderSections shows the table and the new-section form, filled with
// form and the messages in errs when a creation was refused.
func (a *Admin) renderSections(c *gin.Context, status int, tree sectionTree, form sectionForm, errs map[string]string) {
	counts, err := a.store.CountArticlesBySection(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	page := a.page(c, "sections.title", "sections")
	locales := a.store.Locales()
	props := views.SectionsProps{Page: page, Columns: sectionColumns(locales),
		New: sectionFormProps(page.L, locales, tree, form, errs, nil)}
	for _, n := range tree.nodes {
		row := views.SectionTreeRow{ID: n.ID, Slug: n.Slug, Depth: n.Depth, Label: sectionLabel(page.L, locales, n.Section).Text,
			Articles: counts[n.ID], First: n.First, Last: n.Last}
		for _, loc := range locales.All() {
			row.Names = append(row.Names, views.SectionText{Text: n.Name(loc.Code), Lang: loc.Code, Dir: loc.Dir})
		}
		props.Rows = append(props.Rows, row)
	}
	a.render(c, status, views.Sections(props))
}
