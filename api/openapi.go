package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// OpenAPIDocument is the OpenAPI 3.1 description of this API. A test
// checks real responses of every endpoint against it, so it stays true.
//
//go:embed openapi.json
var OpenAPIDocument []byte

func (a *API) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", OpenAPIDocument)
}
