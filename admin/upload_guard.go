package admin

import (
	"mime"
	"net/http"

	"github.com/gin-gonic/gin"
)

// uploadPath is the admin address that takes an upload's multipart body;
// replacePath, a picture's new file, and importPath, a WordPress export,
// are the only others.
const uploadPath = "/media"

// guardBody runs before anything reads a request body. A multipart body
// is bounded and left unread: checkCSRF takes an upload's token from the
// X-CSRF-Token header, requireUser and the route's role checks run next,
// and only then does readUpload parse it, so an anonymous, cross-site or
// token-less upload is refused without a byte of it spooled to disk. A
// multipart body sent anywhere else is refused at once: no other form
// sends one.
func (a *Admin) guardBody(c *gin.Context) {
	if !isMultipart(c.Request) {
		return
	}
	// A refused upload leaves its body unread; closing the connection
	// spares the server from draining it. Uploads are rare, so closing
	// after an accepted one costs nothing.
	c.Header("Connection", "close")
	switch c.FullPath() {
	case "/admin" + uploadPath, "/admin" + replacePath:
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, a.media.maxBody())
	case "/admin" + importPath:
		// A WordPress export, streamed to disk by readImportUpload.
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, a.imports.maxBytes+importFormSlack)
	default:
		a.errorPage(c, http.StatusUnsupportedMediaType, "error.multipart.title", "error.multipart.body")
	}
}

// isMultipart reports whether r's body is multipart/form-data.
func isMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}
