package admin

import "github.com/gin-gonic/gin"

// registerArticles adds the article list. It is filled in by the article
// list work; the editor screens come with the editor.
func (a *Admin) registerArticles(g *gin.RouterGroup) {}
