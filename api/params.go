package api

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/recordid"
	"github.com/payvand/payvand/models"
)

// Limits of the list endpoints.
const (
	defaultLimit = 20
	maxLimit     = 100
)

// parseID reads an article id from the path (see recordid.Parse). Anything that
// is not one cannot name an article, so it is simply not found rather than
// a malformed request.
func parseID(raw string) (uint, bool) {
	return recordid.Parse(raw)
}

// parseLimit reads the page size: absent means the default, anything else
// must be an integer from 1 to 100.
func parseLimit(raw string, present bool) (int, error) {
	return parseLimitUpTo(raw, present, defaultLimit, maxLimit)
}

// parseLimitUpTo reads a page size from 1 to most, def when absent.
func parseLimitUpTo(raw string, present bool, def, most int) (int, error) {
	if !present {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > most {
		return 0, errInvalidParameter("limit", fmt.Sprintf("limit must be a whole number from 1 to %d.", most))
	}
	return n, nil
}

// parseExclude reads the ids of the articles to leave out of a list: the
// parameter may repeat, up to models.MaxExclude times.
func parseExclude(raw []string) ([]uint, error) {
	if len(raw) > models.MaxExclude {
		return nil, errInvalidParameter("exclude", fmt.Sprintf("exclude may name at most %d articles.", models.MaxExclude))
	}
	ids := make([]uint, 0, len(raw))
	for _, r := range raw {
		id, ok := parseID(r)
		if !ok {
			return nil, errInvalidParameter("exclude", "exclude must be an article id, a positive whole number.")
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// parseTimeBound reads published_after or published_before, an RFC 3339
// time; absent is the zero time, which does not bound.
func parseTimeBound(name, raw string, present bool) (time.Time, error) {
	if !present {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, errInvalidParameter(name, name+" must be an RFC 3339 time, such as 2026-12-01T00:00:00Z.")
	}
	return t, nil
}

// parseSubsections reads subsections: true (the default) lists a section
// with its subsections, false the section on its own.
func parseSubsections(raw string, present bool) (bool, error) {
	switch {
	case !present || raw == "true":
		return true, nil
	case raw == "false":
		return false, nil
	}
	return false, errInvalidParameter("subsections", `subsections must be "true" or "false".`)
}

// parseFeatured reads featured: true lists the featured stories, false
// (the default) the newest-first list.
func parseFeatured(raw string, present bool) (bool, error) {
	switch {
	case !present || raw == "false":
		return false, nil
	case raw == "true":
		return true, nil
	}
	return false, errInvalidParameter("featured", `featured must be "true" or "false".`)
}

// searchSortDate is sort=date on search: newest first instead of best match.
const searchSortDate = "date"

// parseSearchSort reads search's sort: "relevance" (the default) or "date".
func parseSearchSort(raw string, present bool) (byDate bool, err error) {
	switch {
	case !present || raw == "relevance":
		return false, nil
	case raw == searchSortDate:
		return true, nil
	}
	return false, errInvalidParameter("sort", `sort must be "relevance" or "date".`)
}

// cursorPrefix versions the cursor format, so it can change without old
// cursors being misread.
const cursorPrefix = "v1."

// encodeCursor makes the opaque next_cursor value for a list position.
func encodeCursor(c *models.Cursor) *string {
	if c == nil {
		return nil
	}
	return sealCursor(cursorPrefix, c.PublishedAt, int64(c.ID))
}

// decodeCursor reads a cursor made by encodeCursor.
func decodeCursor(s string, present bool) (*models.Cursor, error) {
	if !present {
		return nil, nil
	}
	bad := errInvalidParameter("cursor", "cursor is not a value this API gave out; start again from the first page.")
	parts, ok := openCursor(s, cursorPrefix, 2)
	if !ok {
		return nil, bad
	}
	// Publication times before 1970 are negative: archives reach back
	// decades, and each of their positions must be one the API accepts.
	at, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return nil, bad
	}
	n, ok := parseID(parts[1])
	if !ok {
		return nil, bad
	}
	return &models.Cursor{PublishedAt: at, ID: n}, nil
}

// readQuery parses the request's query string; a malformed one is a 400.
// url.Values from Request.URL.Query() would silently drop what it cannot
// parse.
func readQuery(c *gin.Context) (url.Values, error) {
	query, err := url.ParseQuery(c.Request.URL.RawQuery)
	if err != nil {
		return nil, errInvalidParameter("query", "The query string is malformed: check its percent-encoding.")
	}
	return query, nil
}

// sectionFilter resolves the optional section parameter to an id, 0 for
// none; an unknown slug is not found, an old one a redirect to the same
// list with the section's current slug.
func (a *API) sectionFilter(c *gin.Context, query url.Values) (uint, error) {
	if !query.Has("section") {
		return 0, nil
	}
	sec, err := a.store.FindSectionBySlug(c.Request.Context(), query.Get("section"))
	if err != nil {
		return 0, movedTo(err, sameListWith(c, query, "section"))
	}
	return sec.ID, nil
}

// Limits of the change feed: a poller catching up reads more per request.
const (
	defaultChangesLimit = 100
	maxChangesLimit     = 1000
)

// parseChangesLimit reads the change feed's page size: absent means 100,
// anything else must be an integer from 1 to 1000.
func parseChangesLimit(raw string, present bool) (int, error) {
	return parseLimitUpTo(raw, present, defaultChangesLimit, maxChangesLimit)
}

// changesCursorPrefix versions the change feed's cursor, "c1." and an
// event position: opaque to clients, stable across restarts.
const changesCursorPrefix = "c1."

// changesSince is where the since parameter points.
type changesSince struct {
	// now asks for no events, only the current position.
	now bool
	// after is the position after which the feed continues; absent
	// starts at the oldest retained event.
	after   int64
	present bool
}

// encodeChangesCursor makes the change feed's cursor for a position.
func encodeChangesCursor(position int64) string {
	return changesCursorPrefix + strconv.FormatInt(position, 10)
}

// parseChangesSince reads since: absent, "now", or a cursor the feed gave
// out. Anything else is a 400: it was never a cursor, so "start again"
// (410) would be the wrong advice.
func parseChangesSince(raw string, present bool) (changesSince, error) {
	switch {
	case !present:
		return changesSince{}, nil
	case raw == "now":
		return changesSince{now: true, present: true}, nil
	}
	bad := errInvalidParameter("since", `since must be "now" or a next_cursor this feed gave out.`)
	digits, ok := strings.CutPrefix(raw, changesCursorPrefix)
	if !ok || len(digits) == 0 || len(digits) > 18 || strings.TrimLeft(digits, "0123456789") != "" {
		return changesSince{}, bad
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return changesSince{}, bad
	}
	return changesSince{after: n, present: true}, nil
}

// listOrder is the order a list asks for with sort and period.
type listOrder struct {
	mostRead bool
	period   models.Period
}

// periods maps the period parameter's values to their length.
var periods = map[string]models.Period{"day": models.PeriodDay, "week": models.PeriodWeek, "month": models.PeriodMonth}

// parseListOrder reads sort (newest by default, or most_read) and period
// (week by default; only with most_read). A value the API does not know is
// a 400, so a typo never silently answers another order.
func parseListOrder(query url.Values) (listOrder, error) {
	order := listOrder{period: models.PeriodWeek}
	switch sort := query.Get("sort"); {
	case !query.Has("sort") || sort == "newest":
	case sort == "most_read":
		order.mostRead = true
	default:
		return order, errInvalidParameter("sort", `sort must be "newest" or "most_read".`)
	}
	if !query.Has("period") {
		return order, nil
	}
	p, ok := periods[query.Get("period")]
	if !ok || !order.mostRead {
		return order, errInvalidParameter("period", `period must be "day", "week" or "month", with sort=most_read.`)
	}
	order.period = p
	return order, nil
}

// mostReadCursorPrefix versions the most-read cursor: the last item's
// period views, publication time and id.
const mostReadCursorPrefix = "m1."

func encodeMostReadCursor(c *models.MostReadCursor) *string {
	if c == nil {
		return nil
	}
	return sealCursor(mostReadCursorPrefix, c.Views, c.PublishedAt, int64(c.ID))
}

func decodeMostReadCursor(s string, present bool) (*models.MostReadCursor, error) {
	if !present {
		return nil, nil
	}
	bad := errInvalidParameter("cursor", "cursor is not a value this API gave out; start again from the first page.")
	parts, ok := openCursor(s, mostReadCursorPrefix, 3)
	if !ok {
		return nil, bad
	}
	views, err1 := strconv.ParseInt(parts[0], 10, 64)
	at, err2 := strconv.ParseInt(parts[1], 10, 64)
	id, ok := parseID(parts[2])
	if err1 != nil || err2 != nil || !ok || views < 0 {
		return nil, bad
	}
	return &models.MostReadCursor{Views: views, PublishedAt: at, ID: id}, nil
}
