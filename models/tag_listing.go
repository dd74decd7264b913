package models

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// rebuildTagListings replaces an article's rows in article_tag_listings
// from its rows in article_listings (the all-sections scope) and its tags:
// a tag page lists exactly what the public lists, under each tag.
func rebuildTagListings(tx *gorm.DB, articleID uint) error {
	if err := tx.Where("article_id = ?", articleID).Delete(&ArticleTagListing{}).Error; err != nil {
		return fmt.Errorf("clear tag listings: %w", err)
	}
	err := tx.Exec(`INSERT INTO article_tag_listings (locale, tag_id, published_at, article_id)
		SELECT l.locale, t.tag_id, l.published_at, l.article_id
		FROM article_listings l JOIN article_tags t ON t.article_id = l.article_id
		WHERE l.article_id = ? AND l.scope_id = 0`, articleID).Error
	if err != nil {
		return fmt.Errorf("list article under its tags: %w", err)
	}
	return nil
}

// replaceArticleTags makes the article's tags exactly tags, in that order,
// and refuses, beside the tags field, an id that is no tag.
func replaceArticleTags(tx *gorm.DB, articleID uint, tags []uint) error {
	wanted := make([]uint, 0, len(tags))
	for _, id := range tags {
		if !slices.Contains(wanted, id) {
			wanted = append(wanted, id)
		}
	}
	v := validation{}
	for _, id := range wanted {
		if !exists(tx, &Tag{}, id) {
			v.add("tags", "validation.tag_missing", "id", id)
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	if err := tx.Where("article_id = ?", articleID).Delete(&ArticleTag{}).Error; err != nil {
		return fmt.Errorf("clear article tags: %w", err)
	}
	for i, id := range wanted {
		if err := tx.Create(&ArticleTag{ArticleID: articleID, TagID: id, Position: i + 1}).Error; err != nil {
			return fmt.Errorf("tag article: %w", err)
		}
	}
	return nil
}

// ArticleTags returns an article's tags with their names, in the editor's
// order.
func (s *Store) ArticleTags(ctx context.Context, articleID uint) ([]Tag, error) {
	tags, err := tagsOf(s.reader(ctx), []uint{articleID})
	return tags[articleID], err
}

// tagsOf loads the tags of the given articles, each list in the editor's
// order, with every name.
func tagsOf(db *gorm.DB, articleIDs []uint) (map[uint][]Tag, error) {
	out := map[uint][]Tag{}
	if len(articleIDs) == 0 {
		return out, nil
	}
	var links []ArticleTag
	// Sorted here, not by SQL: the key (article_id, tag_id) finds the
	// rows, and an article's few tags sort faster than a temporary b-tree.
	if err := db.Where("article_id IN ?", articleIDs).Find(&links).Error; err != nil {
		return nil, fmt.Errorf("load article tags: %w", err)
	}
	slices.SortFunc(links, func(a, b ArticleTag) int {
		return cmp.Or(cmp.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Position, b.Position))
	})
	if len(links) == 0 {
		return out, nil
	}
	ids := make([]uint, 0, len(links))
	for _, l := range links {
		if !slices.Contains(ids, l.TagID) {
			ids = append(ids, l.TagID)
		}
	}
	var tags []Tag
	if err := db.Preload("Names", tagNamesOrder).Where("id IN ?", ids).Find(&tags).Error; err != nil {
		return nil, fmt.Errorf("load tags: %w", err)
	}
	byID := make(map[uint]Tag, len(tags))
	for _, t := range tags {
		byID[t.ID] = t
	}
	for _, l := range links {
		if t, ok := byID[l.TagID]; ok {
			out[l.ArticleID] = append(out[l.ArticleID], t)
		}
	}
	return out, nil
}

// TagCount is a tag with the number of its articles public in a locale.
type TagCount struct {
	Tag      Tag
	Articles int64
}

// ListPublicTags returns the tags named in loc, each with the number of
// its articles public there now, most used first, then by slug. The counts
// read one range of article_tag_listings' primary key per locale.
func (s *Store) ListPublicTags(ctx context.Context, loc string) ([]TagCount, error) {
	db := s.reader(ctx)
	var tags []Tag
	err := db.Preload("Names", tagNamesOrder).Where("id IN (SELECT tag_id FROM tag_names WHERE locale = ?)", loc).Order("slug").Find(&tags).Error
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	counts, err := s.countPublicByTag(db, loc)
	if err != nil {
		return nil, err
	}
	out := make([]TagCount, len(tags))
	for i, t := range tags {
		out[i] = TagCount{Tag: t, Articles: counts[t.ID]}
	}
	slices.SortStableFunc(out, func(a, b TagCount) int { return int(b.Articles - a.Articles) })
	return out, nil
}

// ListTagsInUse is ListPublicTags without the tags that have no article
// public in loc: what feeds and sitemaps link to.
func (s *Store) ListTagsInUse(ctx context.Context, loc string) ([]TagCount, error) {
	all, err := s.ListPublicTags(ctx, loc)
	return slices.DeleteFunc(all, func(t TagCount) bool { return t.Articles == 0 }), err
}

// FindPublicTag returns the tag with the given slug as named in loc, with
// its public article count there. A tag not named in loc is not found; an
// old slug answers a *SlugMovedError.
func (s *Store) FindPublicTag(ctx context.Context, loc, slug string) (*TagCount, error) {
	tag, err := s.FindTagBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	if tag.Name(loc) == "" {
		return nil, ErrNotFound
	}
	var n int64
	err = s.reader(ctx).Model(&ArticleTagListing{}).
		Where("locale = ? AND tag_id = ? AND published_at <= ?", loc, tag.ID, s.now().Unix()).Count(&n).Error
	if err != nil {
		return nil, fmt.Errorf("count tag articles: %w", err)
	}
	return &TagCount{Tag: *tag, Articles: n}, nil
}

func (s *Store) countPublicByTag(db *gorm.DB, loc string) (map[uint]int64, error) {
	var rows []struct {
		TagID uint
		N     int64
	}
	err := db.Model(&ArticleTagListing{}).Select("tag_id, COUNT(*) AS n").
		Where("locale = ? AND published_at <= ?", loc, s.now().Unix()).Group("tag_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count tag articles: %w", err)
	}
	out := make(map[uint]int64, len(rows))
	for _, r := range rows {
		out[r.TagID] = r.N
	}
	return out, nil
}
