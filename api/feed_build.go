package api

import (
	"cmp"
	"fmt"
	"net/url"
	"strings"

	"github.com/payvand/payvand/internal/feed"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

// feedFormat is one of the two feed formats.
type feedFormat struct {
	file        string
	contentType string
}

var (
	feedRSS  = feedFormat{file: "rss.xml", contentType: feed.RSSContentType}
	feedAtom = feedFormat{file: "atom.xml", contentType: feed.AtomContentType}
)

// feedBuilder turns public articles into feed items: links on the site URL,
// media on the public URL, and ids that no slug change moves.
type feedBuilder struct {
	site  *siteurl.Builder
	json  *publicjson.Builder
	names map[string]string
	// host is the site URL's host name, the authority of the tag: ids.
	host string
}

func newFeedBuilder(site *siteurl.Builder, json *publicjson.Builder, names map[string]string) feedBuilder {
	fb := feedBuilder{site: site, json: json, names: names}
	if u, err := url.Parse(site.Base()); err == nil {
		fb.host = strings.ToLower(u.Hostname())
	}
	return fb
}

// build is the feed of sel in one format.
func (fb feedBuilder) build(sel feedSelection, format feedFormat, items []models.PublicArticle) feed.Feed {
	loc := sel.query.Locale
	base := fb.site.Base()
	f := feed.Feed{
		Title:    fb.names[loc],
		Language: loc,
		Link:     base + "/",
		SelfURL:  base + "/feeds/" + loc + "/" + format.file + sel.filters(),
		ID:       base + "/feeds/" + loc + "/" + feedAtom.file + sel.filters(),
		Author:   fb.names[loc],
		Items:    make([]feed.Item, len(items)),
	}
	if sec := sel.section; sec != nil {
		f.Title += " — " + cmp.Or(sec.Name(loc), sec.Slug)
		f.Link = *fb.site.Section(loc, sec.Slug)
	}
	if tag := sel.tag; tag != nil {
		f.Title += " — " + cmp.Or(tag.Name(loc), tag.Slug)
		f.Link = *fb.site.Tag(loc, tag.Slug)
	}
	for i, p := range items {
		f.Items[i] = fb.item(p)
	}
	return f
}

// item is one article in the feed's locale.
func (fb feedBuilder) item(p models.PublicArticle) feed.Item {
	t := p.Translation
	loc := t.Locale
	updated := t.UpdatedAt
	if p.Article.UpdatedAt.After(updated) {
		updated = p.Article.UpdatedAt // the section and picture show too
	}
	it := feed.Item{
		ID:          fb.itemID(p),
		Title:       t.Title,
		Link:        *fb.site.Article(loc, t.Slug, p.Article.ID),
		Summary:     t.Summary,
		ContentHTML: fb.body(p),
		Updated:     updated,
		Author:      t.Byline,
		Categories:  []feed.Category{{Term: p.Section.Slug, Label: cmp.Or(p.Section.Name(loc), p.Section.Slug)}},
		Image:       fb.image(p.Image, loc),
	}
	// Tags show as the API shows them: those named in the feed's locale.
	for _, tag := range p.NamedTags(loc) {
		it.Categories = append(it.Categories, feed.Category{Term: tag.Slug, Label: tag.Name(loc)})
	}
	if t.PublishedAt != nil {
		it.Published = *t.PublishedAt
	}
	return it
}

// itemID is a tag: URI (RFC 4151) of the site's host, the year the article
// was created and its id and locale, e.g.
// tag:news.example.tj,2026:article/12/fa. Slugs and titles stay out, so
// a reader keeps an edited article as the same item.
func (fb feedBuilder) itemID(p models.PublicArticle) string {
	return fmt.Sprintf("tag:%s,%d:article/%d/%s", fb.host, p.Article.CreatedAt.UTC().Year(), p.Article.ID, p.Translation.Locale)
}

// body is the body exactly as the API answers it (library pictures with
// src, srcset, width and height, media URLs absolute on the public URL)
// with its site links made absolute too.
func (fb feedBuilder) body(p models.PublicArticle) string {
	return feed.AbsoluteLinks(fb.json.Body(p), fb.site.Base())
}

// image describes the featured picture: the original, the medium size as
// the enclosure readers download, and the thumbnail.
func (fb feedBuilder) image(m *models.Media, loc string) *feed.Image {
	if m == nil {
		return nil
	}
	text := m.Text(loc)
	return &feed.Image{
		Full:        feed.MediaFile{URL: fb.json.MediaURL(m.Path), Type: m.MimeType, Length: m.ByteSize, Width: m.Width, Height: m.Height},
		Enclosure:   fb.mediaFile(m.Variant(media.VariantMedium)),
		Thumbnail:   fb.mediaFile(m.Variant(media.VariantThumbnail)),
		Description: cmp.Or(text.Caption, text.Alt),
	}
}

func (fb feedBuilder) mediaFile(v models.MediaVariant) feed.MediaFile {
	return feed.MediaFile{URL: fb.json.MediaURL(v.Path), Type: v.MimeType, Length: v.ByteSize, Width: v.Width, Height: v.Height}
}
