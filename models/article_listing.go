package models

import (
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// syncArticleIndexes brings every derived index of one article up to date
// inside the transaction that changed it: the public listing index now, the
// search index beside it. Because both run in the writer's
// transaction, a reader never sees an article listed that is not saved.
func (s *Store) syncArticleIndexes(tx *gorm.DB, articleID uint) error {
	if err := rebuildListings(tx, articleID); err != nil {
		return err
	}
	return s.search.Reindex(tx, articleID)
}

// rebuildListings replaces an article's rows in article_listings, then
// in article_tag_listings, which follows them. A translation is listed
// when it is published and the article is neither archived nor trashed;
// whether its time has come is decided at read time, so a scheduled
// translation appears without any write.
func rebuildListings(tx *gorm.DB, articleID uint) error {
	if err := rebuildSectionListings(tx, articleID); err != nil {
		return err
	}
	return rebuildTagListings(tx, articleID)
}

func rebuildSectionListings(tx *gorm.DB, articleID uint) error {
	if err := tx.Where("article_id = ?", articleID).Delete(&ArticleListing{}).Error; err != nil {
		return fmt.Errorf("clear listings: %w", err)
	}
	var article Article
	err := tx.Preload("Translations", func(db *gorm.DB) *gorm.DB {
		return translationsOrder(db.Where("status = ?", StatusPublished))
	}).Take(&article, articleID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load article for listing: %w", err)
	}
	if article.Archived || article.TrashedAt != nil || len(article.Translations) == 0 {
		return nil
	}
	scopes, err := sectionScopes(tx, article.SectionID)
	if err != nil {
		return err
	}
	var rows []ArticleListing
	for _, tr := range article.Translations {
		if tr.PublishedAt == nil {
			continue
		}
		for _, scope := range scopes {
			rows = append(rows, ArticleListing{Locale: tr.Locale, ScopeID: scope, PublishedAt: tr.PublishedAt.Unix(), ArticleID: articleID})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.Create(&rows).Error
}

// sectionScopes returns the listing scopes an article in sectionID belongs
// to: 0 (all sections), the section itself and each of its ancestors.
func sectionScopes(tx *gorm.DB, sectionID uint) ([]uint, error) {
	scopes := []uint{0}
	seen := map[uint]bool{}
	for id := &sectionID; id != nil && !seen[*id]; {
		seen[*id] = true
		scopes = append(scopes, *id)
		var sec Section
		if err := tx.Select("id", "parent_id").Take(&sec, *id).Error; err != nil {
			return nil, fmt.Errorf("load section %d: %w", *id, err)
		}
		id = sec.ParentID
	}
	return scopes, nil
}
