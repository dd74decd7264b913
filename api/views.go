package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/internal/viewcount"
)

// noStore marks a views answer uncacheable before anything can answer
// it: each is one reader's count at one moment, and no cache may keep it,
// errors (an unknown locale included) as well.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
}

// recordView counts a page view of a public article without a locale (the
// address frontends used before views were counted per locale); most-read
// lists count such views for every locale.
func (a *API) recordView(c *gin.Context) {
	a.countView(c, "")
}

// recordLocaleView counts a page view of an article's translation public
// in the path's locale.
func (a *API) recordLocaleView(c *gin.Context) {
	a.countView(c, c.Param("locale"))
}

// countView counts a view for loc ("" for none). Views are counted in
// memory and written in batches; the answer includes the ones not yet
// written, so a reader sees their own view counted. While writes are
// failing it counts nothing: a count it cannot keep would only be lost.
func (a *API) countView(c *gin.Context, loc string) {
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
	var public bool
	var err error
	if loc == "" {
		public, err = a.store.IsPublicAnywhere(ctx, id)
	} else {
		public, err = a.store.IsPublicIn(ctx, loc, id)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	if !public {
		a.fail(c, errNotFound())
		return
	}
	pending := a.views.Record(c.ClientIP(), viewcount.Key{Article: id, Locale: loc})
	stored, err := a.store.ViewCount(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.writeJSON(c, http.StatusOK, gin.H{"data": publicjson.ViewCount{ViewCount: stored + pending}})
}
