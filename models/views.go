package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AddViews adds counted page views to the articles' totals and to today's
// per-day counts, all in one transaction. The read API counts views in
// memory and calls this in batches, so a busy page costs one write per
// batch rather than one per reader.
func (s *Store) AddViews(ctx context.Context, counts map[uint]int64, at time.Time) error {
	if len(counts) == 0 {
		return nil
	}
	day := at.UTC().Format(time.DateOnly)
	// Counts only: see countersTx.
	return s.countersTx(ctx, func(tx *gorm.DB) error {
		for id, n := range counts {
			res := tx.Model(&Article{}).Where("id = ?", id).
				UpdateColumn("view_count", gorm.Expr("view_count + ?", n))
			if res.Error != nil {
				return fmt.Errorf("add views to %d: %w", id, res.Error)
			}
			if res.RowsAffected == 0 {
				continue // deleted since the views were counted
			}
			row := ArticleDailyView{ArticleID: id, Day: day, Views: n}
			err := tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "article_id"}, {Name: "day"}},
				DoUpdates: clause.Assignments(map[string]any{"views": gorm.Expr("views + ?", n)}),
			}).Create(&row).Error
			if err != nil {
				return fmt.Errorf("add daily views to %d: %w", id, err)
			}
		}
		return nil
	})
}

// ViewCount returns an article's stored total of views.
func (s *Store) ViewCount(ctx context.Context, id uint) (int64, error) {
	var n int64
	err := s.reader(ctx).Model(&Article{}).Where("id = ?", id).Select("view_count").Scan(&n).Error
	return n, err
}
