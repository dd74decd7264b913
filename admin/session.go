package admin

import (
	"fmt"
	"sync"

	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"
)

// Session keys.
const (
	keyUserID         = "user_id"
	keySessionVersion = "session_version"
	keyCSRF           = "csrf"
	keyFlash          = "flash"
)

// loadSession loads the session named by the cookie into the request
// context and arranges for it to be saved before the response is sent.
// scs's own LoadAndSave middleware wraps net/http writers; Gin writes
// headers late, so the commit hooks into Gin's writer instead.
func (a *Admin) loadSession(c *gin.Context) {
	var token string
	if cookie, err := c.Request.Cookie(a.sessions.Cookie.Name); err == nil {
		token = cookie.Value
	}
	ctx, err := a.sessions.Load(c.Request.Context(), token)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.Request = c.Request.WithContext(ctx)
	w := &sessionWriter{ResponseWriter: c.Writer}
	w.commit = func() { a.commitSession(w, c) }
	c.Writer = w
	c.Header("Cache-Control", "no-store")
	c.Header("Vary", "Cookie")
	c.Next()
	w.once.Do(w.commit)
}

// ctxSessionSaved marks a request whose session was saved already.
const ctxSessionSaved = "payvand.session_saved"

// saveSessionNow saves the session before the answer is chosen, so a
// session row the storage refuses becomes an answer that says so rather
// than a cookie naming a session that does not exist.
func (a *Admin) saveSessionNow(c *gin.Context) error {
	ctx := c.Request.Context()
	token, expiry, err := a.sessions.Commit(ctx)
	if err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	a.sessions.WriteSessionCookie(ctx, c.Writer, token, expiry)
	c.Set(ctxSessionSaved, true)
	return nil
}

func (a *Admin) commitSession(w *sessionWriter, c *gin.Context) {
	ctx := c.Request.Context()
	if c.GetBool(ctxSessionSaved) {
		return
	}
	switch a.sessions.Status(ctx) {
	case scs.Modified:
		// Only a signed-in user's session is stored. A visitor's would be a
		// row for every request of a flood, and a visitor needs none: the
		// sign-in form's CSRF token lives in a signed cookie.
		if a.sessions.GetInt(ctx, keyUserID) == 0 {
			return
		}
		token, expiry, err := a.sessions.Commit(ctx)
		if err != nil {
			a.log.Error("save session", "err", err)
			return
		}
		a.sessions.WriteSessionCookie(ctx, w.ResponseWriter, token, expiry)
	case scs.Destroyed:
		a.sessions.WriteSessionCookie(ctx, w.ResponseWriter, "", timeZero)
	}
}

// sessionWriter saves the session just before the first byte of the
// response, while headers can still carry the cookie.
type sessionWriter struct {
	gin.ResponseWriter
	once   sync.Once
	commit func()
}

func (w *sessionWriter) WriteHeaderNow() {
	w.once.Do(w.commit)
	w.ResponseWriter.WriteHeaderNow()
}

func (w *sessionWriter) Write(b []byte) (int, error) {
	w.once.Do(w.commit)
	return w.ResponseWriter.Write(b)
}

func (w *sessionWriter) WriteString(s string) (int, error) {
	w.once.Do(w.commit)
	return w.ResponseWriter.WriteString(s)
}

// flash stores a message shown once on the next page.
func (a *Admin) flash(c *gin.Context, msg string) {
	a.sessions.Put(c.Request.Context(), keyFlash, msg)
}
