// Package feedtest reads RSS 2.0 and Atom 1.0 documents the way feed readers
// do, for tests: elements are matched by namespace URI, not by prefix, so a
// missing or wrong xmlns declaration loses the field as it would in a
// reader. Check lists what a validator would refuse.
package feedtest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// Namespace URIs, written out here rather than taken from package feed, so
// a typo there shows as a field that does not read.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

// RSS is an RSS 2.0 document as read.
type RSS struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title         string `xml:"title"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		// Links are <link> and <atom:link>: encoding/xml matches a tag
		// without a namespace in every namespace, so both land here and
		// Link and AtomLinks tell them apart.
		Links []Link    `xml:"link"`
		Items []RSSItem `xml:"item"`
	} `xml:"channel"`
}

// Link is the channel's own <link>, outside every namespace.
func (doc RSS) Link() string {
	for _, l := range doc.Channel.Links {
		if l.XMLName.Space == "" {
			return l.Value
		}
	}
	return ""
}

// AtomLinks are the channel's <atom:link> elements.
func (doc RSS) AtomLinks() []Link {
	var out []Link
	for _, l := range doc.Channel.Links {
		if l.XMLName.Space == nsAtom {
			out = append(out, l)
		}
	}
	return out
}

// RSSItem is one <item>.
type RSSItem struct {
	Title string `xml:"title"`
	Link  string `xml:"link"`
	GUID  struct {
		IsPermaLink string `xml:"isPermaLink,attr"`
		Value       string `xml:",chardata"`
	} `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Updated     string   `xml:"http://www.w3.org/2005/Atom updated"`
	Description string   `xml:"description"`
	Content     string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Creator     string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Categories  []string `xml:"category"`
	Enclosures  []Link   `xml:"enclosure"`
	Media       []Media  `xml:"http://search.yahoo.com/mrss/ content"`
}

// Link is an Atom link, an RSS link (Value) or an RSS enclosure (url,
// length, type).
type Link struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
	Rel     string `xml:"rel,attr"`
	Type    string `xml:"type,attr"`
	Href    string `xml:"href,attr"`
	URL     string `xml:"url,attr"`
	Length  string `xml:"length,attr"`
}

// Media is a Media RSS <media:content>.
type Media struct {
	URL         string `xml:"url,attr"`
	Type        string `xml:"type,attr"`
	Medium      string `xml:"medium,attr"`
	FileSize    string `xml:"fileSize,attr"`
	Width       string `xml:"width,attr"`
	Height      string `xml:"height,attr"`
	Description string `xml:"http://search.yahoo.com/mrss/ description"`
	Thumbnail   struct {
		URL string `xml:"url,attr"`
	} `xml:"http://search.yahoo.com/mrss/ thumbnail"`
}

// Atom is an Atom 1.0 feed as read.
type Atom struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"http://www.w3.org/2005/Atom id"`
	Title   Text        `xml:"http://www.w3.org/2005/Atom title"`
	Updated string      `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []Link      `xml:"http://www.w3.org/2005/Atom link"`
	Author  []Person    `xml:"http://www.w3.org/2005/Atom author"`
	Entries []AtomEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

// AtomEntry is one <entry>.
type AtomEntry struct {
	ID         string     `xml:"http://www.w3.org/2005/Atom id"`
	Title      Text       `xml:"http://www.w3.org/2005/Atom title"`
	Links      []Link     `xml:"http://www.w3.org/2005/Atom link"`
	Published  string     `xml:"http://www.w3.org/2005/Atom published"`
	Updated    string     `xml:"http://www.w3.org/2005/Atom updated"`
	Author     []Person   `xml:"http://www.w3.org/2005/Atom author"`
	Categories []Category `xml:"http://www.w3.org/2005/Atom category"`
	Summary    Text       `xml:"http://www.w3.org/2005/Atom summary"`
	Content    Text       `xml:"http://www.w3.org/2005/Atom content"`
	Media      []Media    `xml:"http://search.yahoo.com/mrss/ content"`
}

// Text is an Atom text construct.
type Text struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// Person is an Atom author.
type Person struct {
	Name string `xml:"http://www.w3.org/2005/Atom name"`
}

