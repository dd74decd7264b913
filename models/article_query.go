package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/richtext"
)

// PublicArticle is one article as the public sees it in one locale, with
// everything needed to show it: its section, picture and the other locales
// where it is public.
type PublicArticle struct {
	Article     Article
	Translation ArticleTranslation
	// Others are the article's public translations in other locales, in
	// configured locale order, without bodies.
	Others  []ArticleTranslation
	Section Section
	Image   *Media
	// BodyPictures are the library pictures Translation's body names, with
	// their files, loaded with the body (richtext.RenderPictures shows them).
	BodyPictures richtext.Pictures
	// LinkedSlugs are the slugs in Translation's locale of the articles its
	// body links to (richtext.ArticleLinkIDs) that are public there,
	// loaded with the body; a link to any other shows as its text.
	LinkedSlugs map[uint]string
	// Tags are the article's tags in the editor's order, with every name;
	// an answer shows those named in its locale (NamedTags).
	Tags []Tag
	// SEOImage is the translation's social image (TranslationSEO.ImageID),
	// nil when it names none.
	SEOImage *Media
	// Pin is the article's featured pin while it shows, nil otherwise.
	Pin *ArticlePin
}

// NamedTags returns the article's tags that have a name in loc, in order.
func (p PublicArticle) NamedTags(loc string) []Tag {
	out := make([]Tag, 0, len(p.Tags))
	for _, t := range p.Tags {
		if t.Name(loc) != "" {
			out = append(out, t)
		}
	}
	return out
}

// ListQuery selects a page of public articles in one locale.
type ListQuery struct {
	Locale string
	// SectionID limits the list to a section and its subsections; 0 lists all.
	SectionID uint
	// TagID limits the list to the articles carrying a tag; 0 lists all.
	TagID uint
	// OwnSectionOnly leaves out the articles of SectionID's subsections.
	OwnSectionOnly bool
	// Exclude leaves articles out ("other news in this section").
	Exclude []uint
	// PublishedFrom and PublishedBefore bound the publication time:
	// from included, before left out, so consecutive ranges tile. Zero
	// times do not bound.
	PublishedFrom, PublishedBefore time.Time
	// Indexable leaves out translations marked noindex (TranslationSEO),
	// as feeds and sitemaps must; the API's lists keep them.
	Indexable bool
	Limit     int
	// After continues a list after the last article of the previous page.
	After *Cursor
}

// Cursor is a position in a list ordered by publication time, newest first,
// then by id, highest first.
type Cursor struct {
	PublishedAt int64
	ID          uint
}

// NotTranslatedError says an article exists publicly, but not in the locale
// asked for; Locales are those where it is public.
type NotTranslatedError struct {
	Locales []string
}

func (e *NotTranslatedError) Error() string { return "the article is not public in this locale" }

// MovedError says a slug is one an article had before; Slug is its current one.
type MovedError struct {
	ID   uint
	Slug string
}

func (e *MovedError) Error() string { return "the article has a new slug: " + e.Slug }

// ListPublicArticles returns one page of public articles, newest first, and
// the cursor of the next page (nil on the last page). The page is read from
// the article_listings primary key, so page 500 costs what page 1 costs.
func (s *Store) ListPublicArticles(ctx context.Context, q ListQuery) ([]PublicArticle, *Cursor, error) {
	ids, next, err := s.listPublicIDs(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	items, err := s.loadPublic(ctx, q.Locale, ids, false)
	return items, next, err
}

// listPublicIDs returns the ids of one page of q, newest first, and the
// cursor of the next page (nil on the last page).
func (s *Store) listPublicIDs(ctx context.Context, q ListQuery) ([]uint, *Cursor, error) {
	// The upper bound on published_at is where SQLite starts its index
	// walk; the row-value condition only filters. Bounding by the cursor's
	// time as well makes a deep page start at its cursor instead of walking
	// every newer entry first. A cursor is only a position in the one
	// order every filter shares, so it stays correct under other filters.
	upper := s.now().Unix()
	if q.After != nil {
		upper = min(upper, q.After.PublishedAt)
	}
	db := listingFilter(s.reader(ctx), q, upper)
	if q.After != nil {
		db = db.Where("(published_at, article_id) < (?, ?)", q.After.PublishedAt, q.After.ID)
	}
	var rows []ArticleListing
	err := db.Order("published_at DESC, article_id DESC").Limit(q.Limit+1).Select("published_at", "article_id").Scan(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("list articles: %w", err)
	}
	var next *Cursor
	if len(rows) > q.Limit {
		rows = rows[:q.Limit]
		last := rows[len(rows)-1]
		next = &Cursor{PublishedAt: last.PublishedAt, ID: last.ArticleID}
	}
	ids := make([]uint, len(rows))
	for i, r := range rows {
		ids[i] = r.ArticleID
	}
	return ids, next, nil
}

// FindPublicArticle returns the article with the given id as public in loc.
// When it is public only elsewhere the error is a *NotTranslatedError; when
// it is public nowhere, ErrNotFound.
func (s *Store) FindPublicArticle(ctx context.Context, loc string, id uint) (*PublicArticle, error) {
	db := s.reader(ctx)
	public, err := s.publicLocales(db, []uint{id}, s.now().Unix())
	if err != nil {
		return nil, err
	}
	locales := public[id]
	if len(locales) == 0 {
		return nil, ErrNotFound
	}
	if !slices.Contains(locales, loc) {
		return nil, &NotTranslatedError{Locales: locales}
	}
	items, err := s.loadPublicWith(db, loc, []uint{id}, public, true)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, ErrNotFound
	}
	return &items[0], nil
}

