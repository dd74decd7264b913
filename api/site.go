package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/internal/siteurl"
)

// siteBody is GET /api/v1/site: what a frontend reads once to build its
// pages and links the way Payvand's answers and feeds do.
type siteBody struct {
	SiteURL       *string             `json:"site_url"`
	Names         map[string]string   `json:"names"`
	Paths         sitePaths           `json:"paths"`
	TimeZone      string              `json:"time_zone"`
	DefaultLocale string              `json:"default_locale"`
	Locales       []publicjson.Locale `json:"locales"`
}

// sitePaths are the page path patterns; preview is null when the site has
// no preview page.
type sitePaths struct {
	Article string  `json:"article"`
	Section string  `json:"section"`
	Tag     string  `json:"tag"`
	Preview *string `json:"preview"`
}

// newSiteBody fixes the answer at start: it depends only on settings.
func newSiteBody(opts Options) siteBody {
	locales := opts.Store.Locales()
	body := siteBody{
		Names:         map[string]string{},
		TimeZone:      time.UTC.String(),
		DefaultLocale: locales.Default().Code,
		Locales:       publicjson.NewBuilder("", locales, nil).Locales(),
		Paths:         sitePaths{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath},
	}
	if opts.TimeZone != nil {
		body.TimeZone = opts.TimeZone.String()
	}
	if base := opts.SiteURLs.Base(); base != "" {
		body.SiteURL = &base
	}
	p := opts.SitePaths
	if p.Article != "" {
		body.Paths.Article, body.Paths.Section, body.Paths.Tag = p.Article, p.Section, p.Tag
	}
	if p.Preview != "" {
		body.Paths.Preview = &p.Preview
	}
	// Every locale has a name, so a frontend never meets a missing key.
	for _, code := range locales.Codes() {
		body.Names[code] = "Payvand"
		if name := opts.SiteNames[code]; name != "" {
			body.Names[code] = name
		}
	}
	return body
}

func (a *API) getSite(c *gin.Context) {
	a.writeJSON(c, http.StatusOK, gin.H{"data": a.site})
}
