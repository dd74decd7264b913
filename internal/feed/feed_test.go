package feed_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/feed"
	"github.com/payvand/payvand/internal/feed/feedtest"
)

var (
	published = time.Date(2026, 3, 21, 8, 30, 0, 0, time.FixedZone("Asia/Dushanbe", 5*3600))
	edited    = time.Date(2026, 3, 22, 10, 0, 0, 0, time.UTC)
)

// sample is a Persian feed whose texts carry what must survive (ZWNJ, an
// RLM, markup-like characters) and what XML cannot carry (C0 controls).
func sample() feed.Feed {
	return feed.Feed{
		Title: "وزارت فرهنگ", Language: "fa", Link: "https://news.example.tj/",
		SelfURL: "https://news.example.tj/feeds/fa/rss.xml", ID: "https://news.example.tj/feeds/fa/atom.xml", Author: "وزارت فرهنگ",
		Items: []feed.Item{{
			ID:          "tag:news.example.tj,2026:article/12/fa",
			Title:       "همکاری\u200cهای فرهنگی \u200f<گسترش> & می\u200cیابد\x01\x1f",
			Link:        "https://news.example.tj/fa/news/%D9%87%D9%85%DA%A9%D8%A7%D8%B1%DB%8C",
			Summary:     "خلاصه\x00 با نیم\u200cفاصله",
			ContentHTML: `<p dir="rtl">متن <a href="https://news.example.tj/fa/news/x">پیوند</a> &amp; بیشتر</p>` + "\x08",
			Published:   published, Updated: edited, Author: "پیام\u200cنگار",
			Categories: []feed.Category{{Term: "culture", Label: "فرهنگ"}, {Term: "heritage", Label: "میراث"}},
			Image: &feed.Image{
				Full:        feed.MediaFile{URL: "https://cms.example.tj/media/ab/pic.jpg", Type: "image/jpeg", Length: 250000, Width: 1600, Height: 900},
				Enclosure:   feed.MediaFile{URL: "https://cms.example.tj/media/ab/pic-medium.jpg", Type: "image/jpeg", Length: 81234, Width: 960, Height: 540},
				Thumbnail:   feed.MediaFile{URL: "https://cms.example.tj/media/ab/pic-thumb.jpg", Type: "image/jpeg", Length: 9000, Width: 320, Height: 180},
				Description: "عکس: پیام\u200cنگار",
			},
		}, {
			ID: "tag:news.example.tj,2025:article/3/fa", Title: "بدون تصویر", Link: "https://news.example.tj/fa/news/3",
			ContentHTML: "<p>متن</p>", Published: edited.Add(-48 * time.Hour), Updated: edited.Add(-72 * time.Hour),
			Categories: []feed.Category{{Term: "news", Label: "خبر"}},
		}},
	}
}

const wantTitle = "همکاری\u200cهای فرهنگی \u200f<گسترش> & می\u200cیابد"

func write(t *testing.T, w func(*bytes.Buffer, feed.Feed) error, f feed.Feed) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeRSS(b *bytes.Buffer, f feed.Feed) error  { return feed.WriteRSS(b, f) }
func writeAtom(b *bytes.Buffer, f feed.Feed) error { return feed.WriteAtom(b, f) }

