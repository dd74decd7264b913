package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// withoutWebP keeps the pictures that have no WebP copy yet: those stored
// before WebP copies were made. The original's copy stands for all: a
// picture whose crops were made later (when its focal point was set) has
// WebP crops and still lacks the rest.
const withoutWebP = "NOT EXISTS (SELECT 1 FROM media_variants v WHERE v.media_id = media.id AND v.name = 'original.webp')"

// CountMediaWithoutWebP counts the pictures that have no WebP copies yet.
func (s *Store) CountMediaWithoutWebP(ctx context.Context) (int64, error) {
	var n int64
	if err := s.reader(ctx).Model(&Media{}).Where(withoutWebP).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count media without webp: %w", err)
	}
	return n, nil
}

// ListMediaWithoutWebP returns up to limit pictures with an id above
// afterID that have no WebP copies yet, by id, with their sizes. Paging by
// id lets a caller step past a picture it could not convert.
func (s *Store) ListMediaWithoutWebP(ctx context.Context, afterID uint, limit int) ([]Media, error) {
	var items []Media
	err := s.reader(ctx).Preload("Variants", mediaVariantsOrder).Where("id > ?", afterID).Where(withoutWebP).
		Order("id").Limit(limit).Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("list media without webp: %w", err)
	}
	return items, nil
}

// AddMediaVariants records more stored sizes of picture id, such as the
// WebP copies made for a picture stored before them. Sizes it already has
// keep their row, so adding twice changes nothing. Public answers show
// every size, so the write records its events in every locale, as a
// change of the picture's texts does in one.
func (s *Store) AddMediaVariants(ctx context.Context, id uint, variants []MediaVariant) error {
	if len(variants) == 0 {
		return nil
	}
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Media{}).Where("id = ?", id).Count(&n).Error; err != nil {
			return fmt.Errorf("find media %d: %w", id, err)
		}
		if n == 0 {
			return ErrNotFound
		}
		if err := s.watchMediaChange(tx, id); err != nil {
			return err
		}
		rows := make([]MediaVariant, len(variants))
		for i, v := range variants {
			v.MediaID = id
			rows[i] = v
		}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows)
		if res.Error != nil {
			return fmt.Errorf("add media variants %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		if err := tx.Model(&Media{}).Where("id = ?", id).Update("updated_at", s.now().UTC()).Error; err != nil {
			return fmt.Errorf("touch media %d: %w", id, err)
		}
		return s.addMediaEvent(tx, id, s.locales.Codes())
	})
}
