package models

import (
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// replaceRelations makes the related list of articleID equal to related, in
// that order. A link is stored once, on the article where it was made, and
// shows on both articles; so links made on the other side that the editor
// kept stay as they are, and those the editor removed are deleted.
func replaceRelations(tx *gorm.DB, articleID uint, related []uint) error {
	wanted := make([]uint, 0, len(related))
	for _, id := range related {
		if id != articleID && !slices.Contains(wanted, id) {
			wanted = append(wanted, id)
		}
	}
	v := validation{}
	for _, id := range wanted {
		if !exists(tx, &Article{}, id) {
			v.add("related", "validation.article_missing", "id", id)
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	var incoming []uint
	if err := tx.Model(&ArticleRelation{}).Where("related_id = ?", articleID).Pluck("article_id", &incoming).Error; err != nil {
		return fmt.Errorf("load incoming links: %w", err)
	}
	if err := tx.Where("article_id = ?", articleID).Delete(&ArticleRelation{}).Error; err != nil {
		return fmt.Errorf("clear links: %w", err)
	}
	for _, other := range incoming {
		if !slices.Contains(wanted, other) {
			if err := tx.Where("article_id = ? AND related_id = ?", other, articleID).Delete(&ArticleRelation{}).Error; err != nil {
				return fmt.Errorf("remove link: %w", err)
			}
		}
	}
	position := 0
	for _, id := range wanted {
		if slices.Contains(incoming, id) {
			continue // stored once, on the other article
		}
		position++
		link := ArticleRelation{ArticleID: articleID, RelatedID: id, Position: position}
		if err := tx.Create(&link).Error; err != nil {
			return fmt.Errorf("link article %d: %w", id, err)
		}
	}
	return nil
}
