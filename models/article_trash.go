package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// TrashArticle moves an article to the trash: it vanishes from every public
// list, lookup and related list at once, and its slugs stay reserved so no
// other article can take over its links while it may still be restored.
func (s *Store) TrashArticle(ctx context.Context, id uint) error {
	return s.setTrashed(ctx, id, true)
}

// RestoreArticle takes an article out of the trash.
func (s *Store) RestoreArticle(ctx context.Context, id uint) error {
	return s.setTrashed(ctx, id, false)
}

func (s *Store) setTrashed(ctx context.Context, id uint, trashed bool) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		value := any(nil)
		if trashed {
			value = s.now().UTC()
		}
		res := tx.Model(&Article{}).Where("id = ?", id).
			Updates(map[string]any{"trashed_at": value, "version": gorm.Expr("version + 1"), "updated_at": s.now().UTC()})
		if res.Error != nil {
			return fmt.Errorf("trash article %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return syncArticleIndexes(tx, id)
	})
}
