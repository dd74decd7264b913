package admin

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/recordid"
	"github.com/payvand/payvand/models"
)

// The request's parameters are read here, as the API reads its own in
// api/params.go: the ids in paths and forms, whether htmx asked, and the
// records a path names.

// pathID reads the id in the path parameter name (see recordid.Parse).
func pathID(c *gin.Context, name string) (uint, bool) {
	return recordid.Parse(c.Param(name))
}

// formID reads an id from a form field or query (see recordid.Parse); 0
// when it is not one.
func formID(raw string) uint {
	id, _ := recordid.Parse(raw)
	return id
}

// optionalID reads an optional id field, such as a section's parent: nil
// when empty, ok false when it is not an id.
func optionalID(raw string) (id *uint, ok bool) {
	if raw == "" {
		return nil, true
	}
	n, ok := recordid.Parse(raw)
	if !ok {
		return nil, false
	}
	return &n, true
}

// maxSearchRunes bounds a list's search; longer input is cut, not refused.
const maxSearchRunes = 200

// searchParam reads a list's search box, ?q=: valid UTF-8, trimmed, and
// at most maxSearchRunes runes.
func searchParam(c *gin.Context) string {
	q := strings.TrimSpace(strings.ToValidUTF8(c.Query("q"), ""))
	if utf8.RuneCountInString(q) > maxSearchRunes {
		q = string([]rune(q)[:maxSearchRunes])
	}
	return q
}

// pageParam reads a list's page number, ?page=: 1 when absent or not a
// page number.
func pageParam(c *gin.Context) int {
	if n, err := strconv.Atoi(c.Query("page")); err == nil && n > 1 {
		return n
	}
	return 1
}

// isHtmx reports whether htmx sent the request, so the answer is a
// fragment to swap in rather than a page or a redirect.
func isHtmx(c *gin.Context) bool { return c.GetHeader("HX-Request") == "true" }

// loadByID finds the record named by the :id path parameter with find. It
// answers the request itself — 404 for a malformed or unknown id, anything
// else through fail — and returns nil when there is no record to work on.
func loadByID[T any](a *Admin, c *gin.Context, find func(context.Context, uint) (*T, error)) *T {
	id, ok := pathID(c, "id")
	if !ok {
		a.notFound(c)
		return nil
	}
	record, err := find(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return nil
	}
	return record
}

// loadArticle finds the live article named by :id. It answers the request
// itself and returns nil when there is none; a trashed article is not found
// here.
func (a *Admin) loadArticle(c *gin.Context) *models.Article {
	article := loadByID(a, c, a.store.FindArticle)
	if article != nil && article.TrashedAt != nil {
		a.notFound(c)
		return nil
	}
	return article
}

// loadArticleLocale finds the article :id and the configured locale
// :locale of a translation route. It answers the request itself and returns
// a nil article when either is missing.
func (a *Admin) loadArticleLocale(c *gin.Context) (*models.Article, locale.Locale) {
	article := a.loadArticle(c)
	if article == nil {
		return nil, locale.Locale{}
	}
	loc, ok := a.store.Locales().Get(c.Param("locale"))
	if !ok {
		a.notFound(c)
		return nil, locale.Locale{}
	}
	return article, loc
}
