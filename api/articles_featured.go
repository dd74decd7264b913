package api

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// featuredRefused are the list parameters a featured list does not take:
// it has its editors' order and is short enough for one page.
var featuredRefused = []string{"sort", "period", "cursor", "published_after", "published_before", "subsections", "tag"}

// listFeatured answers featured=true: the pinned articles public in the
// locale, in their editors' order, on one page (next_cursor is always
// null). Like every list it is a locale-scoped cached answer; a pin's end
// is a scheduled change, so a cached list drops an ended pin on time.
func (a *API) listFeatured(c *gin.Context, query url.Values) {
	for _, name := range featuredRefused {
		if query.Has(name) {
			a.fail(c, errInvalidParameter(name, name+" does not combine with featured=true."))
			return
		}
	}
	q, err := a.listQuery(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	items, total, err := a.store.ListFeaturedArticles(c.Request.Context(), q)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.writeJSON(c, http.StatusOK, listPage{Data: a.json.Summaries(items), Total: total})
}
