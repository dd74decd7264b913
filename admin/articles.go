package admin

import "github.com/gin-gonic/gin"

// registerArticles adds the article list, open to every signed-in user. The
// editor screens (/admin/articles/…) come with the editor.
func (a *Admin) registerArticles(g *gin.RouterGroup) {
	g.GET("", a.articleList)
	g.POST("/articles/:id/pin", a.pinFromList)
	a.registerEditor(g)
}
