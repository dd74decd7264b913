package api

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/media"
)

// serveMedia serves stored pictures. Their names are content hashes, so a
// file never changes and may be cached for a year.
func (a *API) serveMedia(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("path"), "/")
	ctype, ok := media.TypeOf(name)
	if !ok || a.media == nil {
		c.Status(http.StatusNotFound)
		return
	}
	f, err := a.media.Open(c.Request.Context(), name)
	// A path no store can hold is a request for nothing, not a store
	// failure: answering it 503 would make CDNs retry it.
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, media.ErrInvalidPath) {
		c.Status(http.StatusNotFound)
		return
	}
	if err != nil {
		// The store failed (a bucket unreachable, a disk error): a 404
		// would be cached by browsers and CDNs for a picture that exists.
		a.log.Warn("open media file", "path", name, "err", err)
		c.Header("Cache-Control", "no-store")
		c.Header("Retry-After", "5")
		c.Status(http.StatusServiceUnavailable)
		return
	}
	defer f.Close()
	h := c.Writer.Header()
	h.Set("Content-Type", ctype)
	// The name holds the hash of the bytes, so it is a strong validator;
	// ServeContent then answers If-None-Match and If-Range with it.
	h.Set("ETag", `"`+path.Base(name)+`"`)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Access-Control-Allow-Origin", "*")
	if rs, ok := f.(io.ReadSeeker); ok {
		http.ServeContent(c.Writer, c.Request, "", time.Time{}, rs)
		return
	}
	_, _ = io.Copy(c.Writer, f)
}
