package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
)

// recordView counts a page view of a public article. Views are counted in
// memory and written in batches; the answer includes the ones not yet
// written, so a reader sees their own view counted. While writes are
// failing it counts nothing: a count it cannot keep would only be lost.
func (a *API) recordView(c *gin.Context) {
	// Each answer is one reader's count at one moment: no cache may keep
	// it, errors included.
	c.Header("Cache-Control", "no-store")
	id, ok := parseID(c.Param("id"))
	if !ok {
		a.fail(c, errNotFound())
		return
	}
	if writes := a.store.WriteHealth(); writes.Failing {
		a.fail(c, errUnavailable(writes.Reason))
		return
	}
	ctx := c.Request.Context()
	public, err := a.store.IsPublicAnywhere(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	if !public {
		a.fail(c, errNotFound())
		return
	}
	pending := a.views.Record(c.ClientIP(), id)
	stored, err := a.store.ViewCount(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.writeJSON(c, http.StatusOK, gin.H{"data": publicjson.ViewCount{ViewCount: stored + pending}})
}
