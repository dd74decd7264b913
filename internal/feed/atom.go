package feed

import (
	"encoding/xml"
	"io"
)

// atomDocument is an Atom 1.0 <feed> with Media RSS pictures.
type atomDocument struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	NSMedia   string      `xml:"xmlns:media,attr"`
	Lang      string      `xml:"xml:lang,attr"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	Content    atomText       `xml:"content"`
	Media      *mediaContent  `xml:"media:content"`
}

// atomText is a text construct: type "text" or "html" (escaped markup).
type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// atomLink is Atom's link, also used as atom:link inside RSS.
type atomLink struct {
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Length string `xml:"length,attr,omitempty"`
	Href   string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// WriteAtom writes f as an Atom 1.0 document.
func WriteAtom(w io.Writer, f Feed) error {
	doc := atomDocument{
		NSMedia: NamespaceMedia,
		Lang:    f.Language,
		ID:      f.ID,
		Title:   atomText{Type: "text", Value: xmlText(f.Title)},
		Updated: atomDate(f.Updated()),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: f.SelfURL},
			{Rel: "alternate", Type: "text/html", Href: f.Link},
		},
		Author:    atomPerson{Name: xmlText(f.Author)},
		Generator: generator,
		Entries:   make([]atomEntry, len(f.Items)),
	}
	for i, it := range f.Items {
		doc.Entries[i] = newAtomEntry(it)
	}
	return encode(w, doc)
}

func newAtomEntry(it Item) atomEntry {
	out := atomEntry{
		ID:        it.ID,
		Title:     atomText{Type: "text", Value: xmlText(it.Title)},
		Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: it.Link}},
		Published: atomDate(it.Published),
		Updated:   atomDate(it.updated()),
		Content:   atomText{Type: "html", Value: xmlText(it.ContentHTML)},
		Media:     newMediaContent(it.Image),
	}
	if it.Author != "" {
		out.Author = &atomPerson{Name: xmlText(it.Author)}
	}
	if it.Summary != "" {
		out.Summary = &atomText{Type: "text", Value: xmlText(it.Summary)}
	}
	for _, c := range it.Categories {
		out.Categories = append(out.Categories, atomCategory{Term: xmlText(c.Term), Label: xmlText(c.Label)})
	}
	if img := it.Image; img != nil {
		e := img.Enclosure
		out.Links = append(out.Links, atomLink{Rel: "enclosure", Type: e.Type, Length: formatLength(e.Length), Href: e.URL})
	}
	return out
}