// Every field a reader shows arrives in RSS through the namespace readers
// look for, with text exactly as stored apart from control characters.
func TestRSSCarriesEveryItemField(t *testing.T) {
	body := write(t, writeRSS, sample())
	doc, problems := feedtest.ParseRSS(body)
	for _, p := range problems {
		t.Error(p)
	}
	ch := doc.Channel
	if ch.Title != "وزارت فرهنگ" || ch.Language != "fa" || doc.Link() != "https://news.example.tj/" {
		t.Errorf("channel = %q %q %q", ch.Title, ch.Language, doc.Link())
	}
	self := feedtest.Rel(doc.AtomLinks(), "self")
	if self.Href != "https://news.example.tj/feeds/fa/rss.xml" || self.Type != "application/rss+xml" {
		t.Errorf("self link = %+v", self)
	}
	if ch.LastBuildDate != "Sun, 22 Mar 2026 10:00:00 +0000" {
		t.Errorf("lastBuildDate = %q, want the newest update in RFC 1123Z, UTC", ch.LastBuildDate)
	}
	if len(ch.Items) != 2 {
		t.Fatalf("%d items, want 2", len(ch.Items))
	}
	it := ch.Items[0]
	checks := []struct{ name, got, want string }{
		{"title", it.Title, wantTitle},
		{"link", it.Link, "https://news.example.tj/fa/news/%D9%87%D9%85%DA%A9%D8%A7%D8%B1%DB%8C"},
		{"guid", it.GUID.Value, "tag:news.example.tj,2026:article/12/fa"},
		{"guid isPermaLink", it.GUID.IsPermaLink, "false"},
		{"pubDate", it.PubDate, "Sat, 21 Mar 2026 03:30:00 +0000"},
		{"atom:updated", it.Updated, "2026-03-22T10:00:00Z"},
		{"description", it.Description, "خلاصه با نیم\u200cفاصله"},
		{"content:encoded", it.Content, `<p dir="rtl">متن <a href="https://news.example.tj/fa/news/x">پیوند</a> &amp; بیشتر</p>`},
		{"dc:creator", it.Creator, "پیام\u200cنگار"},
		{"categories", strings.Join(it.Categories, "|"), "فرهنگ|میراث"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(it.Enclosures) != 1 || enclosure(it.Enclosures[0]) != "https://cms.example.tj/media/ab/pic-medium.jpg 81234 image/jpeg" {
		t.Errorf("enclosures = %+v, want the medium size with its length and type", it.Enclosures)
	}
	wantMedia := feedtest.Media{URL: "https://cms.example.tj/media/ab/pic.jpg", Type: "image/jpeg", Medium: "image", FileSize: "250000",
		Width: "1600", Height: "900", Description: "عکس: پیام\u200cنگار"}
	wantMedia.Thumbnail.URL = "https://cms.example.tj/media/ab/pic-thumb.jpg"
	if len(it.Media) != 1 || it.Media[0] != wantMedia {
		t.Errorf("media:content = %+v, want %+v", it.Media, wantMedia)
	}
	if second := ch.Items[1]; len(second.Enclosures) != 0 || len(second.Media) != 0 || second.Creator != "" || second.Description != "" {
		t.Errorf("an item without picture, byline or summary shows %+v", second)
	}
}

// enclosure is an RSS enclosure's url, length and type.
func enclosure(l feedtest.Link) string { return l.URL + " " + l.Length + " " + l.Type }

// The same in Atom, with xml:lang on the feed and each entry's update never
// before its publication.
func TestAtomCarriesEveryEntryField(t *testing.T) {
	body := write(t, writeAtom, sample())
	doc, problems := feedtest.ParseAtom(body)
	for _, p := range problems {
		t.Error(p)
	}
	if doc.Lang != "fa" || doc.Title.Value != "وزارت فرهنگ" || doc.ID != "https://news.example.tj/feeds/fa/atom.xml" || doc.Updated != "2026-03-22T10:00:00Z" {
		t.Errorf("feed = lang %q title %q id %q updated %q", doc.Lang, doc.Title.Value, doc.ID, doc.Updated)
	}
	if len(doc.Author) != 1 || doc.Author[0].Name != "وزارت فرهنگ" {
		t.Errorf("feed author = %+v, want the site name for entries without a byline", doc.Author)
	}
	if len(doc.Entries) != 2 {
		t.Fatalf("%d entries, want 2", len(doc.Entries))
	}
	e := doc.Entries[0]
	enclosure := feedtest.Rel(e.Links, "enclosure")
	checks := []struct{ name, got, want string }{
		{"id", e.ID, "tag:news.example.tj,2026:article/12/fa"},
		{"title", e.Title.Value, wantTitle},
		{"title type", e.Title.Type, "text"},
		{"alternate", feedtest.Rel(e.Links, "alternate").Href, "https://news.example.tj/fa/news/%D9%87%D9%85%DA%A9%D8%A7%D8%B1%DB%8C"},
		{"published", e.Published, "2026-03-21T03:30:00Z"},
		{"updated", e.Updated, "2026-03-22T10:00:00Z"},
		{"summary", e.Summary.Value, "خلاصه با نیم\u200cفاصله"},
		{"content type", e.Content.Type, "html"},
		{"content", e.Content.Value, `<p dir="rtl">متن <a href="https://news.example.tj/fa/news/x">پیوند</a> &amp; بیشتر</p>`},
		{"enclosure", enclosure.Href + " " + enclosure.Length + " " + enclosure.Type, "https://cms.example.tj/media/ab/pic-medium.jpg 81234 image/jpeg"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(e.Author) != 1 || e.Author[0].Name != "پیام\u200cنگار" {
		t.Errorf("author = %+v", e.Author)
	}
	if len(e.Categories) != 2 || e.Categories[0] != (feedtest.Category{Term: "culture", Label: "فرهنگ"}) {
		t.Errorf("categories = %+v", e.Categories)
	}
	if len(e.Media) != 1 || e.Media[0].URL != "https://cms.example.tj/media/ab/pic.jpg" {
		t.Errorf("media:content = %+v", e.Media)
	}
	second := doc.Entries[1]
	if second.Updated != second.Published || len(second.Author) != 0 {
		t.Errorf("second entry: updated %q published %q author %+v; want updated raised to published, no author of its own", second.Updated, second.Published, second.Author)
	}
}

// An empty feed is still valid, and its bytes do not change between two
// writes: the ETag of a feed with nothing in it must hold still.
func TestEmptyFeedIsValidAndStable(t *testing.T) {
	f := sample()
	f.Items = nil
	for name, w := range map[string]func(*bytes.Buffer, feed.Feed) error{"rss": writeRSS, "atom": writeAtom} {
		first, second := write(t, w, f), write(t, w, f)
		if !bytes.Equal(first, second) {
			t.Errorf("%s: two writes differ", name)
		}
		var problems []error
		if name == "rss" {
			_, problems = feedtest.ParseRSS(first)
		} else {
			_, problems = feedtest.ParseAtom(first)
		}
		for _, p := range problems {
			t.Errorf("%s: %v", name, p)
		}
	}
}

// The feedtest reader is strict enough to catch what it is there for.
func TestFeedtestRefusesBrokenDocuments(t *testing.T) {
	good := string(write(t, writeRSS, sample()))
	broken := map[string]string{
		"control character":   strings.Replace(good, "<title>", "<title>\x01", 1),
		"undeclared prefix":   strings.Replace(good, ` xmlns:dc="http://purl.org/dc/elements/1.1/"`, "", 1),
		"wrong namespace":     strings.Replace(good, `xmlns:content="http://purl.org/rss/1.0/modules/content/"`, `xmlns:content="http://example.com/content"`, 1),
		"RFC 3339 in pubDate": strings.Replace(good, "<pubDate>Sat, 21 Mar 2026 03:30:00 +0000", "<pubDate>2026-03-21T03:30:00Z", 1),
	}
	for name, doc := range broken {
		if _, problems := feedtest.ParseRSS([]byte(doc)); len(problems) == 0 {
			t.Errorf("%s: no problem found", name)
		}
	}
}
