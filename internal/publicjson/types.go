// Package publicjson is the one place where the public JSON shape of Payvand's
// content lives. The read API encodes these types, and the admin's preview
// shows exactly the same bytes, so a frontend never sees a field the preview
// did not.
package publicjson

// Locale is one configured content language.
type Locale struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Dir     string `json:"dir"`
	Default bool   `json:"default"`
}

// Section is a site category with its name in the requested locale and
// that locale's writing direction, so a frontend can set dir on the name.
type Section struct {
	ID           uint   `json:"id"`
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Dir          string `json:"dir"`
	Position     int    `json:"position"`
	ParentID     *uint  `json:"parent_id"`
	ArticleCount int64  `json:"article_count"`
	// URL is the section's page on the site frontend; null without --site-url.
	URL *string `json:"url"`
}

// SectionRef is the short form of a section embedded in articles.
type SectionRef struct {
	ID   uint   `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	// URL is the section's page on the site frontend; null without --site-url.
	URL *string `json:"url"`
}

// Tag is a tag with its name in the requested locale and that locale's
// writing direction, with how many articles are public under it there.
type Tag struct {
	ID           uint   `json:"id"`
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Dir          string `json:"dir"`
	ArticleCount int64  `json:"article_count"`
	// URL is the tag's page on the site frontend; null without --site-url.
	URL *string `json:"url"`
}

// TagRef is the short form of a tag embedded in articles: only tags named
// in the answer's locale are shown, in the order the editor chose.
type TagRef struct {
	ID   uint   `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	// URL is the tag's page on the site frontend; null without --site-url.
	URL *string `json:"url"`
}

// Image is a media item with absolute URLs for every generated size.
type Image struct {
	URL          string `json:"url"`
	ThumbnailURL string `json:"thumbnail_url"`
	MediumURL    string `json:"medium_url"`
	Alt          string `json:"alt"`
	Caption      string `json:"caption"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	// Variants lists every stored file, the original included: the
	// smallest size first and, within a size, the JPEG or PNG before its
	// WebP copy. Grouped by type, they make a <picture>'s sources.
	Variants []ImageVariant `json:"variants"`
	// FocalPoint is the point an editor chose to keep in view when the
	// picture is cropped; the centre until one is set.
	FocalPoint FocalPoint `json:"focal_point"`
	// Crops are the square and wide crops cut around FocalPoint, each
	// JPEG or PNG before its WebP copy; empty for a picture stored before
	// crops existed whose focal point was never set.
	Crops []ImageVariant `json:"crops"`
}

// FocalPoint is a point of a picture, each coordinate from 0 to 1
// measured from the top-left corner.
type FocalPoint struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// ImageVariant is one stored file of an image: one size in one format.
type ImageVariant struct {
	// Name is the size: "thumbnail", "medium" or "original"; among an
	// image's crops, "square" or "wide".
	Name string `json:"name"`
	// Type is the file's MIME type: "image/jpeg", "image/png" or
	// "image/webp".
	Type   string `json:"type"`
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// TranslationRef points to the same article in another locale where it is public.
type TranslationRef struct {
	Locale string `json:"locale"`
	// Dir is the writing direction of Locale, for the title and the link.
	Dir   string `json:"dir"`
	Slug  string `json:"slug"`
	Title string `json:"title"`
	// Outdated says that translation is behind another one of the article.
	Outdated bool `json:"outdated"`
	// URL is that translation's page on the site; null without --site-url.
	URL *string `json:"url"`
}

// Summary is an article as it appears in lists.
type Summary struct {
	ID          uint   `json:"id"`
	Locale      string `json:"locale"`
	Dir         string `json:"dir"`
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Summary     string `json:"summary"`
	Byline      string `json:"byline"`
	PublishedAt string `json:"published_at"`
	// PublishedAtDisplay is PublishedAt as the locale prints a dateline, in
	// the site's time zone.
	PublishedAtDisplay string           `json:"published_at_display"`
	Section            SectionRef       `json:"section"`
	Tags               []TagRef         `json:"tags"`
	Image              *Image           `json:"image"`
	ViewCount          int64            `json:"view_count"`
	Translations       []TranslationRef `json:"translations"`
	// URL is the article's page on the site frontend, made from
	// --site-url and --article-path when answering; null without them.
	URL *string `json:"url"`
	// UpdatedAt is the later of the translation's and the shared fields'
	// last save, in UTC: what sitemaps and caches compare.
	UpdatedAt string `json:"updated_at"`
	// ReadingTimeMinutes is the body's words over readingtime.WordsPerMinute,
	// at least 1.
	ReadingTimeMinutes int `json:"reading_time_minutes"`
	// Featured is the article's featured pin while it shows, else null.
	Featured *Featured `json:"featured"`
}

// Featured places a featured story: lower positions first, shown until
// Until (RFC 3339, UTC) or, when null, until the editors unpin it.
type Featured struct {
	Position int     `json:"position"`
	Until    *string `json:"until"`
}

// Article is one article in full: a summary plus its body and related news.
type Article struct {
	Summary
	// Outdated says this translation is behind another one of the article.
	Outdated bool      `json:"outdated"`
	BodyHTML string    `json:"body_html"`
	Related  []Summary `json:"related"`
	// SEO is what the page's head tells search engines and social networks.
	SEO SEO `json:"seo"`
}

// SEO is an article's search and social fields with every default filled
// in, so a frontend writes them into the page's head as they are.
type SEO struct {
	// Title is the meta title, else the article's title.
	Title string `json:"title"`
	// Description is the meta description, else the summary.
	Description string `json:"description"`
	// Image is the social card's picture, else the featured one; null
	// when there is neither.
	Image *Image `json:"image"`
	// CanonicalURL is the editor's override, else the article's url; null
	// when neither exists (no --site-url).
	CanonicalURL *string `json:"canonical_url"`
	// Noindex asks search engines to keep the page out of their index
	// (<meta name="robots" content="noindex">).
	Noindex bool `json:"noindex"`
}

// ViewCount answers a recorded page view.
type ViewCount struct {
	ViewCount int64 `json:"view_count"`
}

// SearchHit is an article found by a search: its summary and a snippet of
// its text around the match, HTML-escaped apart from <mark> around the
// matched words.
type SearchHit struct {
	Summary
	Snippet string `json:"snippet"`
}

// MostReadItem is an article of a most-read list: its summary, whose
// view_count is the all-time total, and its views in the list's period
// in the list's locale (views counted without a locale included).
type MostReadItem struct {
	Summary
	PeriodViews int64 `json:"period_views"`
}
