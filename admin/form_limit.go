package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Bounds of a form's url-encoded body. Without one, net/http stops reading
// a form at 10 MB and hands the handler an empty form, which came back as
// a refused CSRF token or an empty editor. A signed-in editor's bound sits
// far above anything the write path accepts (a 1 MiB body is at most about
// 3 MB encoded, even in Persian) so that an oversized field still reaches
// the write path and is refused beside its field: a 3,000,000-letter
// Persian title is 18 MB encoded. A visitor keeps net/http's own bound.
const (
	signedInFormBytes = 32 << 20
	visitorFormBytes  = 10 << 20
)

// limitForm reads a url-encoded body up to its bound, before checkCSRF
// reads the token from it; a larger body is refused as a whole with 413
// and a page that says so, since no field can show it.
func (a *Admin) limitForm(c *gin.Context) {
	if isMultipart(c.Request) || c.Request.Body == nil || c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		return
	}
	limit := int64(visitorFormBytes)
	if currentUser(c) != nil {
		limit = signedInFormBytes
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	var tooLarge *http.MaxBytesError
	if err := c.Request.ParseForm(); errors.As(err, &tooLarge) {
		c.Header("Connection", "close")
		a.errorPage(c, http.StatusRequestEntityTooLarge, "error.form_too_large.title", "error.form_too_large.body")
	}
}
