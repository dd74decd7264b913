package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
)

// maxSearchChars bounds a search query, in characters after trimming.
const maxSearchChars = 200

// searchPage is the body of a search response.
type searchPage struct {
	Data       []publicjson.SearchHit `json:"data"`
	NextCursor *string                `json:"next_cursor"`
	// Total counts every public match, on all pages.
	Total int64 `json:"total"`
}

func (a *API) search(c *gin.Context) {
	q, err := a.searchQuery(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	hits, next, err := a.store.SearchPublic(c.Request.Context(), q)
	var total int64
	if err == nil {
		total, err = a.store.CountPublicSearch(c.Request.Context(), q)
	}
	if errors.Is(err, models.ErrEmptySearch) {
		err = errInvalidParameter("q", "q must contain at least one word.")
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	data := make([]publicjson.SearchHit, len(hits))
	for i, h := range hits {
		data[i] = publicjson.SearchHit{Summary: a.json.Summary(h.Article), Snippet: h.Snippet}
	}
	a.writeJSON(c, http.StatusOK, searchPage{Data: data, NextCursor: encodeSearchCursor(next, q.ByDate), Total: total})
}

// searchQuery reads the search parameters; each malformed one is a 400
// naming it.
func (a *API) searchQuery(c *gin.Context) (models.SearchQuery, error) {
	q := models.SearchQuery{Locale: c.Param("locale")}
	query, err := readQuery(c)
	if err != nil {
		return q, err
	}
	q.Text = strings.TrimSpace(query.Get("q"))
	if q.Text == "" || !utf8.ValidString(q.Text) {
		return q, errInvalidParameter("q", "q must contain at least one word.")
	}
	if utf8.RuneCountInString(q.Text) > maxSearchChars {
		return q, errInvalidParameter("q", fmt.Sprintf("q must be at most %d characters.", maxSearchChars))
	}
	if q.Limit, err = parseLimit(query.Get("limit"), query.Has("limit")); err != nil {
		return q, err
	}
	if q.ByDate, err = parseSearchSort(query.Get("sort"), query.Has("sort")); err != nil {
		return q, err
	}
	if q.After, err = decodeSearchCursor(query.Get("cursor"), query.Has("cursor"), q.ByDate); err != nil {
		return q, err
	}
	q.SectionID, err = a.sectionFilter(c, query)
	return q, err
}

// searchCursorPrefix versions the search cursor, which is an offset:
// ranked results have no stable keyset. Results by date have their own
// prefix, because an offset into one order means nothing in the other: a
// cursor used with the other sort is refused rather than skipping or
// repeating results.
const (
	searchCursorPrefix     = "s1."
	searchDateCursorPrefix = "sd1."
)

func encodeSearchCursor(c *models.SearchCursor, byDate bool) *string {
	if c == nil {
		return nil
	}
	prefix := searchCursorPrefix
	if byDate {
		prefix = searchDateCursorPrefix
	}
	return sealCursor(prefix, int64(c.Offset))
}

func decodeSearchCursor(s string, present, byDate bool) (*models.SearchCursor, error) {
	if !present {
		return nil, nil
	}
	bad := errInvalidParameter("cursor", "cursor is not a value this API gave out for this sort; start again from the first page.")
	prefix := searchCursorPrefix
	if byDate {
		prefix = searchDateCursorPrefix
	}
	parts, ok := openCursor(s, prefix, 1)
	if !ok {
		return nil, bad
	}
	n, err := strconv.Atoi(parts[0])
	if err != nil || n < 1 || n > models.MaxSearchOffset {
		return nil, bad
	}
	return &models.SearchCursor{Offset: n}, nil
}
