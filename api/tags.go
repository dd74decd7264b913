package api

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
)

func (a *API) listTags(c *gin.Context) {
	loc := c.Param("locale")
	tags, err := a.store.ListPublicTags(c.Request.Context(), loc)
	if err != nil {
		a.fail(c, err)
		return
	}
	out := make([]publicjson.Tag, len(tags))
	for i, t := range tags {
		out[i] = a.json.Tag(t.Tag, loc, t.Articles)
	}
	a.writeJSON(c, http.StatusOK, gin.H{"data": out})
}

func (a *API) getTag(c *gin.Context) {
	loc, slug := c.Param("locale"), c.Param("slug")
	tag, err := a.store.FindPublicTag(c.Request.Context(), loc, slug)
	if err != nil {
		a.fail(c, movedTo(err, func(s string) string { return "/api/v1/" + loc + "/tags/" + url.PathEscape(s) }))
		return
	}
	a.writeJSON(c, http.StatusOK, gin.H{"data": a.json.Tag(tag.Tag, loc, tag.Articles)})
}

// tagFilter resolves the optional tag parameter to an id, 0 for none; an
// unknown slug is not found, an old one a redirect to the same list with
// the tag's current slug.
func (a *API) tagFilter(c *gin.Context, query url.Values) (uint, error) {
	if !query.Has("tag") {
		return 0, nil
	}
	tag, err := a.store.FindTagBySlug(c.Request.Context(), query.Get("tag"))
	if err != nil {
		return 0, movedTo(err, sameListWith(c, query, "tag"))
	}
	return tag.ID, nil
}

// slugMoved is the answer to an old tag or section slug: a 301 to
// location, whose body names the current slug as an old article slug's
// does.
type slugMoved struct {
	location string
	id       uint
	slug     string
}

func (m *slugMoved) Error() string { return "moved to " + m.location }

// movedTo turns a *models.SlugMovedError into a *slugMoved redirecting
// to where(slug); any other error stays as it is.
func movedTo(err error, where func(slug string) string) error {
	var moved *models.SlugMovedError
	if !errors.As(err, &moved) {
		return err
	}
	return &slugMoved{location: where(moved.Slug), id: moved.ID, slug: moved.Slug}
}

// sameListWith returns the request's own path and query with the
// parameter name set to a new slug, everything else kept.
func sameListWith(c *gin.Context, query url.Values, name string) func(string) string {
	return func(slug string) string {
		moved := url.Values{}
		for k, v := range query {
			moved[k] = v
		}
		moved.Set(name, slug)
		return c.Request.URL.Path + "?" + moved.Encode()
	}
}

// redirectMoved answers an old slug with 301, its Location and a body
// naming the current slug.
func (a *API) redirectMoved(c *gin.Context, m *slugMoved) {
	var body redirectBody
	body.Redirect.ID, body.Redirect.Slug = m.id, m.slug
	c.Header("Location", m.location)
	a.writeJSON(c, http.StatusMovedPermanently, body)
}
