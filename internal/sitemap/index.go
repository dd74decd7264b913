package sitemap

import (
	"io"
	"time"
)

// IndexEntry is one file listed by a sitemap index.
type IndexEntry struct {
	Loc string
	// LastMod is left out when zero.
	LastMod time.Time
}

// WriteIndex writes a sitemap index (<sitemapindex>) listing entries.
func WriteIndex(w io.Writer, entries []IndexEntry) error {
	x := newXMLWriter(w)
	x.raw(xmlHeader + `<sitemapindex xmlns="` + NamespaceSitemap + `">` + "\n")
	for _, e := range entries {
		x.raw("<sitemap>")
		x.element("loc", e.Loc)
		if !e.LastMod.IsZero() {
			x.element("lastmod", FormatTime(e.LastMod))
		}
		x.raw("</sitemap>\n")
	}
	x.raw("</sitemapindex>\n")
	return x.flush()
}
