package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/preview"
	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// previewToken issues a preview token for the article and answers where a
// site frontend can fetch each of its translations with it: a fragment
// for the editor page's dialog (htmx), a whole page for a plain form post.
func (a *Admin) previewToken(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
		return
	}
	signer, err := a.previewSigner(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	token, expires := signer.IssueWithExpiry(article.ID)
	var p views.Page
	if isHtmx(c) {
		p = views.Page{L: a.localizer(c)} // a fragment shows no flash: leave it for the next page
	} else {
		p = a.page(c, "preview.title", "articles")
	}
	props := views.PreviewTokenProps{
		Page: p, ArticleID: article.ID, Token: token,
		Expires: p.L.DateTime(expires, a.tz), ExpiresISO: expires.Format(time.RFC3339),
	}
	for _, loc := range a.store.Locales().All() {
		if _, ok := article.Translation(loc.Code); ok {
			props.URLs = append(props.URLs, views.PreviewURL{Locale: localeOption(loc), Path: previewAPIPath(loc.Code, article.ID, token)})
		}
	}
	if isHtmx(c) {
		a.render(c, http.StatusOK, views.PreviewTokenPanel(props))
		return
	}
	a.render(c, http.StatusOK, views.PreviewTokenPage(props))
}

// previewAPIPath is the public API address of a translation's preview.
func previewAPIPath(loc string, id uint, token string) string {
	return "/api/v1/" + loc + "/articles/" + strconv.FormatUint(uint64(id), 10) + "?preview=" + url.QueryEscape(token)
}

// previewSigner signs with the database's secret, which every instance
// shares, so a token issued here opens the draft through any instance's
// API. The signer from Options (with --preview-lifetime) is used when
// given; otherwise tokens last preview.DefaultLifetime.
func (a *Admin) previewSigner(ctx context.Context) (*preview.Signer, error) {
	if a.preview != nil {
		return a.preview, nil
	}
	secret, err := a.store.PreviewSecret(ctx)
	if err != nil {
		return nil, err
	}
	return preview.New(secret, preview.DefaultLifetime, a.store.Now), nil
}

// articleEnvelope is the public API's single-article body.
type articleEnvelope struct {
	Data publicjson.Article `json:"data"`
}

// previewJSON answers the exact JSON the public API sends for the article
// with a preview token, drafts included: the same publicjson shape and the
// same encoding. ?locale= picks the translation (default: the site's
// default locale).
func (a *Admin) previewJSON(c *gin.Context) {
	loc, known := a.revisionLocale(c)
	article, related, ok := a.previewArticle(c, loc, known)
	if !ok {
		return
	}
	builder := publicjson.NewBuilder(a.publicBase(c), a.store.Locales(), a.tz).WithSite(a.site).WithMediaURL(a.mediaURL)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as the API: bodies carry HTML
	if err := enc.Encode(articleEnvelope{Data: builder.Article(*article, related)}); err != nil {
		a.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "application/json; charset=utf-8", buf.Bytes())
	c.Abort()
}

// previewArticle loads the article :id in loc as a preview shows it,
// drafts and scheduled translations included, with its public related
// articles. It answers the request itself (404 for an unknown locale,
// article or translation, a.fail for anything else) and reports false when
// there is nothing to show.
func (a *Admin) previewArticle(c *gin.Context, loc locale.Locale, known bool) (*models.PublicArticle, []models.PublicArticle, bool) {
	id, ok := pathID(c, "id")
	if !ok || !known {
		a.notFound(c)
		return nil, nil, false
	}
	ctx := c.Request.Context()
	article, err := a.store.FindPreviewArticle(ctx, loc.Code, id)
	if err != nil {
		a.fail(c, err)
		return nil, nil, false
	}
	related, err := a.store.ListPublicRelated(ctx, loc.Code, id)
	if err != nil {
		a.fail(c, err)
		return nil, nil, false
	}
	return article, related, true
}

// publicBase is the site's base URL for the preview's absolute media
// addresses: the configured public URL, or else the host the editor reached
// with the scheme of the session cookie.
func (a *Admin) publicBase(c *gin.Context) string {
	if a.publicURL != "" {
		return a.publicURL
	}
	scheme := "http"
	if a.sessions.Cookie.Secure {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
