package admin

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// addSiteLinks gives a saved pane its Preview, and its link to the site
// frontend: View on site
// for a translation readers can see now, Preview on site for one they
// cannot (a draft, a scheduled or archived one) when the site has a preview
// page. Without --site-url the pane shows neither.
func (a *Admin) addSiteLinks(pane *views.PaneProps, article *models.Article, t models.ArticleTranslation, stored bool) {
	if stored {
		pane.PreviewPath = readPreviewPath(article.ID, t.Locale)
	}
	if a.site == nil || !stored {
		return
	}
	if a.isPublic(article, t) {
		if u := a.site.Article(t.Locale, t.Slug, article.ID); u != nil {
			pane.SiteURL = *u
		}
		return
	}
	if a.site.Patterns().Preview != "" {
		pane.SitePreviewPath = "/admin/articles/" + strconv.FormatUint(uint64(article.ID), 10) + "/site-preview/" + t.Locale
	}
}

// isPublic says whether readers see t now, as the public API decides:
// published, its time come, in an article neither archived nor trashed.
func (a *Admin) isPublic(article *models.Article, t models.ArticleTranslation) bool {
	return t.Status == models.StatusPublished && t.PublishedAt != nil && !t.PublishedAt.After(a.store.Now()) &&
		!article.Archived && article.TrashedAt == nil
}

// sitePreview issues a fresh preview token for one translation and sends
// the editor to the site's preview page with it. The token is made at the
// click, not when the editor was opened, so it has its whole lifetime.
func (a *Admin) sitePreview(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
		return
	}
	t, ok := article.Translation(c.Param("locale"))
	if !ok || a.site == nil || a.site.Patterns().Preview == "" {
		a.notFound(c)
		return
	}
	signer, err := a.previewSigner(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	target := a.site.Preview(t.Locale, t.Slug, article.ID, signer.Issue(article.ID))
	c.Header("Cache-Control", "no-store") // the address carries a token
	c.Redirect(http.StatusSeeOther, *target)
	c.Abort()
}
