package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// userList shows every account and the form for a new one.
func (a *Admin) userList(c *gin.Context) {
	a.renderUsers(c, http.StatusOK, views.UserForm{Role: string(models.RoleEditor)}, map[string]string{})
}

// renderUsers writes the users page with the new-user form as given and
// errs beside its fields.
func (a *Admin) renderUsers(c *gin.Context, status int, form views.UserForm, errs map[string]string) {
	users, err := a.store.ListUsers(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	p := a.page(c, "users.title", "users")
	me := currentUser(c)
	rows := make([]views.UserRow, len(users))
	for i := range users {
		rows[i] = a.userRow(p.L, &users[i], me)
	}
	a.render(c, status, views.Users(views.UsersProps{Page: p, Users: rows, New: form, Errors: errs}))
}
