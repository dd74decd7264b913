package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// corsPolicy lets browsers on the configured origins call the API.
type corsPolicy struct {
	any     bool
	origins []string
}

func newCORSPolicy(origins []string) corsPolicy {
	return corsPolicy{any: len(origins) == 0 || slices.Contains(origins, "*"), origins: origins}
}

// allowed returns the value for Access-Control-Allow-Origin, or "".
func (p corsPolicy) allowed(origin string) string {
	switch {
	case p.any:
		return "*"
	case origin != "" && slices.Contains(p.origins, origin):
		return origin
	}
	return ""
}

func (p corsPolicy) middleware(c *gin.Context) {
	h := c.Writer.Header()
	if !p.any {
		h.Add("Vary", "Origin")
	}
	if allow := p.allowed(c.GetHeader("Origin")); allow != "" {
		h.Set("Access-Control-Allow-Origin", allow)
		h.Set("Access-Control-Expose-Headers", "ETag, Location")
	}
}

// preflight answers the browser's OPTIONS request before a cross-origin
// call, and reports whether the request was one.
func (a *API) preflight(c *gin.Context) bool {
	if c.Request.Method != http.MethodOptions {
		return false
	}
	a.cors.middleware(c)
	h := c.Writer.Header()
	h.Set("Access-Control-Allow-Methods", strings.Join([]string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodOptions}, ", "))
	h.Set("Access-Control-Allow-Headers", "Content-Type, If-None-Match")
	h.Set("Access-Control-Max-Age", "86400")
	c.AbortWithStatus(http.StatusNoContent)
	return true
}
