// Package wxr reads WordPress eXtended RSS exports (WXR 1.1 and 1.2, as
// WordPress's Tools → Export and WordPress.com write them) as a stream:
// one author, term or item at a time, so an export of several hundred MB
// never sits in memory whole.
package wxr

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Site is the channel's description of the exporting site.
type Site struct {
	Title       string
	Link        string
	Language    string
	WXRVersion  string
	BaseSiteURL string
	BaseBlogURL string
}

// Author is a wp:author.
type Author struct {
	ID          int
	Login       string
	Email       string
	DisplayName string
	FirstName   string
	LastName    string
}

// Category is a wp:category; Parent is the parent's slug (nicename), empty
// at the top.
type Category struct {
	TermID      int
	Slug        string
	Parent      string
	Name        string
	Description string
}

// Tag is a wp:tag.
type Tag struct {
	TermID      int
	Slug        string
	Name        string
	Description string
}

// Term is a wp:term of any other taxonomy: Polylang's language,
// post_translations, term_language and term_translations among them.
type Term struct {
	TermID      int
	Taxonomy    string
	Slug        string
	Parent      string
	Name        string
	Description string
}

// ItemTerm is one <category domain=… nicename=…> of an item.
type ItemTerm struct {
	Domain string
	Slug   string
	Name   string
}

// Meta is one wp:postmeta.
type Meta struct {
	Key   string
	Value string
}

// Item is an <item>: a post, page, attachment, revision, nav item…
type Item struct {
	Title       string
	Link        string
	GUID        string
	Creator     string
	Content     string
	Excerpt     string
	ID          int
	PostDate    string
	PostDateGMT string
	PostName    string
	Status      string
	Parent      int
	// MenuOrder orders an attachment among its post's (a gallery's order).
	MenuOrder     int
	Type          string
	AttachmentURL string
	Terms         []ItemTerm
	Meta          []Meta
	// Line is where the item starts in the file, for messages.
	Line int
}

// MetaValue returns the first value of key, and whether there is one.
func (it *Item) MetaValue(key string) (string, bool) {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value, true
		}
	}
	return "", false
}

// TermsOf returns the item's terms of one taxonomy, in file order.
func (it *Item) TermsOf(domain string) []ItemTerm {
	var out []ItemTerm
	for _, t := range it.Terms {
		if t.Domain == domain {
			out = append(out, t)
		}
	}
	return out
}

// Slug is the item's post_name percent-decoded: WordPress stores non-Latin
// slugs encoded (%d8%b3…). A name that does not decode to valid UTF-8 is
// returned as it is.
func (it *Item) Slug() string { return DecodeSlug(it.PostName) }

// DecodeSlug percent-decodes a WordPress slug when it decodes to valid
// UTF-8, and returns it unchanged otherwise.
func DecodeSlug(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	d, err := url.PathUnescape(s)
	if err != nil || !utf8.ValidString(d) {
		return s
	}
	return d
}

// zeroDate is how WordPress writes "no date" (drafts' post_date_gmt).
const zeroDate = "0000-00-00 00:00:00"

const dateLayout = "2006-01-02 15:04:05"