// Category is an Atom category.
type Category struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// Rel returns the first link with rel, or a zero Link.
func Rel(links []Link, rel string) Link {
	for _, l := range links {
		if l.Rel == rel {
			return l
		}
	}
	return Link{}
}

// ParseRSS reads body strictly (well-formed XML 1.0, declared prefixes) and
// returns the document with the problems Check finds.
func ParseRSS(body []byte) (RSS, []error) {
	var doc RSS
	if err := decode(body, &doc); err != nil {
		return doc, []error{err}
	}
	return doc, checkRSS(doc)
}

// ParseAtom is ParseRSS for Atom.
func ParseAtom(body []byte) (Atom, []error) {
	var doc Atom
	if err := decode(body, &doc); err != nil {
		return doc, []error{err}
	}
	return doc, checkAtom(doc)
}

// decode refuses what a strict XML parser refuses: bad UTF-8, characters
// outside XML's Char production, undeclared prefixes, broken nesting.
func decode(body []byte, v any) error {
	if !utf8.Valid(body) {
		return fmt.Errorf("the document is not UTF-8")
	}
	if !bytes.HasPrefix(body, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		return fmt.Errorf("the document does not start with the XML declaration")
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("not well-formed XML: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Space != "" && !knownSpace(se.Name.Space) {
			return fmt.Errorf("element %s is in an undeclared or unknown namespace %q", se.Name.Local, se.Name.Space)
		}
	}
	return xml.Unmarshal(body, v)
}

// knownSpace says whether a namespace is one of the feeds' own. The
// decoder leaves an undeclared prefix as the namespace's name, which
// this catches.
func knownSpace(ns string) bool {
	switch ns {
	case nsAtom, nsContent, nsDC, nsMedia:
		return true
	}
	return false
}

func checkRSS(doc RSS) []error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	ch := doc.Channel
	if doc.Version != "2.0" {
		add("rss version = %q, want 2.0", doc.Version)
	}
	if ch.Title == "" || doc.Link() == "" || ch.Description == "" {
		add("the channel lacks title, link or description")
	}
	if Rel(doc.AtomLinks(), "self").Href == "" {
		add("the channel has no atom:link rel=self")
	}
	checkDate(&errs, "lastBuildDate", ch.LastBuildDate, time.RFC1123Z)
	for i, it := range ch.Items {
		if it.Title == "" && it.Description == "" {
			add("item %d has neither title nor description", i)
		}
		checkDate(&errs, fmt.Sprintf("item %d pubDate", i), it.PubDate, time.RFC1123Z)
		checkDate(&errs, fmt.Sprintf("item %d atom:updated", i), it.Updated, time.RFC3339)
		for _, e := range it.Enclosures {
			if e.URL == "" || e.Length == "" || e.Type == "" {
				add("item %d has an enclosure without url, length or type", i)
			}
		}
	}
	return errs
}

func checkAtom(doc Atom) []error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if doc.ID == "" || doc.Title.Value == "" {
		add("the feed lacks id or title")
	}
	if Rel(doc.Links, "self").Href == "" {
		add("the feed has no link rel=self")
	}
	checkDate(&errs, "feed updated", doc.Updated, time.RFC3339)
	for i, e := range doc.Entries {
		if e.ID == "" || e.Title.Value == "" {
			add("entry %d lacks id or title", i)
		}
		if len(e.Author) == 0 && len(doc.Author) == 0 {
			add("entry %d has no author and the feed none either", i)
		}
		if Rel(e.Links, "alternate").Href == "" {
			add("entry %d has no alternate link", i)
		}
		checkDate(&errs, fmt.Sprintf("entry %d published", i), e.Published, time.RFC3339)
		checkDate(&errs, fmt.Sprintf("entry %d updated", i), e.Updated, time.RFC3339)
		if e.Updated < e.Published { // same format and zone: text order is time order
			add("entry %d was updated (%s) before it was published (%s)", i, e.Updated, e.Published)
		}
	}
	return errs
}

// checkDate requires value in layout, exactly as the layout writes it.
func checkDate(errs *[]error, what, value, layout string) {
	t, err := time.Parse(layout, value)
	if err != nil || t.Format(layout) != value {
		*errs = append(*errs, fmt.Errorf("%s %q is not in the format %q", what, value, layout))
	}
}
