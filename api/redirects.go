package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// oldAddressBody is GET /api/v1/redirects: what an old address (an imported
// site's permalink) is now. Only the id and slug fields of its type are
// present; url is the site address, null without --site-url.
type oldAddressBody struct {
	Type      models.RedirectKind `json:"type"`
	Locale    string              `json:"locale"`
	ArticleID uint                `json:"article_id,omitempty"`
	SectionID uint                `json:"section_id,omitempty"`
	Section   string              `json:"section,omitempty"`
	TagID     uint                `json:"tag_id,omitempty"`
	Tag       string              `json:"tag,omitempty"`
	Slug      string              `json:"slug,omitempty"`
	URL       *string             `json:"url"`
}

// findRedirect answers an old address with what it leads to, or 404, so
// a frontend or proxy can answer the old link with a 301.
func (a *API) findRedirect(c *gin.Context) {
	query, err := readQuery(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	if !query.Has("path") {
		a.fail(c, errInvalidParameter("path", "Give the old address as path, for example ?path=/2024/07/old-slug/."))
		return
	}
	target, err := a.store.FindRedirect(c.Request.Context(), query.Get("path"))
	var invalid *models.ValidationError
	if errors.As(err, &invalid) {
		err = errInvalidParameter("path", "The path is empty, too long, or not text.")
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	a.writeJSON(c, http.StatusOK, gin.H{"data": a.oldAddress(*target)})
}

func (a *API) oldAddress(t models.RedirectTarget) oldAddressBody {
	body := oldAddressBody{Type: t.Kind, Locale: t.Locale}
	switch t.Kind {
	case models.RedirectArticle:
		body.ArticleID, body.Slug, body.URL = t.ID, t.Slug, a.siteURLs.Article(t.Locale, t.Slug, t.ID)
	case models.RedirectSection:
		body.SectionID, body.Section, body.URL = t.ID, t.Slug, a.siteURLs.Section(t.Locale, t.Slug)
	case models.RedirectTag:
		body.TagID, body.Tag, body.URL = t.ID, t.Slug, a.siteURLs.Tag(t.Locale, t.Slug)
	}
	return body
}
