package admin

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// userCreate creates an active account from the new-user form.
func (a *Admin) userCreate(c *gin.Context) {
	l := a.localizer(c)
	form := views.UserForm{
		Email:       models.NormalizeEmail(c.PostForm("email")),
		DisplayName: strings.TrimSpace(c.PostForm("display_name")),
		Role:        c.PostForm("role"),
	}
	plain := c.PostForm("password")
	in := models.UserInput{Email: form.Email, DisplayName: form.DisplayName, Role: models.Role(form.Role), Password: plain}
	// The store's rules are checked first so that its refusals come
	// together with the password strength, which only the admin judges.
	errs := userRefusals(l, models.CheckUserInput(in), "password")
	if errs == nil {
		errs = map[string]string{}
	}
	if _, refused := errs["email"]; !refused {
		// Looked up now so a taken email is reported together with the
		// other fields' messages; CreateUser checks again in its transaction.
		switch _, err := a.store.FindUserByEmail(c.Request.Context(), form.Email); {
		case err == nil:
			errs["email"] = l.T("validation.email_taken")
		case !errors.Is(err, models.ErrNotFound):
			a.fail(c, err)
			return
		}
	}
	// The password page says the same about a password as this form.
	if msg := a.checkPassword(l, plain, form.Email, form.DisplayName); msg != "" {
		errs["password"] = msg
	}
	if len(errs) == 0 {
		user, err := a.store.CreateUser(c.Request.Context(), in)
		var verr *models.ValidationError
		switch {
		case errors.As(err, &verr):
			errs = userRefusals(l, err, "password")
		case err != nil:
			a.fail(c, err)
			return
		default:
			a.log.Info("user created", "by", currentUser(c).ID, "user", user.ID, "role", user.Role)
			a.flash(c, l.T("users.created", "email", user.Email))
			redirect(c, "/admin/users")
			return
		}
	}
	a.renderUsers(c, http.StatusUnprocessableEntity, form, errs)
}

// userEdit shows one account's settings and the password reset.
func (a *Admin) userEdit(c *gin.Context) {
	user := a.userFromPath(c)
	if user == nil {
		return
	}
	form := views.UserForm{Email: user.Email, DisplayName: user.DisplayName, Role: string(user.Role), Active: user.Active}
	a.renderUserEdit(c, http.StatusOK, user, form, map[string]string{}, map[string]string{})
}

// userSave changes an account's name, role and active flag. Deactivating
// ends the account's sessions (the store bumps its session version). Admins
// cannot deactivate themselves here: they would be signed out mid-session
// with nobody there to notice the mistake. They may give up the admin role
// while another active admin remains; the store refuses it for the last one.
func (a *Admin) userSave(c *gin.Context) {
	user := a.userFromPath(c)
	if user == nil {
		return
	}
	me := currentUser(c)
	l := a.localizer(c)
	form := views.UserForm{
		Email:       user.Email,
		DisplayName: strings.TrimSpace(c.PostForm("display_name")),
		Role:        c.PostForm("role"),
		Active:      c.PostForm("active") != "",
	}
	errs := map[string]string{}
	if user.ID == me.ID && !form.Active {
		errs["active"] = l.T("users.cannot_deactivate_self")
	}
	if len(errs) == 0 {
		updated, err := a.store.UpdateUser(c.Request.Context(), user.ID, models.UserUpdate{
			DisplayName: form.DisplayName, Role: models.Role(form.Role), Active: form.Active,
		})
		var verr *models.ValidationError
		switch {
		case errors.As(err, &verr):
			errs = userRefusals(l, err, "password")
		case err != nil:
			a.fail(c, err)
			return
		default:
			a.log.Info("user updated", "by", me.ID, "user", updated.ID, "role", updated.Role, "active", updated.Active)
			a.flash(c, l.T("users.saved", "name", updated.DisplayName))
			// An admin who made themselves an editor may no longer see the
			// users page.
			if updated.ID == me.ID && updated.Role != models.RoleAdmin {
				redirect(c, "/admin")
				return
			}
			redirect(c, "/admin/users")
			return
		}
	}
	a.renderUserEdit(c, http.StatusUnprocessableEntity, user, form, errs, map[string]string{})
}

// renderUserEdit writes an account's page with the settings form as given
// and messages beside the fields of either form.
func (a *Admin) renderUserEdit(c *gin.Context, status int, user *models.User, form views.UserForm, errs, passwordErrs map[string]string) {
	p := a.page(c, "users.edit_title", "users")
	a.render(c, status, views.UserEdit(views.UserEditProps{
		Page: p, User: a.userRow(p.L, user, currentUser(c)), Form: form, Errors: errs, PasswordErrors: passwordErrs,
	}))
}
