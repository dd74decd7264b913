package sitemap

import (
	"fmt"
	"io"
)

// URLSetWriter writes one sitemap file (<urlset>) entry by entry.
type URLSetWriter struct {
	x *xmlWriter
	n int
}

// NewURLSetWriter starts a sitemap file on w with the namespaces of the
// alternates and image extensions.
func NewURLSetWriter(w io.Writer) *URLSetWriter {
	x := newXMLWriter(w)
	x.raw(xmlHeader + `<urlset xmlns="` + NamespaceSitemap + `" xmlns:xhtml="` + NamespaceXHTML + `" xmlns:image="` + NamespaceImage + `">` + "\n")
	return &URLSetWriter{x: x}
}

// xmlHeader opens every document.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// Write adds u. Elements follow the schema's order: loc, lastmod, then the
// extensions (alternates, then images).
func (s *URLSetWriter) Write(u URL) error {
	if s.n == MaxURLsPerFile {
		return fmt.Errorf("sitemap: a file holds at most %d URLs", MaxURLsPerFile)
	}
	s.n++
	x := s.x
	x.raw("<url>")
	x.element("loc", u.Loc)
	if !u.LastMod.IsZero() {
		x.element("lastmod", FormatTime(u.LastMod))
	}
	for _, a := range u.Alternates {
		x.raw(`<xhtml:link rel="alternate" hreflang="`)
		x.text(a.Hreflang)
		x.raw(`" href="`)
		x.text(a.Href)
		x.raw(`"/>`)
	}
	for _, img := range u.Images {
		x.raw("<image:image>")
		x.element("image:loc", img)
		x.raw("</image:image>")
	}
	x.raw("</url>\n")
	return x.err
}

// Count is how many URLs were written.
func (s *URLSetWriter) Count() int { return s.n }

// Close ends the document and flushes it.
func (s *URLSetWriter) Close() error {
	s.x.raw("</urlset>\n")
	return s.x.flush()
}
