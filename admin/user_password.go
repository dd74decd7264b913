package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// userPassword sets a new password for someone else's account and so ends
// all of that account's sessions (the store bumps its session version).
//
// Admins change their own password on the account page instead, which asks
// for the current one first: an unattended signed-in browser must not be
// enough to take an admin account over. A request here for one's own
// account changes nothing and leads there.
func (a *Admin) userPassword(c *gin.Context) {
	user := a.userFromPath(c)
	if user == nil {
		return
	}
	me := currentUser(c)
	l := a.localizer(c)
	if user.ID == me.ID {
		a.flash(c, l.T("users.own_password"))
		redirect(c, "/admin/account")
		return
	}
	next, confirm := c.PostForm("new_password"), c.PostForm("confirm_password")
	errs := map[string]string{}
	if msg := a.checkPassword(l, next, user.Email, user.DisplayName); msg != "" {
		errs["new_password"] = msg
	} else if next != confirm {
		errs["confirm_password"] = l.T("account.mismatch")
	}
	if len(errs) == 0 {
		err := a.store.SetPassword(c.Request.Context(), user.ID, next)
		var verr *models.ValidationError
		switch {
		case errors.As(err, &verr):
			errs = userRefusals(l, err, "new_password")
		case err != nil:
			a.fail(c, err)
			return
		default:
			a.log.Info("user password reset", "by", me.ID, "user", user.ID)
			a.flash(c, l.T("users.password_reset", "name", user.DisplayName))
			redirect(c, "/admin/users")
			return
		}
	}
	form := views.UserForm{Email: user.Email, DisplayName: user.DisplayName, Role: string(user.Role), Active: user.Active}
	a.renderUserEdit(c, http.StatusUnprocessableEntity, user, form, map[string]string{}, errs)
}
