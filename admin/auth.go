package admin

import (
	"errors"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

var timeZero time.Time

// ctxUser is the gin context key of the signed-in user.
const ctxUser = "payvand.user"

// loadUser finds the signed-in user of the session. A session whose user was
// deactivated, or whose session version is old (password reset, sign-out
// everywhere), is destroyed: that is how those actions end sessions on every
// instance at once.
func (a *Admin) loadUser(c *gin.Context) {
	ctx := c.Request.Context()
	id := a.sessions.GetInt(ctx, keyUserID)
	if id == 0 {
		return
	}
	user, err := a.store.FindUser(ctx, uint(id))
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		a.fail(c, err)
		return
	}
	if err != nil || !user.Active || user.SessionVersion != a.sessions.GetInt(ctx, keySessionVersion) {
		if err := a.sessions.Destroy(ctx); err != nil {
			a.fail(c, err)
		}
		return
	}
	c.Set(ctxUser, user)
}

// currentUser returns the signed-in user, or nil.
func currentUser(c *gin.Context) *models.User {
	if u, ok := c.Get(ctxUser); ok {
		return u.(*models.User)
	}
	return nil
}

// requireUser sends visitors who are not signed in to the sign-in page,
// remembering where they wanted to go.
func (a *Admin) requireUser(c *gin.Context) {
	if currentUser(c) != nil {
		return
	}
	if c.Request.Method != http.MethodGet {
		a.forbidden(c)
		return
	}
	target := "/admin/login"
	if next := c.Request.URL.RequestURI(); next != "/admin" {
		target += "?next=" + url.QueryEscape(next)
	}
	c.Redirect(http.StatusSeeOther, target)
	c.Abort()
}

// requireRole refuses users without the role with a 403 page, for direct
// POSTs as much as for pages.
func (a *Admin) requireRole(role models.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		if u := currentUser(c); u == nil || u.Role != role {
			a.forbidden(c)
		}
	}
}

// safeNext returns next when it is a path inside /admin, else /admin: the
// sign-in page must never send anyone to another site.
func safeNext(next string) string {
	if next == "" || strings.ContainsAny(next, "\\\r\n\t") {
		return "/admin"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(next, "//") {
		return "/admin"
	}
	// The decoded path must already be clean: "/admin/%2e%2e/x" decodes to
	// a dot segment that browsers resolve outside /admin.
	if p := u.Path; path.Clean(p) != p || (p != "/admin" && !strings.HasPrefix(p, "/admin/")) {
		return "/admin"
	}
	clean := u.EscapedPath()
	if u.RawQuery != "" {
		clean += "?" + u.RawQuery
	}
	return clean
}
