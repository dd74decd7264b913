package admin

import (
	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// loadSection finds the section named by the :id parameter. It answers the
// request itself (404 or 500) and returns nil when there is none.
func (a *Admin) loadSection(c *gin.Context) *models.Section {
	return loadByID(a, c, a.store.FindSection)
}

// sectionTree is every section in display order: each parent followed by
// its children, siblings in position order.
type sectionTree struct {
	nodes []sectionNode
	byID  map[uint]int
}

type sectionNode struct {
	models.Section
	Depth       int
	First, Last bool
}

// newSectionTree orders sections (as ListSections returns them, by
// position) into a tree. A section whose parent is missing is shown at the
// top level rather than lost.
func newSectionTree(sections []models.Section) sectionTree {
	known := make(map[uint]bool, len(sections))
	for _, s := range sections {
		known[s.ID] = true
	}
	children := map[uint][]models.Section{}
	for _, s := range sections {
		parent := uint(0)
		if s.ParentID != nil && known[*s.ParentID] {
			parent = *s.ParentID
		}
		children[parent] = append(children[parent], s)
	}
	t := sectionTree{byID: make(map[uint]int, len(sections))}
	var walk func(parent uint, depth int)
	walk = func(parent uint, depth int) {
		kids := children[parent]
		for i, s := range kids {
			if _, seen := t.byID[s.ID]; seen {
				continue
			}
			t.byID[s.ID] = len(t.nodes)
			t.nodes = append(t.nodes, sectionNode{Section: s, Depth: depth, First: i == 0, Last: i == len(kids)-1})
			walk(s.ID, depth+1)
		}
	}
	walk(0, 0)
	return t
}

// find returns the section with id, if it is in the tree.
func (t sectionTree) find(id uint) (models.Section, bool) {
	i, ok := t.byID[id]
	if !ok {
		return models.Section{}, false
	}
	return t.nodes[i].Section, true
}

// subtree returns id and the ids of all its descendants.
func (t sectionTree) subtree(id uint) map[uint]bool {
	out := map[uint]bool{id: true}
	i, ok := t.byID[id]
	if !ok {
		return out
	}
	// Descendants directly follow a node, deeper than it.
	for _, n := range t.nodes[i+1:] {
		if n.Depth <= t.nodes[i].Depth {
			break
		}
		out[n.ID] = true
	}
	return out
}

// options offers every section except those in skip, for a select.
func (t sectionTree) options(l i18n.Localizer, locales locale.Set, skip map[uint]bool) []views.SectionTreeOption {
	var out []views.SectionTreeOption
	for _, n := range t.nodes {
		if !skip[n.ID] {
			out = append(out, views.SectionTreeOption{ID: n.ID, Depth: n.Depth, Name: sectionLabel(l, locales, n.Section)})
		}
	}
	return out
}

// sectionLabel names a section for the admin's user: in their interface
// language when the section has a name there, else in the site's default
// language, else by its slug.
func sectionLabel(l i18n.Localizer, locales locale.Set, s models.Section) views.SectionText {
	for _, code := range []string{l.Code, locales.Default().Code} {
		if loc, ok := locales.Get(code); ok && s.Name(code) != "" {
			return views.SectionText{Text: s.Name(code), Lang: loc.Code, Dir: loc.Dir}
		}
	}
	// A slug is Latin text in no particular language.
	return views.SectionText{Text: s.Slug, Dir: "ltr"}
}

// sectionColumns are the content languages as table columns and fields.
func sectionColumns(locales locale.Set) []views.SectionLocale {
	var out []views.SectionLocale
	for _, loc := range locales.All() {
		out = append(out, views.SectionLocale{Code: loc.Code, Name: loc.Name, Dir: loc.Dir})
	}
	return out
}
