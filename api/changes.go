package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// changesPage is the change feed's answer. NextCursor is never empty: a
// poller always has somewhere to resume.
type changesPage struct {
	Data       []models.Event `json:"data"`
	NextCursor string         `json:"next_cursor"`
}

func errCursorExpired() *Error {
	return &Error{Status: http.StatusGone, Code: "cursor_expired",
		Message: "This cursor points to events this feed no longer holds; read again without since and rebuild what you keep.", Details: map[string]any{"parameter": "since"}}
}

// listChanges serves GET /api/v1/changes: the events after since, in
// commit order. It bypasses the response cache (every poll must see the
// newest commits) and answers no-store.
func (a *API) listChanges(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	query, err := readQuery(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	limit, err := parseChangesLimit(query.Get("limit"), query.Has("limit"))
	if err != nil {
		a.fail(c, err)
		return
	}
	since, err := parseChangesSince(query.Get("since"), query.Has("since"))
	if err != nil {
		a.fail(c, err)
		return
	}
	if since.now {
		limit = 0
	}
	page, err := a.store.ListChanges(c.Request.Context(), since.after, limit)
	if err != nil {
		a.fail(c, err)
		return
	}
	if since.now {
		a.writeJSON(c, http.StatusOK, changesPage{Data: []models.Event{}, NextCursor: encodeChangesCursor(page.HighWater)})
		return
	}
	if since.present && cursorExpired(since.after, page) {
		a.fail(c, errCursorExpired())
		return
	}
	next := since.after
	if n := len(page.Events); n > 0 {
		next = page.Events[n-1].Position
	} else if !since.present {
		next = page.HighWater
	}
	if page.Events == nil {
		page.Events = []models.Event{}
	}
	a.writeJSON(c, http.StatusOK, changesPage{Data: page.Events, NextCursor: encodeChangesCursor(next)})
}

// cursorExpired reports whether events after position were pruned, or the
// position is beyond every position this database has committed. The
// second happens when the database was restored from an older backup: the
// poller's state is ahead of the content, and starting again (410) is the
// right advice there too.
func cursorExpired(position int64, page models.ChangePage) bool {
	if position > page.HighWater {
		return true
	}
	if page.Oldest == 0 {
		return position < page.HighWater // every event after it was pruned
	}
	return position < page.Oldest-1
}
