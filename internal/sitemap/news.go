package sitemap

import (
	"io"
	"time"
)

// News sitemap limits, as Google News reads them: only articles of the
// last two days, at most 1,000 URLs per file.
const (
	NewsWindow  = 48 * time.Hour
	MaxNewsURLs = 1000
)

// NewsURL is one article of a Google News sitemap.
type NewsURL struct {
	Loc string
	// Publication is the site's name in the article's language, and
	// Language that language's code (ISO 639: fa, tg, en).
	Publication string
	Language    string
	Published   time.Time
	Title       string
}

// WriteNews writes a Google News sitemap. Inside news:news the schema's
// order is kept: publication, publication_date, title.
func WriteNews(w io.Writer, urls []NewsURL) error {
	x := newXMLWriter(w)
	x.raw(xmlHeader + `<urlset xmlns="` + NamespaceSitemap + `" xmlns:news="` + NamespaceNews + `">` + "\n")
	for _, u := range urls[:min(len(urls), MaxNewsURLs)] {
		x.raw("<url>")
		x.element("loc", u.Loc)
		x.raw("<news:news><news:publication>")
		x.element("news:name", u.Publication)
		x.element("news:language", u.Language)
		x.raw("</news:publication>")
		x.element("news:publication_date", FormatTime(u.Published))
		x.element("news:title", u.Title)
		x.raw("</news:news></url>\n")
	}
	x.raw("</urlset>\n")
	return x.flush()
}
