package admin

import (
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// articleFilter is the article list's filters and page as read from the
// address. A value that makes no sense (an unknown section, status or
// locale, a page that is not a positive number) is dropped rather than
// refused, so a stale bookmark or a hand-edited address still shows a list.
type articleFilter struct {
	views.ArticleFilter
	Page int
}

func parseArticleFilter(c *gin.Context, sections []models.Section, locales locale.Set) articleFilter {
	f := articleFilter{Page: 1}
	if id := formID(c.Query("section")); id != 0 && hasSection(sections, id) {
		f.SectionID = id
	}
	switch st := models.TranslationState(c.Query("status")); st {
	case models.StatePublished, models.StateDraft, models.StateScheduled, models.StateOutdated:
		f.Status = string(st)
	}
	if code := c.Query("missing"); locales.Has(code) {
		f.Missing = code
	}
	f.Query, f.Page = searchParam(c), pageParam(c)
	if n, err := strconv.Atoi(c.Query("per_page")); err == nil && n > 0 && n <= models.MaxAdminPerPage {
		f.PerPage = n
	}
	return f
}

func hasSection(sections []models.Section, id uint) bool {
	for _, s := range sections {
		if s.ID == id {
			return true
		}
	}
	return false
}

// query is the store query for the filter.
func (f articleFilter) query() models.AdminArticleQuery {
	return models.AdminArticleQuery{
		SectionID: f.SectionID, Status: models.TranslationState(f.Status),
		MissingLocale: f.Missing, Search: f.Query, Page: f.Page, PerPage: f.PerPage,
	}
}

// url is the list's address with the filters and the given page, so
// pagination links keep what the editor chose.
func (f articleFilter) url(page int) string {
	v := url.Values{}
	if f.SectionID != 0 {
		v.Set("section", strconv.FormatUint(uint64(f.SectionID), 10))
	}
	for key, value := range map[string]string{"status": f.Status, "missing": f.Missing, "q": f.Query} {
		if value != "" {
			v.Set(key, value)
		}
	}
	if f.PerPage != 0 {
		v.Set("per_page", strconv.Itoa(f.PerPage))
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/admin/articles"
	}
	return "/admin/articles?" + v.Encode()
}
