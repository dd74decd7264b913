package admin

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

func (a *Admin) loginPage(c *gin.Context) {
	next := safeNext(c.Query("next"))
	if currentUser(c) != nil {
		redirect(c, next)
		return
	}
	a.render(c, http.StatusOK, views.Login(views.LoginProps{Page: a.page(c, "login.title", ""), Next: next}))
}

// login signs a user in. A wrong password, an unknown email and a
// deactivated account get the same words and take the same time, so the
// page never tells whether an account exists. Tries are throttled by the
// rule in ratelimit.go.
func (a *Admin) login(c *gin.Context) {
	ctx := c.Request.Context()
	email := models.NormalizeEmail(c.PostForm("email"))
	next := safeNext(c.PostForm("next"))
	props := views.LoginProps{Page: a.page(c, "login.title", ""), Email: email, Next: next}
	user, err := a.findSignInUser(c, email)
	if err != nil {
		a.fail(c, err)
		return
	}
	device := a.knownDeviceID(c, user)
	release, ok, wait, err := a.limiter.attempt(ctx, signInTry{account: email, address: c.ClientIP(), device: device})
	if err != nil {
		a.signInFailed(c, props, err)
		return
	}
	if !ok {
		c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		props.Error = props.L.T("login.rate_limited", "minutes", int(math.Ceil(wait.Minutes())))
		a.render(c, http.StatusTooManyRequests, views.Login(props))
		return
	}
	user, err = a.authenticate(user, c.PostForm("password"))
	if err != nil {
		_ = release(ctx) // the failure is the server's, not the user's
		a.fail(c, err)
		return
	}
	if user == nil {
		props.Error = props.L.T("login.failed")
		a.render(c, http.StatusUnauthorized, views.Login(props))
		return
	}
	if err := release(ctx); err != nil {
		a.log.Warn("give back a successful sign-in try", "err", err)
	}
	// A new token at sign-in: a session id planted before cannot be used.
	if err := a.sessions.RenewToken(ctx); err != nil {
		a.fail(c, err)
		return
	}
	a.sessions.Put(ctx, keyUserID, int(user.ID))
	a.sessions.Put(ctx, keySessionVersion, user.SessionVersion)
	a.sessions.Put(ctx, keyCSRF, randomToken(32))
	if err := a.saveSessionNow(c); err != nil {
		a.sessions.Remove(ctx, keyUserID) // nothing left to save at the end
		a.signInFailed(c, props, err)
		return
	}
	if err := a.store.RecordLogin(ctx, user.ID); err != nil {
		a.log.Warn("record sign-in time", "err", err)
	}
	a.log.Info("signed in", "user", user.ID)
	a.rememberDevice(c, user.ID, user.SessionVersion, device)
	redirect(c, next)
}

// signInFailed answers a sign-in the server could not complete. When the
// storage refused its writes (a full disk) the form says so, with the email
// kept: a refusal that looked like a wrong password or a CSRF failure would
// send the user hunting for the wrong fault.
func (a *Admin) signInFailed(c *gin.Context, props views.LoginProps, err error) {
	if !writeRefused(err) {
		a.fail(c, err)
		return
	}
	a.refusedWrite(c, err)
	props.Error = props.L.T("storage.login")
	a.render(c, http.StatusServiceUnavailable, views.Login(props))
}

// findSignInUser returns the account with this email, or nil when there is
// none.
func (a *Admin) findSignInUser(c *gin.Context, email string) (*models.User, error) {
	user, err := a.store.FindUserByEmail(c.Request.Context(), email)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	return user, err
}

// authenticate returns user when it is active and plain is its password,
// else nil. Without a user it checks a dummy hash, to take as long.
func (a *Admin) authenticate(user *models.User, plain string) (*models.User, error) {
	if user == nil {
		_, _ = password.Verify(a.dummyHash, plain)
		return nil, nil
	}
	ok, err := password.Verify(user.PasswordHash, plain)
	if err != nil {
		return nil, err
	}
	if !ok || !user.Active {
		return nil, nil
	}
	return user, nil
}

func (a *Admin) logout(c *gin.Context) {
	ctx := c.Request.Context()
	if err := a.sessions.Destroy(ctx); err != nil {
		a.fail(c, err)
		return
	}
	redirect(c, "/admin/login")
}
