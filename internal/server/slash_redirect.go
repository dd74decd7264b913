package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// adminSlashRedirect sends a GET or HEAD of an admin page typed with a
// trailing slash (/admin/, /admin/media/) to the page without it, as Gin's
// trailing-slash redirect did before it was turned off for the API's sake.
// It redirects only to a route that exists, so an unknown path still gets
// the admin's 404 page. It reports whether it answered.
func adminSlashRedirect(r *gin.Engine, c *gin.Context) bool {
	path := c.Request.URL.Path
	method := c.Request.Method
	if (method != http.MethodGet && method != http.MethodHead) || !strings.HasSuffix(path, "/") || path == "/" {
		return false
	}
	target := strings.TrimSuffix(path, "/")
	for _, route := range r.Routes() {
		if route.Method == method && routeMatches(route.Path, target) {
			c.Redirect(http.StatusMovedPermanently, target)
			c.Abort()
			return true
		}
	}
	return false
}

// routeMatches reports whether path is one the route pattern serves:
// ":name" matches one non-empty segment, "*name" the rest of the path.
func routeMatches(pattern, path string) bool {
	ps, ss := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, p := range ps {
		if strings.HasPrefix(p, "*") {
			return i < len(ss)
		}
		if i >= len(ss) {
			return false
		}
		if strings.HasPrefix(p, ":") {
			if ss[i] == "" {
				return false
			}
			continue
		}
		if p != ss[i] {
			return false
		}
	}
	return len(ps) == len(ss)
}
