package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/views"
)

func (a *Admin) accountProps(c *gin.Context) views.AccountProps {
	p := a.page(c, "account.title", "account")
	return views.AccountProps{Page: p, Languages: a.i18n.Languages(), Current: p.L.Code, Errors: map[string]string{}}
}

func (a *Admin) accountPage(c *gin.Context) {
	a.render(c, http.StatusOK, views.Account(a.accountProps(c)))
}

func (a *Admin) saveLanguage(c *gin.Context) {
	lang := c.PostForm("language")
	if !a.i18n.Supported(lang) {
		a.render(c, http.StatusUnprocessableEntity, views.Account(a.accountProps(c)))
		return
	}
	user := currentUser(c)
	if err := a.store.SetUILanguage(c.Request.Context(), user.ID, lang); err != nil {
		a.fail(c, err)
		return
	}
	a.flash(c, a.i18n.Localizer(lang).T("account.language_saved"))
	redirect(c, "/admin/account")
}

// savePassword changes the user's own password after checking the current
// one. Every other session of the user ends; this one continues.
func (a *Admin) savePassword(c *gin.Context) {
	ctx := c.Request.Context()
	user := currentUser(c)
	props := a.accountProps(c)
	l := props.L
	current, next, confirm := c.PostForm("current_password"), c.PostForm("new_password"), c.PostForm("confirm_password")
	ok, err := password.Verify(user.PasswordHash, current)
	if err != nil {
		a.fail(c, err)
		return
	}
	switch msg := a.checkPassword(l, next, user.Email, user.DisplayName); {
	case !ok:
		props.Errors["current_password"] = l.T("account.wrong_password")
	case msg != "":
		props.Errors["new_password"] = msg
	case next != confirm:
		props.Errors["confirm_password"] = l.T("account.mismatch")
	}
	if len(props.Errors) > 0 {
		a.render(c, http.StatusUnprocessableEntity, views.Account(props))
		return
	}
	if err := a.store.SetPassword(ctx, user.ID, next); err != nil {
		a.fail(c, err)
		return
	}
	// Keep this session alive under the new session version.
	a.sessions.Put(ctx, keySessionVersion, user.SessionVersion+1)
	if err := a.sessions.RenewToken(ctx); err != nil {
		a.fail(c, err)
		return
	}
	a.flash(c, l.T("account.password_saved"))
	// And this browser known to the account under the new version.
	a.rememberDevice(c, user.ID, user.SessionVersion+1, a.knownDeviceID(c, user))
	redirect(c, "/admin/account")
}
