package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/writehealth"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// writeRetryAfter is the Retry-After of an answer to a refused write: the
// time a failure keeps the server's writes marked failing.
var writeRetryAfter = strconv.Itoa(int(writehealth.Window.Seconds()))

// writeRefused reports whether err is a write the storage refused (a full
// disk or database, an I/O error), as opposed to one the input caused.
func writeRefused(err error) bool { return errors.Is(err, models.ErrWriteFailed) }

// storageMessage says in the user's language why nothing was saved.
func storageMessage(l i18n.Localizer, err error) string {
	if models.IsStorageFull(err) {
		return l.T("storage.full.body")
	}
	return l.T("storage.failed.body")
}

// refusedWrite prepares the 503 answer of a form whose save the storage
// refused; the caller re-renders the form with what was typed.
func (a *Admin) refusedWrite(c *gin.Context, err error) {
	a.log.Error("admin save refused by the storage", "path", c.Request.URL.Path, "err", err)
	c.Header("Retry-After", writeRetryAfter)
}

// withWriteBanner adds the page's banner slot, as it stands now, to an htmx
// answer: the banner shows the moment a save is refused for a full disk and
// goes with the first save that succeeds.
func withWriteBanner(page views.Page, fragment templ.Component) templ.Component {
	return templ.Join(fragment, views.WriteBannerOOB(page.WritesFailing))
}

// writeFailed answers a request whose write the storage refused when there
// is no form to give back. An htmx request gets the banner, put in the
// page's banner slot so nothing on the page is replaced; a plain one a page
// that says why.
func (a *Admin) writeFailed(c *gin.Context, err error) {
	a.refusedWrite(c, err)
	l := a.localizer(c)
	if isHtmx(c) {
		msg := l.T("storage.banner")
		if !models.IsStorageFull(err) {
			msg = storageMessage(l, err)
		}
		c.Header("HX-Retarget", "#"+views.WriteHealthID)
		c.Header("HX-Reswap", "innerHTML")
		a.render(c, http.StatusServiceUnavailable, views.WriteBanner(msg))
		return
	}
	p := a.page(c, "storage.full.title", "")
	a.render(c, http.StatusServiceUnavailable, views.ErrorPage(p, p.L.T("storage.full.title"), storageMessage(l, err)))
}
