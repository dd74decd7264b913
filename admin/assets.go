package admin

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/assets"
)

// serveAsset serves the admin's static files under /admin/assets/. A
// folder, with or without its trailing slash, answers the admin's 404 like
// any unknown address: a listing serves no page and shows everything the
// binary carries.
func (a *Admin) serveAsset() gin.HandlerFunc {
	static := http.StripPrefix("/admin/assets/", http.FileServer(http.FS(assets.Static)))
	return func(c *gin.Context) {
		name := strings.TrimPrefix(path.Clean(c.Param("path")), "/")
		if name == "" {
			name = "."
		}
		if info, err := fs.Stat(assets.Static, name); err == nil && info.IsDir() {
			a.NoRoute(c)
			return
		}
		c.Header("Cache-Control", "public, max-age=86400")
		c.Header("X-Content-Type-Options", "nosniff")
		static.ServeHTTP(c.Writer, c.Request)
	}
}
