package admin

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// The known-device cookie marks a browser that has signed in to an account
// before. Its sign-in tries are counted on their own (see ratelimit.go), so
// an attacker's failures from elsewhere can never keep its owner out.
const (
	knownDeviceCookie   = "payvand_device"
	knownDeviceLifetime = 365 * 24 * time.Hour
)

const (
	devicePayloadLen = 8 + 8 + 8 + 16 // user id, session version, expiry, device id
	deviceTokenLen   = devicePayloadLen + sha256.Size
)

// deviceDomain separates this use of the key from any other.
var deviceDomain = []byte("payvand known device v1\x00")

var deviceEncoding = base64.RawURLEncoding.Strict()

// deviceSigner issues and checks known-device tokens: an HMAC-SHA256 over
// the user id, the user's session version (a password reset or a
// deactivation bumps it, so the token stops working), the expiry and a
// random device id.
type deviceSigner struct{ secret []byte }

// knownDevice is what a valid token says.
type knownDevice struct {
	userID  uint
	version int
	id      string
}

func (d deviceSigner) issue(dev knownDevice, expires time.Time) string {
	buf := make([]byte, devicePayloadLen, deviceTokenLen)
	binary.BigEndian.PutUint64(buf[0:8], uint64(dev.userID))
	binary.BigEndian.PutUint64(buf[8:16], uint64(dev.version))
	binary.BigEndian.PutUint64(buf[16:24], uint64(expires.Unix()))
	id, _ := hex.DecodeString(dev.id)
	copy(buf[24:40], id)
	return deviceEncoding.EncodeToString(append(buf, d.mac(buf)...))
}

// verify returns the device a token names; ok is false for anything but an
// untampered, unexpired token made with this key.
func (d deviceSigner) verify(token string, now time.Time) (dev knownDevice, ok bool) {
	raw, err := deviceEncoding.DecodeString(token)
	if err != nil || len(raw) != deviceTokenLen {
		return knownDevice{}, false
	}
	payload, mac := raw[:devicePayloadLen], raw[devicePayloadLen:]
	if !hmac.Equal(mac, d.mac(payload)) || now.Unix() >= int64(binary.BigEndian.Uint64(payload[16:24])) {
		return knownDevice{}, false
	}
	return knownDevice{
		userID:  uint(binary.BigEndian.Uint64(payload[0:8])),
		version: int(binary.BigEndian.Uint64(payload[8:16])),
		id:      hex.EncodeToString(payload[24:40]),
	}, true
}

func (d deviceSigner) mac(payload []byte) []byte {
	h := hmac.New(sha256.New, d.secret)
	h.Write(deviceDomain)
	h.Write(payload)
	return h.Sum(nil)
}

// knownDeviceID returns the id of the request's known-device cookie when it
// was issued to this user under the current session version, else "".
func (a *Admin) knownDeviceID(c *gin.Context, user *models.User) string {
	cookie, err := c.Request.Cookie(knownDeviceCookie)
	if err != nil || user == nil {
		return ""
	}
	dev, ok := a.devices.verify(cookie.Value, a.store.Now())
	if !ok || dev.userID != user.ID || dev.version != user.SessionVersion {
		return ""
	}
	return dev.id
}

// rememberDevice gives the browser a known-device cookie for the user,
// keeping its device id when it has one, good for a year from now. It saves
// the session first, so the session cookie stays the response's first
// cookie, as clients that take a sign-in's first cookie expect: call it
// last, after every change to the session.
func (a *Admin) rememberDevice(c *gin.Context, userID uint, version int, id string) {
	if w, ok := c.Writer.(*sessionWriter); ok {
		w.once.Do(w.commit)
	}
	if id == "" {
		b := make([]byte, 16)
		_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
		id = hex.EncodeToString(b)
	}
	token := a.devices.issue(knownDevice{userID: userID, version: version, id: id}, a.store.Now().Add(knownDeviceLifetime))
	http.SetCookie(c.Writer, &http.Cookie{
		Name: knownDeviceCookie, Value: token, Path: "/admin", MaxAge: int(knownDeviceLifetime / time.Second),
		HttpOnly: true, Secure: a.sessions.Cookie.Secure, SameSite: http.SameSiteLaxMode,
	})
}
