package models

import "time"

// Role is what a user account may do in the admin.
type Role string

// The roles. Admins do everything; editors write, publish and delete
// articles and upload media, but do not manage sections or users.
const (
	RoleAdmin  Role = "admin"
	RoleEditor Role = "editor"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleEditor }

// Status is the publication state of one translation.
type Status string

// The translation states.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
)

// Valid reports whether st is a known status.
func (st Status) Valid() bool { return st == StatusDraft || st == StatusPublished }

// User is an admin account.
type User struct {
	ID           uint
	Email        string
	DisplayName  string
	Role         Role
	PasswordHash string
	Active       bool
	// UILanguage is the admin interface language the user chose; empty
	// means the site's default.
	UILanguage string
	// SessionVersion is stored in each of the user's sessions; bumping it
	// ends them all, on every instance.
	SessionVersion int
	LastLoginAt    *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Section is a category of the site. Its article list includes the
// articles of its subsections.
type Section struct {
	ID        uint
	Slug      string
	Position  int
	ParentID  *uint
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
	Names     []SectionName `gorm:"foreignKey:SectionID"`
}

// Name returns the section's name in loc, or "" when it has none there.
func (s Section) Name(loc string) string {
	for _, n := range s.Names {
		if n.Locale == loc {
			return n.Name
		}
	}
	return ""
}

// SectionName is a section's name in one locale.
type SectionName struct {
	SectionID uint   `gorm:"primaryKey"`
	Locale    string `gorm:"primaryKey"`
	Name      string
}

// Media is an uploaded image. Its files are named by the hash of their
// content, so the same picture uploaded twice is stored once.
type Media struct {
	ID           uint
	Hash         string
	Path         string // relative to the media root, e.g. "ab/abcd….jpg"
	MimeType     string
	Width        int
	Height       int
	ByteSize     int64
	OriginalName string
	UploadedByID *uint
	// FocalX and FocalY are the focal point in media.FocalScale units
	// (see FocalPoint); a new row takes the centre, the column default.
	FocalX    int `gorm:"default:5000"`
	FocalY    int `gorm:"default:5000"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Texts     []MediaText    `gorm:"foreignKey:MediaID"`
	Variants  []MediaVariant `gorm:"foreignKey:MediaID"`
}

// Text returns the alt text and caption of m in loc.
func (m Media) Text(loc string) MediaText {
	for _, t := range m.Texts {
		if t.Locale == loc {
			return t
		}
	}
	return MediaText{MediaID: m.ID, Locale: loc}
}

// Variant returns the generated size with the given name, or the original
// when there is no such size (a picture smaller than a thumbnail). Files
// lists every size in every format.
func (m Media) Variant(name string) MediaVariant {
	for _, v := range m.Variants {
		if v.Name == name {
			return v
		}
	}
	return MediaVariant{MediaID: m.ID, Name: name, Path: m.Path, Width: m.Width, Height: m.Height, MimeType: m.MimeType, ByteSize: m.ByteSize}
}

// MediaText is a picture's alt text and caption in one locale.
type MediaText struct {
	MediaID uint   `gorm:"primaryKey"`
	Locale  string `gorm:"primaryKey"`
	Alt     string
	Caption string
}

// MediaVariant is one generated size of a picture.
type MediaVariant struct {
	MediaID  uint   `gorm:"primaryKey"`
	Name     string `gorm:"primaryKey"` // "thumbnail", "medium", "medium.webp", "original.webp"…
	Path     string
	Width    int
	Height   int
	ByteSize int64
	MimeType string
}

// Article holds what an article's translations share.
type Article struct {
	ID              uint
	SectionID       uint
	FeaturedMediaID *uint
	Archived        bool
	// TrashedAt is set while the article is in the trash.
	TrashedAt    *time.Time
	ViewCount    int64
	AuthorID     *uint
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Translations []ArticleTranslation `gorm:"foreignKey:ArticleID"`
}

// Translation returns the article's translation in loc, if it has one.
func (a Article) Translation(loc string) (ArticleTranslation, bool) {
	for _, t := range a.Translations {
		if t.Locale == loc {
			return t, true
		}
	}
	return ArticleTranslation{}, false
}

// ArticleTranslation is an article in one locale. Each translation is
// published on its own and carries its own version, so a translator saving
// one locale never overwrites an editor saving another.
type ArticleTranslation struct {
	ID          uint
	ArticleID   uint
	Locale      string
	Status      Status
	PublishedAt *time.Time
	Title       string
	Slug        string
	Summary     string
	BodyHTML    string `gorm:"column:body_html"`
	// WordCount is the number of words a reader sees in BodyHTML, kept by
	// the write path for the public reading time (internal/readingtime).
	WordCount   int
	Byline      string
	Version     int
	UpdatedByID *uint
	// Translation tracking (see translation_tracking.go), kept by the
	// write path: ChangedRevisionID is the revision of the last real edit,
	// SyncedRevisionID how far the translation is in step with the others'
	// edits, TrackedRevisionID its last deliberate save. Outdated is derived
	// from them: another translation changed after this one's sync point.
	ChangedRevisionID uint
	SyncedRevisionID  uint
	TrackedRevisionID *uint
	Outdated          bool
	// SEO holds the optional search and social fields; empty ones fall
	// back to the translation's own when answering (see publicjson.SEO).
	SEO       TranslationSEO `gorm:"embedded"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TranslationSEO is what a translation tells search engines and social
// networks beyond its own text. Every field is optional: an empty title,
// description or canonical URL means the translation's title, summary and
// public URL, and no image means the featured one.
type TranslationSEO struct {
	Title       string `gorm:"column:seo_title"`
	Description string `gorm:"column:seo_description"`
	// ImageID is the social card's picture, another media item.
	ImageID *uint `gorm:"column:seo_image_id"`
	// CanonicalURL overrides the public URL as the page's canonical link,
	// for a story first published elsewhere. Absolute http(s) when set.
	CanonicalURL string `gorm:"column:canonical_url"`
	// Noindex asks search engines not to index the page; feeds and
	// sitemaps leave such translations out (ListQuery.Indexable).
	Noindex bool `gorm:"column:noindex"`
}

// ArticleSlug reserves a slug in a locale for an article: its current slug
// and every slug it had before, so old links keep pointing at it.
type ArticleSlug struct {
	Locale    string `gorm:"primaryKey"`
	Slug      string `gorm:"primaryKey"`
	ArticleID uint
	CreatedAt time.Time
}

// ArticleRelation links two articles as related. A link is stored once and
// shows on both: on ArticleID in Position order, on RelatedID after its own.
type ArticleRelation struct {
	ArticleID uint `gorm:"primaryKey"`
	RelatedID uint `gorm:"primaryKey"`
	Position  int
	CreatedAt time.Time
}

// ArticleListing is one row of the public listing index: a published
// translation of a live article, once for the all-sections list (ScopeID 0)
// and once for its section and each ancestor section. Copying what the list
// queries filter and sort on into one narrow table lets every list page be
// read straight from one index, whatever the planner prefers that day.
type ArticleListing struct {
	Locale      string `gorm:"primaryKey"`
	ScopeID     uint   `gorm:"primaryKey"`
	PublishedAt int64  `gorm:"primaryKey"` // Unix seconds
	ArticleID   uint   `gorm:"primaryKey"`
}

// ArticleDailyView counts an article's page views in one locale on one day
// of the site's time zone. Locale is "" for views counted without a locale,
// which count for every locale.
type ArticleDailyView struct {
	ArticleID uint   `gorm:"primaryKey"`
	Locale    string `gorm:"primaryKey"`
	Day       string `gorm:"primaryKey"` // YYYY-MM-DD
	Views     int64
}
