package api

import (
	"bytes"
	"io"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/feed"
	"github.com/payvand/payvand/models"
)

// feedLimit is how many of the newest articles a feed carries.
const feedLimit = 50

// registerFeeds adds /feeds/{locale}/rss.xml and atom.xml. They are served
// by Payvand but name the site URL in every link, so the site's proxy passes
// /feeds/* through (README, "Feeds"). They share the API's response cache:
// an answer is kept until an event of its locale, or a scheduled article's
// time, makes it stale.
func (a *API) registerFeeds(r *gin.Engine) {
	feeds := r.Group("/feeds", noSniff, a.cached, a.requireSiteURL("Feeds"))
	perLocale := feeds.Group("/:locale", a.requireLocale)
	readable(perLocale, "/rss.xml", a.rssFeed)
	readable(perLocale, "/atom.xml", a.atomFeed)
}

func (a *API) rssFeed(c *gin.Context) {
	a.answerFeed(c, feedRSS, feed.WriteRSS)
}

func (a *API) atomFeed(c *gin.Context) {
	a.answerFeed(c, feedAtom, feed.WriteAtom)
}

// answerFeed writes the feed of the request's locale and filters in one
// format.
func (a *API) answerFeed(c *gin.Context, format feedFormat, write func(io.Writer, feed.Feed) error) {
	sel, err := a.feedSelection(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	items, err := a.store.ListFeedArticles(c.Request.Context(), sel.query)
	if err != nil {
		a.fail(c, err)
		return
	}
	var buf bytes.Buffer
	if err := write(&buf, a.feeds.build(sel, format, items)); err != nil {
		a.fail(c, err)
		return
	}
	c.Data(http.StatusOK, format.contentType, buf.Bytes())
}

// feedSelection is what one feed shows: its list query, and the section
// and tag it is narrowed to, if any, for its title, link and self link.
type feedSelection struct {
	query   models.ListQuery
	section *models.Section
	tag     *models.Tag
}

// feedSelection reads ?section= and ?tag= as the article list does: an
// unknown slug is not found, an old one a 301 to the feed with the current
// slug.
func (a *API) feedSelection(c *gin.Context) (feedSelection, error) {
	// Indexable: a translation marked noindex stays out of feeds as out
	// of sitemaps; aggregators would index it.
	sel := feedSelection{query: models.ListQuery{Locale: c.Param("locale"), Limit: feedLimit, Indexable: true}}
	ctx := c.Request.Context()
	query, err := readQuery(c)
	if err != nil {
		return sel, err
	}
	if sel.query.SectionID, err = a.sectionFilter(c, query); err != nil {
		return sel, err
	}
	if sel.query.TagID, err = a.tagFilter(c, query); err != nil {
		return sel, err
	}
	if sel.query.SectionID != 0 {
		if sel.section, err = a.store.FindSection(ctx, sel.query.SectionID); err != nil {
			return sel, err
		}
	}
	if sel.query.TagID != 0 {
		sel.tag, err = a.store.FindTag(ctx, sel.query.TagID)
	}
	return sel, err
}

// filters is the selection as the query of its self link, in a fixed
// order so every spelling of the same feed names one address.
func (sel feedSelection) filters() string {
	v := url.Values{}
	if sel.section != nil {
		v.Set("section", sel.section.Slug)
	}
	if sel.tag != nil {
		v.Set("tag", sel.tag.Slug)
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}