// FindPublicArticleBySlug returns the article public in loc under slug. A
// slug the article had before answers with a *MovedError naming the current
// one; an unknown slug, or one whose translation is not public, ErrNotFound.
func (s *Store) FindPublicArticleBySlug(ctx context.Context, loc, slug string) (*PublicArticle, error) {
	if !storableText(slug) {
		return nil, ErrNotFound
	}
	var reserved ArticleSlug
	err := s.reader(ctx).Where("locale = ? AND slug = ?", loc, slug).Take(&reserved).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find slug: %w", err)
	}
	article, err := s.FindPublicArticle(ctx, loc, reserved.ArticleID)
	if err != nil {
		var nt *NotTranslatedError
		if errors.As(err, &nt) {
			return nil, ErrNotFound // the slug belongs to a translation that is not public
		}
		return nil, err
	}
	if article.Translation.Slug != slug {
		return nil, &MovedError{ID: article.Article.ID, Slug: article.Translation.Slug}
	}
	return article, nil
}

// ListPublicRelated returns the articles related to id that are public in
// loc: links made on id in their order, then links made on the others.
func (s *Store) ListPublicRelated(ctx context.Context, loc string, id uint) ([]PublicArticle, error) {
	var outgoing, incoming []uint
	db := s.reader(ctx).Model(&ArticleRelation{})
	if err := db.Where("article_id = ?", id).Order("position, related_id").Pluck("related_id", &outgoing).Error; err != nil {
		return nil, fmt.Errorf("related links: %w", err)
	}
	db = s.reader(ctx).Model(&ArticleRelation{})
	if err := db.Where("related_id = ?", id).Order("created_at, article_id").Pluck("article_id", &incoming).Error; err != nil {
		return nil, fmt.Errorf("related links: %w", err)
	}
	ids := append(outgoing, incoming...)
	public, err := s.publicLocales(s.reader(ctx), ids, s.now().Unix())
	if err != nil {
		return nil, err
	}
	return s.loadPublicWith(s.reader(ctx), loc, ids, public, false)
}

// IsPublicAnywhere reports whether the article is public in some locale.
func (s *Store) IsPublicAnywhere(ctx context.Context, id uint) (bool, error) {
	public, err := s.publicLocales(s.reader(ctx), []uint{id}, s.now().Unix())
	return len(public[id]) > 0, err
}

// NextScheduledChange returns the earliest publication time or featured
// pin end after the given moment: until then, public content changes only
// through writes.
// Callers pass the moment they read the content at, so a publication that
// comes due while they work is not skipped.
func (s *Store) NextScheduledChange(ctx context.Context, after time.Time) (time.Time, bool) {
	var next *int64
	err := s.reader(ctx).Model(&ArticleListing{}).Where("published_at > ?", after.Unix()).
		Select("MIN(published_at)").Scan(&next).Error
	if err != nil {
		return time.Time{}, false
	}
	// A featured pin's end changes the answers that show it, too.
	if end := nextPinEnd(s.reader(ctx), after.Unix()); end != nil && (next == nil || *end < *next) {
		next = end
	}
	if next == nil {
		return time.Time{}, false
	}
	return time.Unix(*next, 0).UTC(), true
}

// publicLocales maps each article id to the locales where it is public now,
// in configured order. The listing index is the one definition of public.
func (s *Store) publicLocales(db *gorm.DB, ids []uint, now int64) (map[uint][]string, error) {
	out := make(map[uint][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []ArticleListing
	err := db.Select("article_id", "locale").
		Where("article_id IN ? AND scope_id = 0 AND published_at <= ?", ids, now).
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("public locales: %w", err)
	}
	for _, code := range s.locales.Codes() {
		for _, r := range rows {
			if r.Locale == code {
				out[r.ArticleID] = append(out[r.ArticleID], code)
			}
		}
	}
	return out, nil
}
