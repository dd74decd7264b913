package feed

import (
	"encoding/xml"
	"fmt"
	"io"
)

// Namespaces of the extensions the feeds use.
const (
	NamespaceAtom    = "http://www.w3.org/2005/Atom"
	NamespaceContent = "http://purl.org/rss/1.0/modules/content/"
	NamespaceDC      = "http://purl.org/dc/elements/1.1/"
	NamespaceMedia   = "http://search.yahoo.com/mrss/"
)

// generator is the <generator> of both formats.
const generator = "Payvand"

// rssDocument is <rss>: RSS 2.0 with the extensions readers understand for
// the full body (content:encoded), the byline (dc:creator), the picture
// (media:content) and the self link and update time (atom:).
type rssDocument struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	NSAtom    string     `xml:"xmlns:atom,attr"`
	NSContent string     `xml:"xmlns:content,attr"`
	NSDC      string     `xml:"xmlns:dc,attr"`
	NSMedia   string     `xml:"xmlns:media,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Generator     string    `xml:"generator"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Updated     string        `xml:"atom:updated"`
	Description string        `xml:"description,omitempty"`
	Content     string        `xml:"content:encoded"`
	Creator     string        `xml:"dc:creator,omitempty"`
	Categories  []string      `xml:"category"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
	Media       *mediaContent `xml:"media:content"`
}

// rssGUID is never a permalink: the link follows the slug, the guid not.
type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length string `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// mediaContent is Media RSS's picture, used in both formats.
type mediaContent struct {
	URL         string          `xml:"url,attr"`
	Type        string          `xml:"type,attr,omitempty"`
	Medium      string          `xml:"medium,attr"`
	FileSize    string          `xml:"fileSize,attr,omitempty"`
	Width       int             `xml:"width,attr,omitempty"`
	Height      int             `xml:"height,attr,omitempty"`
	Description *mediaText      `xml:"media:description"`
	Thumbnail   *mediaThumbnail `xml:"media:thumbnail"`
}

type mediaText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type mediaThumbnail struct {
	URL    string `xml:"url,attr"`
	Width  int    `xml:"width,attr,omitempty"`
	Height int    `xml:"height,attr,omitempty"`
}

// WriteRSS writes f as an RSS 2.0 document.
func WriteRSS(w io.Writer, f Feed) error {
	doc := rssDocument{
		Version: "2.0", NSAtom: NamespaceAtom, NSContent: NamespaceContent, NSDC: NamespaceDC, NSMedia: NamespaceMedia,
		Channel: rssChannel{
			Title:         xmlText(f.Title),
			Link:          f.Link,
			Description:   xmlText(f.Title),
			Language:      f.Language,
			LastBuildDate: rssDate(f.Updated()),
			Generator:     generator,
			Self:          atomLink{Rel: "self", Type: "application/rss+xml", Href: f.SelfURL},
			Items:         make([]rssItem, len(f.Items)),
		},
	}
	for i, it := range f.Items {
		doc.Channel.Items[i] = newRSSItem(it)
	}
	return encode(w, doc)
}

func newRSSItem(it Item) rssItem {
	out := rssItem{
		Title:       xmlText(it.Title),
		Link:        it.Link,
		GUID:        rssGUID{IsPermaLink: "false", Value: it.ID},
		PubDate:     rssDate(it.Published),
		Updated:     atomDate(it.updated()),
		Description: xmlText(it.Summary),
		Content:     xmlText(it.ContentHTML),
		Creator:     xmlText(it.Author),
		Media:       newMediaContent(it.Image),
	}
	for _, c := range it.Categories {
		out.Categories = append(out.Categories, xmlText(c.Label))
	}
	if img := it.Image; img != nil {
		e := img.Enclosure
		out.Enclosure = &rssEnclosure{URL: e.URL, Length: formatLength(e.Length), Type: e.Type}
	}
	return out
}

// newMediaContent describes the full-size picture with its thumbnail.
func newMediaContent(img *Image) *mediaContent {
	if img == nil {
		return nil
	}
	m := &mediaContent{URL: img.Full.URL, Type: img.Full.Type, Medium: "image", Width: img.Full.Width, Height: img.Full.Height}
	if img.Full.Length > 0 {
		m.FileSize = formatLength(img.Full.Length)
	}
	if img.Description != "" {
		m.Description = &mediaText{Type: "plain", Value: xmlText(img.Description)}
	}
	if t := img.Thumbnail; t.URL != "" {
		m.Thumbnail = &mediaThumbnail{URL: t.URL, Width: t.Width, Height: t.Height}
	}
	return m
}

// encode writes the XML declaration and doc, indented for people reading
// the feed while debugging (gzip takes the indentation back).
func encode(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	return enc.Close()
}
