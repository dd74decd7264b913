package admin

import "github.com/gin-gonic/gin"

// registerSections adds the sections pages (admins only).
func (a *Admin) registerSections(g *gin.RouterGroup) {}
