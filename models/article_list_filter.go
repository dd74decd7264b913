package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// MaxExclude bounds how many articles one list may leave out.
const MaxExclude = 20

// CountPublicArticles returns how many public articles match q's filters,
// whatever its cursor and limit: the total a frontend shows as "page 3 of
// 17". The count reads one range of article_listings' primary key (locale,
// scope_id, published_at, article_id), never a table row, so it costs a
// walk over the matching index entries and nothing more.
func (s *Store) CountPublicArticles(ctx context.Context, q ListQuery) (int64, error) {
	var n int64
	if err := listingFilter(s.reader(ctx), q, s.now().Unix()).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// listingFilter narrows article_listings to q's locale, section scope and
// filters, public at or before upper.
func listingFilter(db *gorm.DB, q ListQuery, upper int64) *gorm.DB {
	if !q.PublishedBefore.IsZero() {
		// Listings hold whole seconds: p < t is p < ceil(t).
		upper = min(upper, ceilUnix(q.PublishedBefore)-1)
	}
	table := "article_listings"
	if q.TagID == 0 {
		db = db.Model(&ArticleListing{}).
			Where("locale = ? AND scope_id = ? AND published_at <= ?", q.Locale, q.SectionID, upper)
	} else {
		// A tag's list walks its own index (article_tag_listings), and a
		// section narrows it by one primary-key probe per entry: the
		// section's listing row has the same locale, time and article.
		table = "article_tag_listings"
		db = db.Model(&ArticleTagListing{}).
			Where("locale = ? AND tag_id = ? AND published_at <= ?", q.Locale, q.TagID, upper)
		if q.SectionID != 0 {
			db = db.Where(`EXISTS (SELECT 1 FROM article_listings s WHERE s.locale = article_tag_listings.locale
				AND s.scope_id = ? AND s.published_at = article_tag_listings.published_at
				AND s.article_id = article_tag_listings.article_id)`, q.SectionID)
		}
	}
	if !q.PublishedFrom.IsZero() {
		db = db.Where("published_at >= ?", ceilUnix(q.PublishedFrom))
	}
	if len(q.Exclude) > 0 {
		db = db.Where("article_id NOT IN ?", q.Exclude)
	}
	if q.Indexable {
		db = indexableOnly(db, table)
	}
	if q.SectionID != 0 && q.OwnSectionOnly {
		// The section scope holds its subsections' articles too; each
		// entry's article is looked up by its key to keep only its own.
		db = db.Where("EXISTS (SELECT 1 FROM articles own WHERE own.id = "+table+".article_id AND own.section_id = ?)", q.SectionID)
	}
	return db
}

// ceilUnix is t in whole seconds, rounded up.
func ceilUnix(t time.Time) int64 {
	sec := t.Unix()
	if t.Nanosecond() > 0 {
		sec++
	}
	return sec
}
