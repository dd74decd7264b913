package admin

import (
	"errors"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// userFromPath loads the account named by the path's :id. When there is
// none it answers 404 (or 500) itself and returns nil.
func (a *Admin) userFromPath(c *gin.Context) *models.User {
	return loadByID(a, c, a.store.FindUser)
}

// userRow is how the users pages show an account, with its dates written in
// the interface language.
func (a *Admin) userRow(l i18n.Localizer, u *models.User, me *models.User) views.UserRow {
	row := views.UserRow{
		ID: u.ID, DisplayName: u.DisplayName, Email: u.Email, Role: string(u.Role), Active: u.Active,
		Created: l.DateTime(u.CreatedAt, a.tz), IsSelf: me != nil && me.ID == u.ID,
	}
	if u.LastLoginAt != nil {
		row.LastLogin = l.DateTime(*u.LastLoginAt, a.tz)
	}
	return row
}

// checkPassword returns the message for a new password of the account
// with this email and name that is outside the length rules or too easy to
// guess (see password.CheckStrength), or "" when it is acceptable.
func (a *Admin) checkPassword(l i18n.Localizer, plain, email, name string) string {
	err := password.CheckStrength(plain, password.UserInputs(email, name, password.SiteNames(a.publicURL)...)...)
	var weak *password.StrengthError
	switch {
	case errors.Is(err, password.ErrTooShort):
		return l.T("password.too_short")
	case errors.Is(err, password.ErrTooLong):
		return l.T("password.too_long")
	case errors.As(err, &weak):
		return l.T(weak.MessageID)
	}
	return ""
}

// userRefusals translates the store's refusals of an account form; the
// store's "password" field is the form's passwordField.
func userRefusals(l i18n.Localizer, err error, passwordField string) map[string]string {
	errs := refusals(l, err, "")
	if msg, ok := errs["password"]; ok && passwordField != "password" {
		delete(errs, "password")
		errs[passwordField] = msg
	}
	return errs
}
