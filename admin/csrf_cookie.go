package admin

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// csrfCookieName names the cookie that carries the CSRF token of a visitor
// who has not signed in. The sign-in form works with it alone, so showing
// the form stores nothing: a session row is written at sign-in.
const csrfCookieName = "payvand_csrf"

// csrfCookieLifetime is how long a visitor's token works: a sign-in form
// left open longer is refused once and works again after a reload.
const csrfCookieLifetime = 12 * time.Hour

// ctxVisitorCSRF remembers the token issued during this request, so a
// page that asks twice sets one cookie.
const ctxVisitorCSRF = "payvand.visitor_csrf"

const (
	csrfNonceLen   = 16
	csrfPayloadLen = csrfNonceLen + 8 // random bytes, then the expiry
)

// csrfCookieDomain separates this use of the key from any other.
var csrfCookieDomain = []byte("payvand csrf cookie v1\x00")

var csrfEncoding = base64.RawURLEncoding.Strict()

// csrfSigner issues and checks signed double-submit tokens: random bytes
// and an expiry with an HMAC over both. The form sends the same token as
// the cookie; the signature means only this site can have made the cookie,
// so a cookie planted by a sibling domain does not pass. The key lives in
// the database, so every instance accepts every other's cookies.
type csrfSigner struct {
	key []byte
	now func() time.Time
}

// issue returns a fresh token.
func (s csrfSigner) issue() string {
	payload := make([]byte, csrfPayloadLen)
	_, _ = rand.Read(payload[:csrfNonceLen]) // crypto/rand never fails on supported platforms
	binary.BigEndian.PutUint64(payload[csrfNonceLen:], uint64(s.now().Add(csrfCookieLifetime).Unix()))
	return csrfEncoding.EncodeToString(payload) + "." + csrfEncoding.EncodeToString(s.mac(payload))
}

// valid reports whether token was issued with this key and has not expired.
func (s csrfSigner) valid(token string) bool {
	p, m, ok := strings.Cut(token, ".")
	if !ok {
		return false
	}
	payload, err := csrfEncoding.DecodeString(p)
	if err != nil || len(payload) != csrfPayloadLen {
		return false
	}
	mac, err := csrfEncoding.DecodeString(m)
	if err != nil || !hmac.Equal(mac, s.mac(payload)) {
		return false
	}
	return int64(binary.BigEndian.Uint64(payload[csrfNonceLen:])) > s.now().Unix()
}

func (s csrfSigner) mac(payload []byte) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write(csrfCookieDomain)
	h.Write(payload)
	return h.Sum(nil)
}

// visitorCSRFToken returns the token of the visitor's cookie, setting a
// fresh cookie when there is none or it is forged or expired.
func (a *Admin) visitorCSRFToken(c *gin.Context) string {
	if token := a.visitorCSRFCookie(c); token != "" {
		return token
	}
	if token := c.GetString(ctxVisitorCSRF); token != "" {
		return token
	}
	token := a.csrf.issue()
	c.Set(ctxVisitorCSRF, token)
	http.SetCookie(c.Writer, &http.Cookie{
		Name: csrfCookieName, Value: token, Path: "/admin", MaxAge: int(csrfCookieLifetime / time.Second),
		HttpOnly: true, Secure: a.sessions.Cookie.Secure, SameSite: http.SameSiteLaxMode,
	})
	return token
}

// visitorCSRFCookie returns the visitor's token when the request carries a
// valid one, else "".
func (a *Admin) visitorCSRFCookie(c *gin.Context) string {
	cookie, err := c.Request.Cookie(csrfCookieName)
	if err != nil || !a.csrf.valid(cookie.Value) {
		return ""
	}
	return cookie.Value
}