// Date is when the item was (or is to be) published: post_date_gmt, or,
// where WordPress left it zero, post_date read in loc. ok is false when
// neither holds a date.
func (it *Item) Date(loc *time.Location) (t time.Time, ok bool) {
	if t, ok := it.DateGMT(); ok {
		return t, true
	}
	if it.PostDate != "" && it.PostDate != zeroDate {
		if t, err := time.ParseInLocation(dateLayout, it.PostDate, loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// DateGMT is the item's UTC date, when WordPress wrote one. A draft has
// one only when its author chose a date; without, WordPress publishes it
// at the moment it is published.
func (it *Item) DateGMT() (time.Time, bool) {
	if it.PostDateGMT == "" || it.PostDateGMT == zeroDate {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(dateLayout, it.PostDateGMT, time.UTC)
	return t, err == nil
}

// SyntaxError is a malformed export, with the line it was found on.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("malformed WordPress export at line %d: %s", e.Line, e.Msg)
}

// ErrNotWXR means the file is XML but no WordPress export.
var ErrNotWXR = errors.New("not a WordPress export (no <rss><channel>)")

// Reader streams an export's records.
type Reader struct {
	d       *xml.Decoder
	site    Site
	inChan  bool
	started bool
}

// NewReader reads an export from r.
func NewReader(r io.Reader) *Reader {
	d := xml.NewDecoder(r)
	return &Reader{d: d}
}

// Site is the channel information read so far; WordPress writes it before
// the authors, terms and items, so it is complete once Next has returned
// the first record.
func (r *Reader) Site() Site { return r.site }

// Next returns the next record: *Author, *Category, *Tag, *Term or *Item;
// io.EOF at the end. A malformed file gives a *SyntaxError.
func (r *Reader) Next() (any, error) {
	for {
		line, _ := r.d.InputPos()
		tok, err := r.d.Token()
		if err == io.EOF {
			if !r.started {
				return nil, ErrNotWXR
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.syntax(err, line)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !r.inChan {
				if t.Name.Local == "channel" {
					r.inChan, r.started = true, true
				} else if t.Name.Local != "rss" {
					return nil, ErrNotWXR
				}
				continue
			}
			rec, err := r.element(t)
			if err != nil {
				return nil, err
			}
			if rec != nil {
				return rec, nil
			}
		case xml.EndElement:
			if t.Name.Local == "channel" {
				r.inChan = false
			}
		}
	}
}

// syntax wraps a decoder error with its line.
func (r *Reader) syntax(err error, line int) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &SyntaxError{Line: se.Line, Msg: se.Msg}
	}
	if l, _ := r.d.InputPos(); l > 0 {
		line = l
	}
	return &SyntaxError{Line: line, Msg: err.Error()}
}

// isWP tells whether an element is in one of WordPress's export namespaces
// (http://wordpress.org/export/1.x/).
func isWP(n xml.Name) bool {
	return strings.Contains(n.Space, "wordpress.org/export/") && !strings.HasSuffix(n.Space, "/excerpt/")
}

// element reads one child of the channel: a record, a site field, or
// something skipped.
func (r *Reader) element(t xml.StartElement) (any, error) {
	line, _ := r.d.InputPos()
	wp := isWP(t.Name)
	switch {
	case t.Name.Local == "item" && t.Name.Space == "":
		var raw rawItem
		if err := r.d.DecodeElement(&raw, &t); err != nil {
			return nil, r.syntax(err, line)
		}
		it := raw.item()
		it.Line = line
		return it, nil
	case wp && t.Name.Local == "author":
		var a rawAuthor
		if err := r.d.DecodeElement(&a, &t); err != nil {
			return nil, r.syntax(err, line)
		}
		return &Author{ID: atoi(a.ID), Login: a.Login, Email: a.Email, DisplayName: a.DisplayName, FirstName: a.FirstName, LastName: a.LastName}, nil
	case wp && t.Name.Local == "category":
		var c rawCategory
		if err := r.d.DecodeElement(&c, &t); err != nil {
			return nil, r.syntax(err, line)
		}
		return &Category{TermID: atoi(c.TermID), Slug: c.Slug, Parent: c.Parent, Name: c.Name, Description: c.Description}, nil
	case wp && t.Name.Local == "tag":
		var c rawTag
		if err := r.d.DecodeElement(&c, &t); err != nil {
			return nil, r.syntax(err, line)
		}
		return &Tag{TermID: atoi(c.TermID), Slug: c.Slug, Name: c.Name, Description: c.Description}, nil
	case wp && t.Name.Local == "term":
		var c rawTerm
		if err := r.d.DecodeElement(&c, &t); err != nil {
			return nil, r.syntax(err, line)
		}
		return &Term{TermID: atoi(c.TermID), Taxonomy: c.Taxonomy, Slug: c.Slug, Parent: c.Parent, Name: c.Name, Description: c.Description}, nil
	}
	var text string
	if err := r.d.DecodeElement(&text, &t); err != nil {
		return nil, r.syntax(err, line)
	}
	text = strings.TrimSpace(text)
	switch {
	case t.Name.Space == "" && t.Name.Local == "title":
		r.site.Title = text
	case t.Name.Space == "" && t.Name.Local == "link":
		r.site.Link = text
	case t.Name.Space == "" && t.Name.Local == "language":
		r.site.Language = text
	case wp && t.Name.Local == "wxr_version":
		r.site.WXRVersion = text
	case wp && t.Name.Local == "base_site_url":
		r.site.BaseSiteURL = text
	case wp && t.Name.Local == "base_blog_url":
		r.site.BaseBlogURL = text
	}
	return nil, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

type rawAuthor struct {
	ID          string `xml:"author_id"`
	Login       string `xml:"author_login"`
	Email       string `xml:"author_email"`
	DisplayName string `xml:"author_display_name"`
	FirstName   string `xml:"author_first_name"`
	LastName    string `xml:"author_last_name"`
}

type rawCategory struct {
	TermID      string `xml:"term_id"`
	Slug        string `xml:"category_nicename"`
	Parent      string `xml:"category_parent"`
	Name        string `xml:"cat_name"`
	Description string `xml:"category_description"`
}

type rawTag struct {
	TermID      string `xml:"term_id"`
	Slug        string `xml:"tag_slug"`
	Name        string `xml:"tag_name"`
	Description string `xml:"tag_description"`
}

type rawTerm struct {
	TermID      string `xml:"term_id"`
	Taxonomy    string `xml:"term_taxonomy"`
	Slug        string `xml:"term_slug"`
	Parent      string `xml:"term_parent"`
	Name        string `xml:"term_name"`
	Description string `xml:"term_description"`
}

type nsText struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
}

type rawItem struct {
	Title         string   `xml:"title"`
	Link          string   `xml:"link"`
	GUID          string   `xml:"guid"`
	Creator       string   `xml:"creator"`
	Encoded       []nsText `xml:"encoded"`
	PostID        string   `xml:"post_id"`
	PostDate      string   `xml:"post_date"`
	PostDateGMT   string   `xml:"post_date_gmt"`
	PostName      string   `xml:"post_name"`
	Status        string   `xml:"status"`
	Parent        string   `xml:"post_parent"`
	MenuOrder     string   `xml:"menu_order"`
	Type          string   `xml:"post_type"`
	AttachmentURL string   `xml:"attachment_url"`
	Categories    []struct {
		Domain   string `xml:"domain,attr"`
		Nicename string `xml:"nicename,attr"`
		Name     string `xml:",chardata"`
	} `xml:"category"`
	Meta []struct {
		Key   string `xml:"meta_key"`
		Value string `xml:"meta_value"`
	} `xml:"postmeta"`
}

func (raw *rawItem) item() *Item {
	it := &Item{
		Title: raw.Title, Link: strings.TrimSpace(raw.Link), GUID: strings.TrimSpace(raw.GUID), Creator: raw.Creator,
		ID: atoi(raw.PostID), PostDate: strings.TrimSpace(raw.PostDate), PostDateGMT: strings.TrimSpace(raw.PostDateGMT),
		PostName: strings.TrimSpace(raw.PostName), Status: strings.TrimSpace(raw.Status), Parent: atoi(raw.Parent),
		MenuOrder: atoi(raw.MenuOrder),
		Type:      strings.TrimSpace(raw.Type), AttachmentURL: strings.TrimSpace(raw.AttachmentURL),
	}
	for _, e := range raw.Encoded {
		// content:encoded is the body; excerpt:encoded (namespace
		// http://wordpress.org/export/1.x/excerpt/) the excerpt.
		if strings.HasSuffix(e.XMLName.Space, "/excerpt/") {
			it.Excerpt = e.Text
		} else {
			it.Content = e.Text
		}
	}
	for _, c := range raw.Categories {
		it.Terms = append(it.Terms, ItemTerm{Domain: c.Domain, Slug: c.Nicename, Name: c.Name})
	}
	for _, m := range raw.Meta {
		it.Meta = append(it.Meta, Meta{Key: m.Key, Value: m.Value})
	}
	return it
}
