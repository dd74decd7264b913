package admin

import "github.com/gin-gonic/gin"

// registerUsers adds the user management pages (admins only).
func (a *Admin) registerUsers(g *gin.RouterGroup) {}
