package admin

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"

	"github.com/gin-gonic/gin"
)

const ctxNonce = "payvand.nonce"

// securityHeaders sets a Content-Security-Policy with a fresh nonce per
// response, so only the scripts and styles the admin itself emits run. No
// inline event handlers and no eval: htmx is used without hx-on.
func (a *Admin) securityHeaders(c *gin.Context) {
	nonce := randomToken(18)
	c.Set(ctxNonce, nonce)
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-"+nonce+"'; style-src 'self' 'nonce-"+nonce+"'; "+
		"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// checkCSRF refuses a state-changing request that is cross-site (by Origin
// or Sec-Fetch-Site) or lacks its token, in the form field csrf_token or
// the X-CSRF-Token header htmx sends: the session's token once signed in,
// the signed cookie's before. An upload carries it in the header only:
// finding the field would mean reading the whole body first. Refused
// requests change nothing and get a 403 page.
func (a *Admin) checkCSRF(c *gin.Context) {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return
	}
	if err := a.origin.Check(c.Request); err != nil {
		a.csrfFailed(c)
		return
	}
	want := a.visitorCSRFCookie(c)
	if currentUser(c) != nil {
		want = a.sessions.GetString(c.Request.Context(), keyCSRF)
	}
	got := c.GetHeader("X-CSRF-Token")
	if got == "" && !isMultipart(c.Request) {
		got = c.PostForm("csrf_token")
	}
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		a.csrfFailed(c)
	}
}

// csrfToken returns the CSRF token the page's forms send. A visitor's lives
// in a signed cookie, so pages shown before sign-in write nothing to the
// database; a signed-in user's lives in the session, created when needed.
func (a *Admin) csrfToken(c *gin.Context) string {
	if currentUser(c) == nil {
		return a.visitorCSRFToken(c)
	}
	ctx := c.Request.Context()
	token := a.sessions.GetString(ctx, keyCSRF)
	if token == "" {
		token = randomToken(32)
		a.sessions.Put(ctx, keyCSRF, token)
	}
	return token
}

func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}
