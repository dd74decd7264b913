package api

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
)

// listPage is the body of a list response.
type listPage struct {
	Data       []publicjson.Summary `json:"data"`
	NextCursor *string              `json:"next_cursor"`
	// Total counts every item of the list, on all its pages.
	Total int64 `json:"total"`
}

func (a *API) listArticles(c *gin.Context) {
	query, err := readQuery(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	featured, err := parseFeatured(query.Get("featured"), query.Has("featured"))
	if err != nil {
		a.fail(c, err)
		return
	}
	if featured {
		a.listFeatured(c, query)
		return
	}
	order, err := parseListOrder(query)
	if err != nil {
		a.fail(c, err)
		return
	}
	if order.mostRead {
		a.listMostRead(c, query, order.period)
		return
	}
	q, err := a.listQuery(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	items, next, err := a.store.ListPublicArticles(c.Request.Context(), q)
	if err != nil {
		a.fail(c, err)
		return
	}
	total, err := a.store.CountPublicArticles(c.Request.Context(), q)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.writeJSON(c, http.StatusOK, listPage{Data: a.json.Summaries(items), NextCursor: encodeCursor(next), Total: total})
}

// listQuery reads the list parameters; each malformed one is a 400 naming it.
func (a *API) listQuery(c *gin.Context) (models.ListQuery, error) {
	q := models.ListQuery{Locale: c.Param("locale")}
	query, err := readQuery(c)
	if err != nil {
		return q, err
	}
	if q.Limit, err = parseLimit(query.Get("limit"), query.Has("limit")); err != nil {
		return q, err
	}
	if q.Exclude, err = parseExclude(query["exclude"]); err != nil {
		return q, err
	}
	if q.PublishedFrom, err = parseTimeBound("published_after", query.Get("published_after"), query.Has("published_after")); err != nil {
		return q, err
	}
	if q.PublishedBefore, err = parseTimeBound("published_before", query.Get("published_before"), query.Has("published_before")); err != nil {
		return q, err
	}
	subsections, err := parseSubsections(query.Get("subsections"), query.Has("subsections"))
	if err != nil {
		return q, err
	}
	q.OwnSectionOnly = !subsections
	if q.After, err = decodeCursor(query.Get("cursor"), query.Has("cursor")); err != nil {
		return q, err
	}
	if q.SectionID, err = a.sectionFilter(c, query); err != nil {
		return q, err
	}
	q.TagID, err = a.tagFilter(c, query)
	return q, err
}

// articleBody is the body of a single-article response.
type articleBody struct {
	Data publicjson.Article `json:"data"`
}

func (a *API) getArticle(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		a.fail(c, errNotFound())
		return
	}
	if token, ok := previewToken(c); ok {
		a.getPreview(c, token, id, "")
		return
	}
	article, err := a.store.FindPublicArticle(c.Request.Context(), c.Param("locale"), id)
	a.answerArticle(c, article, err)
}

// redirectBody tells a frontend where an old slug moved.
type redirectBody struct {
	Redirect struct {
		ID   uint   `json:"id"`
		Slug string `json:"slug"`
	} `json:"redirect"`
}

func (a *API) getArticleBySlug(c *gin.Context) {
	loc := c.Param("locale")
	if token, ok := previewToken(c); ok {
		a.getPreview(c, token, 0, c.Param("slug"))
		return
	}
	article, err := a.store.FindPublicArticleBySlug(c.Request.Context(), loc, c.Param("slug"))
	var moved *models.MovedError
	if errors.As(err, &moved) {
		var body redirectBody
		body.Redirect.ID, body.Redirect.Slug = moved.ID, moved.Slug
		c.Header("Location", "/api/v1/"+loc+"/articles/slug/"+url.PathEscape(moved.Slug))
		a.writeJSON(c, http.StatusMovedPermanently, body)
		return
	}
	a.answerArticle(c, article, err)
}

func (a *API) answerArticle(c *gin.Context, article *models.PublicArticle, err error) {
	if err != nil {
		a.fail(c, err)
		return
	}
	related, err := a.store.ListPublicRelated(c.Request.Context(), article.Translation.Locale, article.Article.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	c.Set(cachedArticleKey, article.Article.ID)
	a.writeJSON(c, http.StatusOK, articleBody{Data: a.json.Article(*article, related)})
}
