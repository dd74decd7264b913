package api

import "github.com/gin-gonic/gin"

// noSniff tells browsers to trust the Content-Type of every API answer and
// never guess another: a JSON body that quotes an article's HTML must not
// be run as a page or a script if someone opens or embeds its address.
// It is the first handler of every API route and of the unknown-path and
// wrong-method answers, so errors, 304s and the OpenAPI document carry it.
func noSniff(c *gin.Context) {
	c.Header("X-Content-Type-Options", "nosniff")
}
