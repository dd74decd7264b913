package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/textnorm"
)

// Tag is a topic articles are filed under besides their section. Its slug
// is Latin, whatever the locale; its name is per locale, and a tag without
// a name in a locale does not show there.
type Tag struct {
	ID        uint
	Slug      string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
	Names     []TagName `gorm:"foreignKey:TagID"`
}

// Name returns the tag's name in loc, or "" when it has none there.
func (t Tag) Name(loc string) string {
	for _, n := range t.Names {
		if n.Locale == loc {
			return n.Name
		}
	}
	return ""
}

// TagName is a tag's name in one locale. SearchKey is the name folded by
// textnorm.SearchKey, for search-as-you-type; Name stays as typed.
type TagName struct {
	TagID     uint   `gorm:"primaryKey"`
	Locale    string `gorm:"primaryKey"`
	Name      string
	SearchKey string
}

// TagSlug is a slug a tag had before a rename or a merge: it keeps
// answering, with a redirect to the tag's current slug.
type TagSlug struct {
	Slug      string `gorm:"primaryKey"`
	TagID     uint
	CreatedAt time.Time
}

// ArticleTag files an article under a tag; Position keeps the editor's order.
type ArticleTag struct {
	ArticleID uint `gorm:"primaryKey"`
	TagID     uint `gorm:"primaryKey"`
	Position  int
}

// ArticleTagListing is one row of the tag listing index: a public
// translation of a live article under one of its tags. It mirrors
// ArticleListing, so a tag page is one range of its primary key.
type ArticleTagListing struct {
	Locale      string `gorm:"primaryKey"`
	TagID       uint   `gorm:"primaryKey"`
	PublishedAt int64  `gorm:"primaryKey"`
	ArticleID   uint   `gorm:"primaryKey"`
}

// SlugMovedError says a slug is one a tag or section had before; ID and
// Slug name the tag or section it leads to now.
type SlugMovedError struct {
	ID   uint
	Slug string
}

func (e *SlugMovedError) Error() string { return "the slug has moved to " + e.Slug }

// FindTag loads one tag with its names.
func (s *Store) FindTag(ctx context.Context, id uint) (*Tag, error) {
	var t Tag
	if err := s.reader(ctx).Preload("Names", tagNamesOrder).Take(&t, id).Error; err != nil {
		return nil, notFoundOr(err, "find tag")
	}
	return &t, nil
}

// FindTags loads the tags with the given ids, with their names, in the
// order given; ids that are no tag are left out.
func (s *Store) FindTags(ctx context.Context, ids []uint) ([]Tag, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var tags []Tag
	if err := s.reader(ctx).Preload("Names", tagNamesOrder).Where("id IN ?", ids).Find(&tags).Error; err != nil {
		return nil, fmt.Errorf("find tags: %w", err)
	}
	out := make([]Tag, 0, len(tags))
	for _, id := range ids {
		for _, t := range tags {
			if t.ID == id {
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// FindTagBySlug loads the tag with the given current slug. A slug the tag
// had before (a rename, or a tag merged into it) answers a *SlugMovedError
// naming the current one; an unknown slug ErrNotFound.
func (s *Store) FindTagBySlug(ctx context.Context, slug string) (*Tag, error) {
	if !storableText(slug) {
		return nil, ErrNotFound
	}
	db := s.reader(ctx)
	var t Tag
	err := db.Preload("Names", tagNamesOrder).Where("slug = ?", slug).Take(&t).Error
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		if err != nil {
			return nil, fmt.Errorf("find tag: %w", err)
		}
		return &t, nil
	}
	return nil, tagOldSlugs.moved(db, slug)
}

// TagUse is a tag as the admin lists it: with how many articles carry it,
// drafts and trashed ones included.
type TagUse struct {
	Tag
	Articles int64
}

// ListTags returns the tags whose slug or name in any locale contains
// query (every tag for an empty query), at most limit of them, by slug.
// Names are compared by their search keys, so "Тоҷик" finds "тоҷик" and
// Persian spellings that differ only in Arabic or Persian letters meet.
func (s *Store) ListTags(ctx context.Context, query string, limit int) ([]TagUse, error) {
	db := s.reader(ctx).Model(&Tag{})
	if q := strings.TrimSpace(query); q != "" {
		// A query of punctuation alone has no key or slug, and matches
		// no tag rather than every one.
		var conds []string
		var args []any
		if slug := textnorm.Slug(q, textnorm.SlugLatin); slug != "" {
			conds, args = append(conds, "tags.slug LIKE ? ESCAPE '\\'"), append(args, likePattern(slug))
		}
		if key := textnorm.SearchKey(q); key != "" {
			conds, args = append(conds, "EXISTS (SELECT 1 FROM tag_names n WHERE n.tag_id = tags.id AND n.search_key LIKE ? ESCAPE '\\')"), append(args, likePattern(key))
		}
		if len(conds) == 0 {
			return []TagUse{}, nil
		}
		db = db.Where(strings.Join(conds, " OR "), args...)
	}
	var tags []Tag
	if err := db.Preload("Names", tagNamesOrder).Order("slug").Limit(limit).Find(&tags).Error; err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	ids := make([]uint, len(tags))
	for i, t := range tags {
		ids[i] = t.ID
	}
	var counts []struct {
		TagID uint
		N     int64
	}
	if len(ids) > 0 {
		err := s.reader(ctx).Model(&ArticleTag{}).Select("tag_id, COUNT(*) AS n").Where("tag_id IN ?", ids).Group("tag_id").Scan(&counts).Error
		if err != nil {
			return nil, fmt.Errorf("count tag articles: %w", err)
		}
	}
	byTag := make(map[uint]int64, len(counts))
	for _, c := range counts {
		byTag[c.TagID] = c.N
	}
	out := make([]TagUse, len(tags))
	for i, t := range tags {
		out[i] = TagUse{Tag: t, Articles: byTag[t.ID]}
	}
	return out, nil
}

// CountTaggedArticles counts the articles carrying a tag, drafts and
// trashed ones included: what deleting it touches.
func (s *Store) CountTaggedArticles(ctx context.Context, id uint) (int64, error) {
	var n int64
	if err := s.reader(ctx).Model(&ArticleTag{}).Where("tag_id = ?", id).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count tagged articles: %w", err)
	}
	return n, nil
}

// likePattern is a LIKE pattern matching text anywhere, with LIKE's own
// wildcards in text escaped. Callers leave out an empty text, which would
// match everything.
func likePattern(text string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(text) + "%"
}
