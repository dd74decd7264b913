package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/writehealth"
	"github.com/payvand/payvand/models"
)

// Error is an API error as frontends receive it:
// {"error":{"code":…,"message":…,"details":{…}}}.
type Error struct {
	Status  int            `json:"-"`
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

func errNotFound() *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", Message: "No public content was found at this address.", Details: map[string]any{}}
}

func errInvalidParameter(name, message string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid_parameter", Message: message, Details: map[string]any{"parameter": name}}
}

func errUnknownLocale(codes []string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "unknown_locale", Message: "This site has no content in that language.", Details: map[string]any{"locales": codes}}
}

func errNotTranslated(locales []string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_translated", Message: "This article is not published in that language.", Details: map[string]any{"locales": locales}}
}

// writesFailingRetry is the Retry-After of an unavailable answer: the time
// a failed write keeps the server's writes marked failing.
var writesFailingRetry = strconv.Itoa(int(writehealth.Window / time.Second))

// errUnavailable refuses a request that would need a write while writes
// are failing; reason is the write health's, for example "database or disk
// is full".
func errUnavailable(reason string) *Error {
	return &Error{Status: http.StatusServiceUnavailable, Code: "unavailable",
		Message: "The server cannot store anything right now; try again later.", Details: map[string]any{"reason": reason}}
}

// fail answers the request with err: an *Error as it is, a model error as
// its API equivalent, anything else as a logged 500 with no internals shown.
func (a *API) fail(c *gin.Context, err error) {
	var apiErr *Error
	var notTranslated *models.NotTranslatedError
	var moved *slugMoved
	switch {
	case errors.As(err, &moved):
		a.redirectMoved(c, moved)
		return
	case errors.As(err, &apiErr):
	case errors.As(err, &notTranslated):
		apiErr = errNotTranslated(notTranslated.Locales)
	case errors.Is(err, models.ErrNotFound):
		apiErr = errNotFound()
	default:
		a.log.ErrorContext(c.Request.Context(), "api request failed", "path", c.Request.URL.Path, "err", err)
		apiErr = &Error{Status: http.StatusInternalServerError, Code: "internal", Message: "Something went wrong on the server; it has been logged.", Details: map[string]any{}}
	}
	if apiErr.Status == http.StatusServiceUnavailable {
		c.Header("Retry-After", writesFailingRetry)
	}
	a.writeJSON(c, apiErr.Status, gin.H{"error": apiErr})
}
