package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// fail answers a request that cannot go on because of err, as the API's
// fail does: models.ErrNotFound (however wrapped) is the not-found page, a
// write the storage refused says so (writeFailed), and anything else is
// logged and shown as a page that reveals nothing of it. A handler's own
// answers (a form back with messages, a conflict view) come before it:
// fail is for what is left.
func (a *Admin) fail(c *gin.Context, err error) {
	switch {
	case errors.Is(err, models.ErrNotFound):
		a.notFound(c)
	case writeRefused(err):
		a.writeFailed(c, err)
	default:
		a.log.Error("admin request failed", "path", c.Request.URL.Path, "err", err)
		a.errorPage(c, http.StatusInternalServerError, "error.internal.title", "error.internal.body")
	}
}

// notFound answers with the admin's 404 page: what the address names does
// not exist (or is in the trash).
func (a *Admin) notFound(c *gin.Context) {
	a.errorPage(c, http.StatusNotFound, "error.notfound.title", "error.notfound.body")
}

// forbidden answers with the 403 page, naming the user's role.
func (a *Admin) forbidden(c *gin.Context) {
	role := "—"
	if u := currentUser(c); u != nil {
		role = a.localizer(c).T("role." + string(u.Role))
	}
	a.errorPage(c, http.StatusForbidden, "error.forbidden.title", "error.forbidden.body", "role", role)
}

// csrfFailed answers a state-changing request that failed the CSRF check.
func (a *Admin) csrfFailed(c *gin.Context) {
	a.errorPage(c, http.StatusForbidden, "error.csrf.title", "error.csrf.body")
}

// errorPage renders the error page with a translated title and body.
func (a *Admin) errorPage(c *gin.Context, status int, titleKey, bodyKey string, args ...any) {
	p := a.page(c, titleKey, "")
	a.render(c, status, views.ErrorPage(p, p.L.T(titleKey), p.L.T(bodyKey, args...)))
}

// failed answers the request through fail when err is not nil, and reports
// whether it did: for a handler whose store call leaves nothing else to
// answer.
func (a *Admin) failed(c *gin.Context, err error) bool {
	if err != nil {
		a.fail(c, err)
		return true
	}
	return false
}
