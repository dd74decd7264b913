package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
)

func (a *API) listLocales(c *gin.Context) {
	a.writeJSON(c, http.StatusOK, gin.H{"data": a.json.Locales()})
}

func (a *API) listSections(c *gin.Context) {
	ctx := c.Request.Context()
	loc := c.Param("locale")
	sections, err := a.store.ListSections(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	counts, err := a.store.CountPublicBySection(ctx, loc)
	if err != nil {
		a.fail(c, err)
		return
	}
	out := make([]publicjson.Section, len(sections))
	for i, s := range sections {
		out[i] = a.json.Section(s, loc, counts[s.ID])
	}
	a.writeJSON(c, http.StatusOK, gin.H{"data": out})
}
