package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// SectionNotEmptyError refuses to delete a section that still holds
// articles when no section to move them to was given. Articles counts every
// article filed there: drafts, archived and trashed ones too, since each
// would be left pointing at a section that no longer exists.
type SectionNotEmptyError struct {
	Articles int
}

func (e *SectionNotEmptyError) Error() string {
	return fmt.Sprintf("the section holds %d articles; choose a section to move them to", e.Articles)
}

// SectionHasSubsectionsError refuses to delete a section that has
// subsections: they must be moved elsewhere or deleted first, so no
// section is ever left without its parent.
type SectionHasSubsectionsError struct {
	Subsections int
}

func (e *SectionHasSubsectionsError) Error() string {
	return fmt.Sprintf("the section has %d subsections; move or delete them first", e.Subsections)
}

// SectionUsage is what stands in the way of deleting a section.
type SectionUsage struct {
	// Articles counts all articles in the section, Trashed those of them in
	// the trash.
	Articles    int
	Trashed     int
	Subsections int
}

// FindSectionUsage counts a section's articles and subsections, for the
// admin to explain what deleting it involves.
func (s *Store) FindSectionUsage(ctx context.Context, id uint) (SectionUsage, error) {
	db := s.reader(ctx)
	if !exists(db, &Section{}, id) {
		return SectionUsage{}, ErrNotFound
	}
	var u SectionUsage
	var articles, trashed, children int64
	if err := db.Model(&Article{}).Where("section_id = ?", id).Count(&articles).Error; err != nil {
		return u, fmt.Errorf("count section articles: %w", err)
	}
	if err := db.Model(&Article{}).Where("section_id = ? AND trashed_at IS NOT NULL", id).Count(&trashed).Error; err != nil {
		return u, fmt.Errorf("count trashed section articles: %w", err)
	}
	if err := db.Model(&Section{}).Where("parent_id = ?", id).Count(&children).Error; err != nil {
		return u, fmt.Errorf("count subsections: %w", err)
	}
	return SectionUsage{Articles: int(articles), Trashed: int(trashed), Subsections: int(children)}, nil
}

// DeleteSection deletes a section and its names. A section with subsections
// is refused with a SectionHasSubsectionsError. A section holding articles
// is refused with a SectionNotEmptyError unless moveTo names another
// section: then its articles move there first, in the same transaction,
// each with a new shared version and its public listing rows rebuilt, so
// the target's lists include them the moment the section is gone.
func (s *Store) DeleteSection(ctx context.Context, id uint, moveTo *uint) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		if !exists(tx, &Section{}, id) {
			return ErrNotFound
		}
		var children int64
		if err := tx.Model(&Section{}).Where("parent_id = ?", id).Count(&children).Error; err != nil {
			return fmt.Errorf("count subsections: %w", err)
		}
		if children > 0 {
			return &SectionHasSubsectionsError{Subsections: int(children)}
		}
		var articles []uint
		if err := tx.Model(&Article{}).Where("section_id = ?", id).Order("id").Pluck("id", &articles).Error; err != nil {
			return fmt.Errorf("list section articles: %w", err)
		}
		if moveTo != nil {
			if err := checkMoveTarget(tx, id, *moveTo); err != nil {
				return err
			}
		}
		if len(articles) > 0 {
			if moveTo == nil {
				return &SectionNotEmptyError{Articles: len(articles)}
			}
			if err := s.watchArticles(tx, articles...); err != nil {
				return err
			}
			if err := s.moveArticles(tx, id, articles, *moveTo); err != nil {
				return err
			}
		}
		var slug string
		if err := tx.Model(&Section{}).Where("id = ?", id).Pluck("slug", &slug).Error; err != nil {
			return fmt.Errorf("load section slug: %w", err)
		}
		if err := addEvent(tx, EventSectionDeleted, SectionEventData{SectionID: id, Slug: slug}); err != nil {
			return err
		}
		if err := tx.Where("section_id = ?", id).Delete(&SectionName{}).Error; err != nil {
			return fmt.Errorf("delete section names: %w", err)
		}
		if err := tx.Where("id = ?", id).Delete(&Section{}).Error; err != nil {
			return fmt.Errorf("delete section %d: %w", id, err)
		}
		return nil
	})
}

// checkMoveTarget refuses a move target that is the section itself or does
// not exist, with a message beside the move_to field.
func checkMoveTarget(tx *gorm.DB, id, target uint) error {
	switch {
	case target == id:
		return refuse("move_to", "validation.move_to_self")
	case !exists(tx, &Section{}, target):
		return refuse("move_to", "validation.section_missing", "id", target)
	}
	return nil
}

// moveArticles files the articles of section from (ids) under target and
// rebuilds their listings, which depend on the section and its ancestors.
func (s *Store) moveArticles(tx *gorm.DB, from uint, ids []uint, target uint) error {
	err := tx.Model(&Article{}).Where("section_id = ?", from).
		Updates(map[string]any{"section_id": target, "version": gorm.Expr("version + 1"), "updated_at": s.now().UTC()}).Error
	if err != nil {
		return fmt.Errorf("move articles to section %d: %w", target, err)
	}
	for _, articleID := range ids {
		if err := s.syncArticleIndexes(tx, articleID); err != nil {
			return err
		}
	}
	return nil
}
