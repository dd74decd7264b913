// Package sitemap writes the XML of sitemaps (sitemaps.org 0.9) with the
// extensions a news site needs: hreflang alternates (xhtml:link), Google's
// image and news extensions, and the sitemap index that lists the files.
// Writers stream: a file of 10,000 URLs is written entry by entry as its
// rows are read, never built whole in memory.
package sitemap

import (
	"bufio"
	"encoding/xml"
	"io"
	"time"
)

// MaxURLsPerFile is how many URLs a sitemap file holds at most. The format
// allows 50,000, but a percent-encoded Persian URL with its alternates and
// picture is over 1 KB, and 50,000 of them would pass the format's 50 MB.
const MaxURLsPerFile = 10000

// Namespaces of the sitemap format and of the extensions used.
const (
	NamespaceSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	NamespaceXHTML   = "http://www.w3.org/1999/xhtml"
	NamespaceImage   = "http://www.google.com/schemas/sitemap-image/1.1"
	NamespaceNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// XDefault is the hreflang of the page for readers of no listed language.
const XDefault = "x-default"

// ContentType is the media type every sitemap is served with.
const ContentType = "application/xml; charset=utf-8"

// URL is one <url> entry of a sitemap file.
type URL struct {
	Loc string
	// LastMod is left out when zero.
	LastMod time.Time
	// Alternates are the page's language versions (itself included),
	// written as xhtml:link rel="alternate".
	Alternates []Alternate
	// Images are the absolute URLs of the page's pictures.
	Images []string
}

// Alternate is one language version of a page.
type Alternate struct {
	Hreflang string
	Href     string
}

// FormatTime writes t as a W3C datetime in UTC, to the second, as lastmod
// and news:publication_date take it.
func FormatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// xmlWriter is a buffered writer whose first error sticks, so the writing
// code reads as the document it writes and checks once at the end.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter { return &xmlWriter{w: bufio.NewWriterSize(w, 32<<10)} }

// raw writes markup as it is.
func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// text writes s escaped for element content and attribute values. Text is
// kept as typed (ZWNJ and bidi marks included); only characters XML
// cannot carry become U+FFFD.
func (x *xmlWriter) text(s string) {
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(s))
	}
}

// element writes <name>text</name>.
func (x *xmlWriter) element(name, text string) {
	x.raw("<" + name + ">")
	x.text(text)
	x.raw("</" + name + ">")
}

// flush sends what is buffered and returns the first error.
func (x *xmlWriter) flush() error {
	if x.err == nil {
		x.err = x.w.Flush()
	}
	return x.err
}
