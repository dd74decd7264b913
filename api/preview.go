package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// previewRoutes are the routes that answer ?preview=TOKEN with a draft.
var previewRoutes = map[string]bool{
	"/api/v1/:locale/articles/:id":        true,
	"/api/v1/:locale/articles/slug/:slug": true,
}

// previewToken returns the request's ?preview= token; ok reports whether
// the request asks for a preview at all.
func previewToken(c *gin.Context) (token string, ok bool) {
	q := c.Request.URL.Query()
	return q.Get("preview"), q.Has("preview")
}

// cachedUnlessPreview is the response cache for every read, except
// previews: a draft must never be stored where a later request, or the
// same preview address after the draft changed, could be served it.
func (a *API) cachedUnlessPreview(c *gin.Context) {
	if _, ok := previewToken(c); ok && previewRoutes[c.FullPath()] {
		return // the chain goes on without the cache
	}
	a.cached(c)
}

// getPreview answers a request with ?preview=TOKEN: the article the token
// opens, in the requested locale, drafts and scheduled translations
// included, shaped exactly as the public article. id (by-id route) or slug
// (by-slug route) must name that same article. A bad, expired or foreign
// token answers as a missing article does, so a token reveals nothing
// about others. The answer is never cached, here or anywhere else.
func (a *API) getPreview(c *gin.Context, token string, id uint, slug string) {
	c.Header("Cache-Control", "no-store")
	opened, ok := a.preview.Verify(token)
	if !ok || (id != 0 && opened != id) {
		a.fail(c, errNotFound())
		return
	}
	ctx, loc := c.Request.Context(), c.Param("locale")
	article, err := a.store.FindPreviewArticle(ctx, loc, opened)
	if err == nil && slug != "" && article.Translation.Slug != slug {
		err = models.ErrNotFound
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	related, err := a.store.ListPublicRelated(ctx, loc, opened)
	if err != nil {
		a.fail(c, err)
		return
	}
	body, err := encodeJSON(articleBody{Data: a.json.Article(*article, related)})
	if err != nil {
		a.fail(c, err)
		return
	}
	// Like every GET, a preview carries an ETag and honours If-None-Match.
	etag := etagOf(body)
	c.Header("ETag", etag)
	if match, ok := matchingETag(c.GetHeader("If-None-Match"), etag); ok {
		c.Header("ETag", match)
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		c.Abort()
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
	c.Abort()
}
