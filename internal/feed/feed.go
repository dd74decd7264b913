// Package feed writes RSS 2.0 and Atom 1.0 documents. It knows the formats
// and nothing of Payvand's content: the api package fills a Feed with
// absolute URLs and finished text, and this package only encodes it.
//
// It is written on encoding/xml rather than github.com/gorilla/feeds,
// which writes one category per item, no xml:lang, no Media RSS, no Dublin
// Core creator and no guid isPermaLink attribute: adding them around it
// would be more code than the two small document types here.
package feed

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Content types of the two formats, as answers carry them.
const (
	RSSContentType  = "application/rss+xml; charset=utf-8"
	AtomContentType = "application/atom+xml; charset=utf-8"
)

// Feed is one feed, whatever its format. Every URL is absolute.
type Feed struct {
	// Title is the feed's name, shown by readers as the subscription.
	Title string
	// Language is the content's language code (xml:lang, RSS <language>).
	Language string
	// Link is the page on the site the feed mirrors (home, section, tag).
	Link string
	// SelfURL is where the feed itself is fetched.
	SelfURL string
	// ID is the feed's permanent identity (Atom <id>).
	ID string
	// Author names who publishes the feed: Atom needs an author for
	// entries that have no byline.
	Author string
	Items  []Item
}

// Item is one article of a feed.
type Item struct {
	// ID is the permanent identity, a tag: URI that no slug change moves.
	ID    string
	Title string
	Link  string
	// Summary is plain text; ContentHTML the full body as HTML.
	Summary     string
	ContentHTML string
	Published   time.Time
	Updated     time.Time
	// Author is the byline, "" when the article has none.
	Author     string
	Categories []Category
	Image      *Image
}

// Category is a section or tag an item belongs to: Term is its stable key
// (a slug), Label the name readers see.
type Category struct {
	Term, Label string
}

// Image is an item's featured picture. Enclosure is a copy sized for
// readers that download enclosures; Full is the original; Thumbnail the
// small copy.
type Image struct {
	Full, Enclosure, Thumbnail MediaFile
	// Description is the caption, or the alt text when there is no caption.
	Description string
}

// MediaFile is one stored file of a picture.
type MediaFile struct {
	URL           string
	Type          string
	Length        int64
	Width, Height int
}

// Updated is the feed's last change: its newest item's update. An empty
// feed answers the Unix epoch, a fixed value, so its bytes (and ETag) stay
// the same from one request to the next.
func (f Feed) Updated() time.Time {
	var newest time.Time
	for _, it := range f.Items {
		if u := it.updated(); u.After(newest) {
			newest = u
		}
	}
	if newest.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return newest
}

// updated is never before the publication: a scheduled article saved
// before its time would otherwise say it was changed before it appeared,
// which feed validators flag.
func (it Item) updated() time.Time {
	if it.Published.After(it.Updated) {
		return it.Published
	}
	return it.Updated
}

// xmlText drops what XML 1.0 cannot carry: C0 control characters other
// than tab, line feed and carriage return, U+FFFE, U+FFFF and bytes that
// are not UTF-8. Everything else stays exactly as stored: ZWNJ (U+200C),
// the bidi marks and isolates, Persian and Tajik letters. encoding/xml
// would write U+FFFD for each of them instead; a reader shows that as a
// box in the middle of a title.
func xmlText(s string) string {
	clean := true
	for i, r := range s {
		if !xmlChar(r) || (r == utf8.RuneError && !validAt(s, i)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if xmlChar(r) && (r != utf8.RuneError || validAt(s, i)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r is in XML 1.0's Char production.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= utf8.MaxRune
}

// validAt reports whether the U+FFFD decoded at s[i] was written as such
// rather than made up by the decoder for a broken byte.
func validAt(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return r != utf8.RuneError || size == 3
}

// rssDate is RFC 822 as RSS 2.0 wants it, with a four-digit year and a
// numeric zone (RFC 1123Z), always in UTC.
func rssDate(t time.Time) string { return t.UTC().Format(time.RFC1123Z) }

// atomDate is RFC 3339 in UTC, whole seconds.
func atomDate(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func formatLength(n int64) string { return strconv.FormatInt(n, 10) }
