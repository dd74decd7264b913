package admin

import (
	"errors"
	"net/mail"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// maxDisplayName bounds a display name, counted in characters; it is shown
// in tables and bylines, where a longer one only breaks the layout.
const maxDisplayName = 100

// registerUsers adds the user management pages. The group already requires
// the admin role, so an editor gets a 403 page for every GET and POST here.
func (a *Admin) registerUsers(g *gin.RouterGroup) {
	g.GET("/users", a.userList)
	g.POST("/users", a.userCreate)
	g.GET("/users/:id", a.userEdit)
	g.POST("/users/:id", a.userSave)
	g.POST("/users/:id/password", a.userPassword)
}

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

// validEmail applies the store's rule for addresses (a bare address, as
// net/mail reads it) to a normalised email. Checking it here first lets the
// form tell a malformed address from one that is already taken.
func validEmail(email string) bool {
	addr, err := mail.ParseAddress(email)
	return err == nil && addr.Address == email
}

// checkDisplayName returns the message for a display name that is too long.
func checkDisplayName(l i18n.Localizer, name string) string {
	if utf8.RuneCountInString(name) > maxDisplayName {
		return l.T("users.name_too_long", "max", maxDisplayName)
	}
	return ""
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

// storeRefusals localizes the field messages of the store, which are
// English for logs and the command line. The forms check the email's form,
// the role and the password's length before calling the store, so an email
// the store still refuses is taken, and a role it refuses would leave the
// site without an active admin.
func storeRefusals(l i18n.Localizer, verr *models.ValidationError, passwordField string) map[string]string {
	errs := map[string]string{}
	for field := range verr.Fields {
		switch field {
		case "email":
			errs["email"] = l.T("users.email_taken")
		case "role":
			errs["role"] = l.T("users.last_admin")
		case "password":
			errs[passwordField] = l.T("password.too_short")
		default:
			errs[field] = l.T("common.form_errors")
		}
	}
	return errs
}
