package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// articleList shows the article list: every article, most recently updated
// first, filtered by the address's query and paginated, for every
// signed-in user.
func (a *Admin) articleList(c *gin.Context) {
	props, err := a.articleListProps(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.renderArticleList(c, http.StatusOK, props)
}

// renderArticleList answers with the whole list page, or with its results
// alone when htmx asked to swap them.
func (a *Admin) renderArticleList(c *gin.Context, status int, props views.ArticleListProps) {
	if isHtmx(c) && c.GetHeader("HX-Target") == "article-results" {
		a.render(c, status, views.ArticleResults(props))
		return
	}
	a.render(c, status, views.ArticleList(props))
}

// articleListProps reads the list's filters from the address and loads the
// page they select.
func (a *Admin) articleListProps(c *gin.Context) (views.ArticleListProps, error) {
	ctx := c.Request.Context()
	sections, err := a.store.ListSections(ctx)
	if err != nil {
		return views.ArticleListProps{}, err
	}
	locales := a.store.Locales()
	f := parseArticleFilter(c, sections, locales)
	list, err := a.store.ListAdminArticles(ctx, f.query())
	if err != nil {
		return views.ArticleListProps{}, err
	}
	p := a.page(c, "articles.list.title", "articles")
	props := views.ArticleListProps{
		Page: p, Filter: f.ArticleFilter, Sections: sectionOptions(sections, a.namingLocales(p.L)),
		Total: list.Total, PageNum: list.Page, Pages: list.Pages(),
	}
	for _, l := range locales.All() {
		props.Locales = append(props.Locales, views.LocaleOption{Code: l.Code, Name: l.Name, Dir: l.Dir})
	}
	for _, row := range list.Rows {
		props.Rows = append(props.Rows, a.articleRow(row, locales, p.L))
	}
	if list.Page > 1 {
		props.PrevURL = f.url(list.Page - 1)
	}
	if list.Page < list.Pages() {
		props.NextURL = f.url(list.Page + 1)
	}
	props.Bulk, err = a.bulkFormProps(ctx, p.L, f.url(list.Page))
	return props, err
}

// articleRow is one row as the list shows it: the title in the first
// locale that has one, the section named as namingLocale says, a badge per
// locale and the date in the interface language.
func (a *Admin) articleRow(row models.AdminArticleRow, locales locale.Set, l i18n.Localizer) views.ArticleRow {
	r := views.ArticleRow{
		ID: row.ID, Section: sectionOption(row.Section, a.namingLocales(l), 0), Stamp: listedStamp(row.ID, row.UpdatedAt),
		Updated: l.DateTime(row.UpdatedAt, a.tz), UpdatedISO: row.UpdatedAt.UTC().Format(time.RFC3339),
		Pin: views.PinCellProps{ArticleID: row.ID},
	}
	if row.Pin != nil {
		r.Pin.Pinned, r.Pin.Position = true, strconv.Itoa(row.Pin.Position)
		if until := row.Pin.Until(); until != nil {
			r.Pin.Until = l.DateTime(*until, a.tz)
		}
	}
	titles := make(map[string]string, len(row.Locales))
	for _, st := range row.Locales {
		r.States = append(r.States, views.LocaleBadge{Locale: st.Locale, State: string(st.State), Outdated: st.Outdated})
		titles[st.Locale] = st.Title
	}
	// The view writes "Untitled article N" itself when no title is set.
	title, other := articleTitles(l, locales, row.ID, titles)
	if titles[title.Lang] == title.Text {
		r.Title, r.TitleLang, r.TitleDir, r.OtherTitle = title.Text, title.Lang, title.Dir, other
	}
	return r
}

// sectionOptions lists the sections in tree order: each section followed
// by its subsections, siblings in their position order.
func sectionOptions(sections []models.Section, prefer []locale.Locale) []views.SectionOption {
	tree := newSectionTree(sections)
	out := make([]views.SectionOption, len(tree.nodes))
	for i, n := range tree.nodes {
		out[i] = sectionOption(n.Section, prefer, n.Depth)
	}
	return out
}

// sectionOption names a section in the default content locale, or by its
// slug when it has no name there.
func sectionOption(s models.Section, prefer []locale.Locale, depth int) views.SectionOption {
	for _, loc := range prefer {
		if name := s.Name(loc.Code); name != "" {
			return views.SectionOption{ID: s.ID, Name: name, Lang: loc.Code, Dir: loc.Dir, Depth: depth}
		}
	}
	return views.SectionOption{ID: s.ID, Name: s.Slug, Dir: "auto", Depth: depth}
}
