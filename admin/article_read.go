package admin

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/internal/richtext"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// readPreviewPath is the address of a translation's rendered preview.
func readPreviewPath(id uint, loc string) string {
	return "/admin/articles/" + strconv.FormatUint(uint64(id), 10) + "/translations/" + loc + "/preview"
}

// readPreview shows a translation as a reader would see it: the public
// API's answer for it, drafts and scheduled translations included
// (FindPreviewArticle, as a preview token opens), in a plain article
// template. Only signed-in users reach it (the admin's session, not a
// token), and it is never cached. Pictures keep their relative /media/
// addresses so the admin's CSP (img-src 'self') shows them; internal links
// point at the site, as the API answers them.
func (a *Admin) readPreview(c *gin.Context) {
	loc, known := a.store.Locales().Get(c.Param("locale"))
	article, related, ok := a.previewArticle(c, loc, known)
	if !ok {
		return
	}
	id := article.Article.ID
	answer := publicjson.NewBuilder("", a.store.Locales(), a.tz).WithSite(a.site).Article(*article, related)
	p := a.page(c, "preview.page", "articles")
	props := views.ArticleReadProps{
		Page: p, Lang: loc.Code, Dir: loc.Dir, Status: a.readStatus(p, article),
		EditPath: richtext.ArticleLinkHref(id), Title: answer.Title, Summary: answer.Summary.Summary, Byline: answer.Byline,
		Section: answer.Section.Name, Date: answer.PublishedAtDisplay, DateISO: answer.PublishedAt, BodyHTML: answer.BodyHTML,
	}
	if img := answer.Image; img != nil {
		src, w, h := img.MediumURL, img.Width, img.Height
		if m := article.Image; m != nil && m.Variant("medium").Path != "" {
			w, h = m.Variant("medium").Width, m.Variant("medium").Height
		} else {
			src = img.URL
		}
		props.Image = &views.ReadImage{Src: src, Alt: img.Alt, Caption: img.Caption, Width: w, Height: h}
	}
	for _, r := range answer.Related {
		item := views.ReadRelated{Title: r.Title, Date: r.PublishedAtDisplay}
		if r.URL != nil {
			item.URL = *r.URL
		}
		props.Related = append(props.Related, item)
	}
	c.Header("Cache-Control", "no-store")
	a.render(c, http.StatusOK, views.ArticleRead(props))
}

// readStatus says why readers do not see the previewed translation yet;
// empty when they do.
func (a *Admin) readStatus(p views.Page, article *models.PublicArticle) string {
	t := article.Translation
	switch {
	case article.Article.Archived:
		return p.L.T("preview.status_archived")
	case t.Status != models.StatusPublished:
		return p.L.T("preview.status_draft")
	case t.PublishedAt != nil && t.PublishedAt.After(a.store.Now()):
		return p.L.T("preview.status_scheduled", "time", p.L.DateTime(*t.PublishedAt, a.tz))
	}
	return ""
}
