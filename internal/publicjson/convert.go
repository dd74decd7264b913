package publicjson

import (
	"strings"
	"time"

	"github.com/payvand/payvand/internal/datefmt"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/readingtime"
	"github.com/payvand/payvand/internal/richtext"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

// TimeFormat is how every timestamp leaves the API: RFC 3339, UTC, seconds.
const TimeFormat = "2006-01-02T15:04:05Z"

// mediaPathPrefix is the stable relative path bodies use for pictures.
const mediaPathPrefix = media.PathPrefix

// Builder turns stored content into public JSON values. It knows the
// public base URL, so stored bodies and pictures can keep relative paths and
// moving media to another host rewrites nothing that was saved. Its time
// zone is the site's, in which datelines are printed.
type Builder struct {
	base string // public base URL without a trailing slash
	// media is what a stored media path is appended to for its URL: base +
	// "/media/", or the --media-url base with a slash.
	media   string
	locales locale.Set
	tz      *time.Location
	// site builds the public URLs on the site frontend; nil (no --site-url)
	// leaves every url null.
	site *siteurl.Builder
}

// NewBuilder returns a Builder for the site at baseURL whose datelines are
// printed in tz; a nil tz means UTC.
func NewBuilder(baseURL string, locales locale.Set, tz *time.Location) *Builder {
	if tz == nil {
		tz = time.UTC
	}
	return &Builder{media: strings.TrimRight(baseURL, "/") + mediaPathPrefix, locales: locales, tz: tz}
}

// WithMediaURL returns b answering media URLs under mediaURL (--media-url,
// such as a CDN in front of the media store) instead of the public base's
// /media/; "" keeps b's. Stored bodies keep their relative /media/… paths
// either way, so moving the media rewrites nothing saved.
func (b *Builder) WithMediaURL(mediaURL string) *Builder {
	out := *b
	if mediaURL != "" {
		out.media = strings.TrimRight(mediaURL, "/") + "/"
	}
	return &out
}

// WithSite returns b answering public URLs built by site; a nil site keeps
// every url null. URLs are made when answering, never stored.
func (b *Builder) WithSite(site *siteurl.Builder) *Builder {
	out := *b
	out.site = site
	return &out
}

// Locales lists the configured locales.
func (b *Builder) Locales() []Locale {
	all := b.locales.All()
	out := make([]Locale, len(all))
	for i, l := range all {
		out[i] = Locale{Code: l.Code, Name: l.Name, Dir: l.Dir, Default: i == 0}
	}
	return out
}

// Section converts a section for loc with its public article count.
func (b *Builder) Section(s models.Section, loc string, count int64) Section {
	l, _ := b.locales.Get(loc)
	return Section{ID: s.ID, Slug: s.Slug, Name: s.Name(loc), Dir: l.Dir, Position: s.Position, ParentID: s.ParentID, ArticleCount: count, URL: b.site.Section(loc, s.Slug)}
}

// Tag converts a tag for loc with its public article count.
func (b *Builder) Tag(t models.Tag, loc string, count int64) Tag {
	l, _ := b.locales.Get(loc)
	return Tag{ID: t.ID, Slug: t.Slug, Name: t.Name(loc), Dir: l.Dir, ArticleCount: count, URL: b.site.Tag(loc, t.Slug)}
}

// tagRefs converts the article's tags named in loc.
func (b *Builder) tagRefs(p models.PublicArticle, loc string) []TagRef {
	named := p.NamedTags(loc)
	out := make([]TagRef, len(named))
	for i, t := range named {
		out[i] = TagRef{ID: t.ID, Slug: t.Slug, Name: t.Name(loc), URL: b.site.Tag(loc, t.Slug)}
	}
	return out
}

// Summary converts a public article to its list form.
func (b *Builder) Summary(p models.PublicArticle) Summary {
	t := p.Translation
	loc, _ := b.locales.Get(t.Locale)
	// The shared fields (section, picture) show in the answer too, so their
	// save counts as a change of it.
	updated := t.UpdatedAt
	if p.Article.UpdatedAt.After(updated) {
		updated = p.Article.UpdatedAt
	}
	translations := make([]TranslationRef, 0, len(p.Others))
	for _, o := range p.Others {
		other, _ := b.locales.Get(o.Locale)
		translations = append(translations, TranslationRef{Locale: o.Locale, Dir: other.Dir, Slug: o.Slug, Title: o.Title, Outdated: o.Outdated, URL: b.site.Article(o.Locale, o.Slug, p.Article.ID)})
	}
	return Summary{
		ID:                 p.Article.ID,
		Locale:             t.Locale,
		Dir:                loc.Dir,
		Slug:               t.Slug,
		Title:              t.Title,
		URL:                b.site.Article(t.Locale, t.Slug, p.Article.ID),
		Summary:            t.Summary,
		Byline:             t.Byline,
		PublishedAt:        formatTime(t.PublishedAt),
		PublishedAtDisplay: b.display(t.PublishedAt, t.Locale),
		Section:            SectionRef{ID: p.Section.ID, Slug: p.Section.Slug, Name: p.Section.Name(t.Locale), URL: b.site.Section(t.Locale, p.Section.Slug)},
		Tags:               b.tagRefs(p, t.Locale),
		Image:              b.image(p.Image, t.Locale),
		ViewCount:          p.Article.ViewCount,
		Translations:       translations,
		UpdatedAt:          formatTime(&updated),
		ReadingTimeMinutes: readingtime.Minutes(t.WordCount),
		Featured:           featured(p.Pin),
	}
}

// featured is the featured field of an article with pin; null without.
func featured(pin *models.ArticlePin) *Featured {
	if pin == nil {
		return nil
	}
	out := &Featured{Position: pin.Position}
	if until := pin.Until(); until != nil {
		s := formatTime(until)
		out.Until = &s
	}
	return out
}

// Summaries converts a list of public articles.
func (b *Builder) Summaries(items []models.PublicArticle) []Summary {
	out := make([]Summary, len(items))
	for i, p := range items {
		out[i] = b.Summary(p)
	}
	return out
}

// Article converts a public article in full, with its related articles.
func (b *Builder) Article(p models.PublicArticle, related []models.PublicArticle) Article {
	summary := b.Summary(p)
	return Article{
		Summary:  summary,
		Outdated: p.Translation.Outdated,
		BodyHTML: b.Body(p),
		Related:  b.Summaries(related),
		SEO:      b.seo(p, summary),
	}
}

// Body is p's body as every public answer shows it (the API, previews,
// feeds): library pictures with src, srcset, width and height
// (richtext.RenderPictures), every URL absolute on the public base, and
// internal links at the linked article's site URL in p's locale, or its
// text where it has none (models.PublicArticle.RenderLinks).
func (b *Builder) Body(p models.PublicArticle) string {
	return p.RenderLinks(b.AbsoluteMedia(richtext.RenderPictures(p.Translation.BodyHTML, p.BodyPictures, b.media)), b.site)
}

// seo fills each empty search and social field from the article's own:
// title, summary, featured image and public URL.
func (b *Builder) seo(p models.PublicArticle, summary Summary) SEO {
	fields := p.Translation.SEO
	out := SEO{Title: typedOr(fields.Title, summary.Title), Description: typedOr(fields.Description, summary.Summary),
		Image: summary.Image, CanonicalURL: summary.URL, Noindex: fields.Noindex}
	if p.SEOImage != nil {
		out.Image = b.image(p.SEOImage, p.Translation.Locale)
	}
	if fields.CanonicalURL != "" {
		out.CanonicalURL = &fields.CanonicalURL
	}
	return out
}

// typedOr is the editor's text as typed, or fallback when it is blank: a
// field of spaces is no title.
func typedOr(typed, fallback string) string {
	if strings.TrimSpace(typed) == "" {
		return fallback
	}
	return typed
}

// AbsoluteMedia rewrites the stable /media/… paths in a sanitised body into
// absolute URLs of the media base. The sanitiser always writes attributes
// in double quotes, so the attribute form is the only one to look for.
func (b *Builder) AbsoluteMedia(html string) string {
	return strings.ReplaceAll(html, `="`+mediaPathPrefix, `="`+b.media)
}

func (b *Builder) image(m *models.Media, loc string) *Image {
	if m == nil {
		return nil
	}
	text := m.Text(loc)
	return &Image{
		URL:          b.mediaURL(m.Path),
		ThumbnailURL: b.mediaURL(m.Variant(media.VariantThumbnail).Path),
		MediumURL:    b.mediaURL(m.Variant(media.VariantMedium).Path),
		Alt:          text.Alt,
		Caption:      text.Caption,
		Width:        m.Width,
		Height:       m.Height,
		Variants:     b.ImageVariants(*m),
		FocalPoint:   focalPointOf(m.FocalPoint()),
		Crops:        b.imageFiles(m.Crops()),
	}
}

func focalPointOf(f media.FocalPoint) FocalPoint {
	x, y := f.Fractions()
	return FocalPoint{X: x, Y: y}
}

// ImageVariants lists every stored file of m with its absolute URL, in the
// order of models.Media.Files; bodies' pictures use it for srcset too.
func (b *Builder) ImageVariants(m models.Media) []ImageVariant {
	return b.imageFiles(m.Files())
}

// imageFiles lists files with their absolute URLs, in their order.
func (b *Builder) imageFiles(files []models.MediaFile) []ImageVariant {
	out := make([]ImageVariant, len(files))
	for i, f := range files {
		out[i] = ImageVariant{Name: f.Size, Type: f.MimeType, URL: b.mediaURL(f.Path), Width: f.Width, Height: f.Height}
	}
	return out
}

func (b *Builder) mediaURL(rel string) string {
	return b.media + strings.TrimLeft(rel, "/")
}

func formatTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(TimeFormat)
}

// display writes t as the dateline of the locale with code in the site's
// time zone, so a frontend needs no calendar code of its own.
func (b *Builder) display(t *time.Time, code string) string {
	if t == nil {
		return ""
	}
	return datefmt.Format(code, *t, b.tz)
}
