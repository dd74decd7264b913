package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// preflightHeaders are the request headers a preflight allows: those that
// browsers' fetch wrappers and HTTP caches commonly add (jQuery and Axios
// send X-Requested-With; revalidating clients send the conditional
// headers). Authorization is absent: the API has no credentials.
var preflightHeaders = []string{
	"Accept", "Accept-Language", "Content-Language", "Content-Type", "X-Requested-With",
	"If-None-Match", "If-Modified-Since", "Cache-Control", "Pragma",
}

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
		// Lets the allowed sites' Resource Timing see how long the API
		// took, which is what a frontend measures its pages with.
		h.Set("Timing-Allow-Origin", allow)
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
	h.Set("Access-Control-Allow-Headers", strings.Join(preflightHeaders, ", "))
	h.Set("Access-Control-Max-Age", "86400")
	c.AbortWithStatus(http.StatusNoContent)
	return true
}
