package api

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
)

// mostReadPage is the body of a most-read list response.
type mostReadPage struct {
	Data       []publicjson.MostReadItem `json:"data"`
	NextCursor *string                   `json:"next_cursor"`
	// Total counts every item of the list, on all its pages: a most-read
	// list reaches every public article of its section.
	Total int64 `json:"total"`
}

// listMostRead answers sort=most_read. Like every list it is a
// locale-scoped cached answer; view flushes invalidate nothing (see
// countersTx), so its order may be up to --cache-ttl old.
func (a *API) listMostRead(c *gin.Context, query url.Values, period models.Period) {
	q, err := a.mostReadQuery(c, query, period)
	if err != nil {
		a.fail(c, err)
		return
	}
	items, next, err := a.store.ListMostRead(c.Request.Context(), q)
	if err != nil {
		a.fail(c, err)
		return
	}
	total, err := a.store.CountPublicArticles(c.Request.Context(), models.ListQuery{Locale: q.Locale, SectionID: q.SectionID, TagID: q.TagID, Exclude: q.Exclude})
	if err != nil {
		a.fail(c, err)
		return
	}
	data := make([]publicjson.MostReadItem, len(items))
	for i, it := range items {
		data[i] = publicjson.MostReadItem{Summary: a.json.Summary(it.Article), PeriodViews: it.PeriodViews}
	}
	a.writeJSON(c, http.StatusOK, mostReadPage{Data: data, NextCursor: encodeMostReadCursor(next), Total: total})
}

// mostReadQuery reads the parameters a most-read list shares with the
// newest-first list; each malformed one is a 400 naming it.
func (a *API) mostReadQuery(c *gin.Context, query url.Values, period models.Period) (models.MostReadQuery, error) {
	q := models.MostReadQuery{Locale: c.Param("locale"), Period: period}
	// The newest-first filters have no meaning a most-read order honours
	// yet: refused, never silently ignored.
	for _, name := range []string{"published_after", "published_before", "subsections"} {
		if query.Has(name) {
			return q, errInvalidParameter(name, name+" does not combine with sort=most_read.")
		}
	}
	var err error
	if q.Limit, err = parseLimit(query.Get("limit"), query.Has("limit")); err != nil {
		return q, err
	}
	if q.Exclude, err = parseExclude(query["exclude"]); err != nil {
		return q, err
	}
	if q.After, err = decodeMostReadCursor(query.Get("cursor"), query.Has("cursor")); err != nil {
		return q, err
	}
	if q.SectionID, err = a.sectionFilter(c, query); err != nil {
		return q, err
	}
	q.TagID, err = a.tagFilter(c, query)
	return q, err
}
